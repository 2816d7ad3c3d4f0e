import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ADVISORY_LOCKS } from '../advisory-locks';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRecord {
  id?: string;
  at: string;
  actor: { id: string; name: string; type: 'USER' | 'SYSTEM' };
  action: string;
  proposalId: string | null;
  stage: string | null;
  workflowId?: string | null;
  runId?: string | null;
  payload: Record<string, unknown>;
}

export interface AuditRow {
  id: string;
  at: Date | string;
  actor_id: string;
  actor_name: string;
  actor_type: string;
  action: string;
  proposal_id: string | null;
  stage: string | null;
  workflow_id: string | null;
  run_id: string | null;
  payload: Record<string, unknown>;
  prev_hash: string;
  hash: string;
}

/** The fields a hash covers, in one canonical shape whether read from a record or from a row. */
function hashedFields(row: Omit<AuditRow, 'hash' | 'prev_hash'>): Record<string, unknown> {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    actorType: row.actor_type,
    action: row.action,
    proposalId: row.proposal_id,
    stage: row.stage,
    workflowId: row.workflow_id,
    runId: row.run_id,
    payload: row.payload,
  };
}

/**
 * One event's values in audit_event's column order (id, at, actor_id, actor_name, actor_type, action, proposal_id,
 * stage, workflow_id, run_id, payload, prev_hash, hash): appendAudit's INSERT and the bench's bulk generator write
 * the same row.
 */
export function auditValues(row: Omit<AuditRow, 'hash' | 'prev_hash'>, prevHash: string, hash: string): unknown[] {
  return [
    row.id,
    row.at,
    row.actor_id,
    row.actor_name,
    row.actor_type,
    row.action,
    row.proposal_id,
    row.stage,
    row.workflow_id,
    row.run_id,
    JSON.stringify(row.payload),
    prevHash,
    hash,
  ];
}

export function auditHash(prevHash: string, row: Omit<AuditRow, 'hash' | 'prev_hash'>): string {
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalJson(hashedFields(row)))
    .digest('hex');
}

/**
 * The chain head of the transaction's province, its lock taken first (migration 1764000002500): one round trip, alone
 * (AUDIT_CHAIN_HEAD_SQL) or inside a larger statement (the projection's).
 */
export const AUDIT_CHAIN_HEAD_EXPR = `audit_chain_head(${ADVISORY_LOCKS.AUDIT_CHAIN})`;
export const AUDIT_CHAIN_HEAD_SQL = `SELECT ${AUDIT_CHAIN_HEAD_EXPR} AS hash`;

/** Appends records to the chain inside the caller's transaction (same transaction as the change they record). */
export async function appendAudit(manager: EntityManager, records: AuditRecord[]): Promise<void> {
  if (!records.length) return;
  // Each province has its own chain (row-level security shows this transaction its province's rows only).
  const [head]: { hash: string | null }[] = await manager.query(AUDIT_CHAIN_HEAD_SQL);
  await insertAuditChain(manager, records, head?.hash ?? GENESIS_HASH);
}

/**
 * Inserts records after `prevHash`, which must be the chain's head read under the province's audit-chain lock in this
 * same transaction (AUDIT_CHAIN_HEAD_SQL, alone or inside a larger statement as the projection does).
 */
export async function insertAuditChain(manager: EntityManager, records: AuditRecord[], prevHash: string): Promise<void> {
  if (!records.length) return;
  // One INSERT for the records of one change (a decision writes two or three): the rows take their seq in VALUES order,
  // which is the chain's order.
  const params: unknown[] = [];
  const rows: string[] = [];
  for (const record of records) {
    const row = {
      id: record.id ?? randomUUID(),
      at: record.at,
      actor_id: record.actor.id,
      actor_name: record.actor.name,
      actor_type: record.actor.type,
      action: record.action,
      proposal_id: record.proposalId,
      stage: record.stage,
      workflow_id: record.workflowId ?? null,
      run_id: record.runId ?? null,
      // jsonb drops undefined; hash exactly what will be stored.
      payload: JSON.parse(JSON.stringify(record.payload)) as Record<string, unknown>,
    };
    const hash = auditHash(prevHash, row);
    const values = auditValues(row, prevHash, hash);
    rows.push(`(${values.map((_, i) => `$${params.length + i + 1}`).join(',')})`);
    params.push(...values);
    prevHash = hash;
  }
  await manager.query(
    `INSERT INTO audit_event (id, at, actor_id, actor_name, actor_type, action, proposal_id, stage, workflow_id, run_id, payload, prev_hash, hash)
     VALUES ${rows.join(', ')}`,
    params,
  );
}
