import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { OutboxCommand } from '@accord/temporal/contracts';
import { updateReturning } from '../sql/update-returning';

export interface OutboxRow {
  id: string;
  proposalId: string | null;
  command: OutboxCommand;
  attempts: number;
}

/** Grace before the relay takes a command over: the api normally sends it well within this. */
export const OUTBOX_HANDOVER_SECONDS = 10;

/** Stores `command` in the caller's transaction; returns its id. */
export async function enqueueCommand(
  m: EntityManager,
  command: OutboxCommand,
  proposalId: string | null,
  id: string = randomUUID(),
): Promise<string> {
  await m.query(
    `INSERT INTO command_outbox (id, kind, workflow_id, proposal_id, command, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
    [id, command.kind, command.workflowId, proposalId, JSON.stringify(command), OUTBOX_HANDOVER_SECONDS],
  );
  return id;
}

/** The unsent START_WORKFLOW command of a proposal, if any (an Idempotency-Key retry sends it again). */
export async function pendingStart(db: DataSource | EntityManager, proposalId: string): Promise<OutboxRow | null> {
  const [row]: { id: string; proposal_id: string | null; command: OutboxCommand; attempts: number }[] = await db.query(
    `SELECT id, proposal_id, command, attempts FROM command_outbox WHERE proposal_id = $1 AND kind = 'START_WORKFLOW' AND done_at IS NULL`,
    [proposalId],
  );
  return row ? { id: row.id, proposalId: row.proposal_id, command: row.command, attempts: row.attempts } : null;
}

/**
 * Leases up to `limit` due commands for `leaseSeconds` (SKIP LOCKED: several relays never take the same one); a
 * relay that dies mid-send leaves the lease to run out, and another sends the command again.
 */
export async function claimDueCommands(db: DataSource, limit: number, leaseSeconds = 30): Promise<OutboxRow[]> {
  const rows = await updateReturning<{ id: string; proposal_id: string | null; command: OutboxCommand; attempts: number }>(
    db.manager,
    `UPDATE command_outbox o SET attempts = o.attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
     WHERE o.id IN (SELECT id FROM command_outbox WHERE done_at IS NULL AND next_attempt_at <= now()
                    ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
     RETURNING o.id, o.proposal_id, o.command, o.attempts`,
    [limit, leaseSeconds],
  );
  return rows.map((r) => ({ id: r.id, proposalId: r.proposal_id, command: r.command, attempts: r.attempts }));
}

export async function markCommandSent(db: DataSource | EntityManager, id: string): Promise<void> {
  await db.query('UPDATE command_outbox SET done_at = now(), last_error = NULL WHERE id = $1 AND done_at IS NULL', [id]);
}

/** Backs off 2, 4, 8 … seconds, at most a minute apart, so an outage is waited out without hammering. */
export async function markCommandFailed(db: DataSource, id: string, attempts: number, error: string): Promise<void> {
  const backoff = Math.min(60, 2 ** Math.min(attempts, 6));
  await db.query(
    'UPDATE command_outbox SET last_error = $2, next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1 AND done_at IS NULL',
    [id, error.slice(0, 2000), backoff],
  );
}

/** Unsent commands and the age of the oldest, for /metrics and the incidents page. */
export async function outboxBacklog(db: DataSource): Promise<{ pending: number; oldestSeconds: number }> {
  const [r]: { pending: string; oldest: number | null }[] = await db.query(
    `SELECT count(*) AS pending, EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS oldest FROM command_outbox WHERE done_at IS NULL`,
  );
  return { pending: Number(r?.pending ?? 0), oldestSeconds: r?.oldest ?? 0 };
}

export type { OutboxCommand };
