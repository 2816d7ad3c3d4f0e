import type { DataSource, EntityManager } from 'typeorm';
import { ADVISORY_LOCKS } from '../advisory-locks';
import { SqlConditions } from '../sql/sql-conditions';
import type { AuditRow } from './audit-chain';
import { writeCheckpoint, type CheckpointOutcome, type SqlQuery } from './audit-checkpoint';

type Db = DataSource | EntityManager;

/** An audit_event row as GET /audit lists it: the chained fields but the id, workflow and run, plus its place. */
export type AuditEventRow = Omit<AuditRow, 'id' | 'at' | 'workflow_id' | 'run_id' | 'payload'> & {
  seq: string;
  at: Date;
  payload: unknown;
};

export interface AuditEventFilter {
  proposalId?: string;
  actorId?: string;
  action?: string;
  /** Instants (ISO 8601): from inclusive, to exclusive. */
  from?: string;
  to?: string;
  /** The seq of the last row of the previous page. */
  afterSeq: string | null;
  limit: number;
}

/** Audit events in chain order (seq). */
export async function listAuditEvents(db: Db, f: AuditEventFilter): Promise<AuditEventRow[]> {
  const c = new SqlConditions();
  if (f.proposalId) c.where(`proposal_id = ${c.param(f.proposalId)}`);
  if (f.actorId) c.where(`actor_id = ${c.param(f.actorId)}`);
  if (f.action) c.where(`action = ${c.param(f.action)}`);
  if (f.from) c.where(`at >= ${c.param(f.from)}::timestamptz`);
  if (f.to) c.where(`at < ${c.param(f.to)}::timestamptz`);
  if (f.afterSeq !== null) c.where(`seq > ${c.param(f.afterSeq)}`);
  return db.query(`SELECT * FROM audit_event WHERE ${c.sql} ORDER BY seq LIMIT ${c.param(f.limit)}`, c.params);
}

/** The checkpoint and verification code reads the chain through a bare query function (it also runs on a pg client). */
export function auditSqlQuery(db: Db): SqlQuery {
  return (sql, params) => db.query(sql, params);
}

/**
 * Takes one audit checkpoint (writeCheckpoint) under the checkpoint writers' advisory lock, so worker replicas and the
 * on-demand script sharing one file take turns.
 */
export function takeAuditCheckpoint(db: DataSource, key: string, dir: string, now: Date): Promise<CheckpointOutcome> {
  return db.transaction(async (m) => {
    await m.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.AUDIT_CHECKPOINT]);
    return writeCheckpoint(auditSqlQuery(m), key, dir, now);
  });
}

/** The session-level advisory lock that lets one GET /audit/verify run at a time across the api processes. */
export const AUDIT_VERIFY_LOCK_SQL = `hashtext('accord:audit-verify')`;

/** Takes the verify lock when it is free, on the connection of `m` (a query runner's manager: the lock is the session's). */
export async function tryAuditVerifyLock(m: EntityManager): Promise<boolean> {
  const [{ locked }]: { locked: boolean }[] = await m.query(`SELECT pg_try_advisory_lock(${AUDIT_VERIFY_LOCK_SQL}) AS locked`);
  return locked;
}

export async function releaseAuditVerifyLock(m: EntityManager): Promise<void> {
  await m.query(`SELECT pg_advisory_unlock(${AUDIT_VERIFY_LOCK_SQL})`);
}

/** Every audit event of a proposal with all its chained fields, in chain order: the case archive's audit/events.json. */
export function listProposalAuditRows(db: Db, proposalId: string): Promise<(AuditRow & { seq: string })[]> {
  return db.query('SELECT * FROM audit_event WHERE proposal_id = $1 ORDER BY seq', [proposalId]);
}
