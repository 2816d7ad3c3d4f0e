import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Commands to Temporal (start a proposal's workflow, recount its deadlines) are written in the same transaction as
 * the rows that accept them, then sent; the worker's relay sends whatever the api could not (docs/reliability.md).
 * Incidents: a workflow step that keeps failing on the same input waits for an administrator instead of retrying
 * for ever in silence.
 */
export class CommandOutbox1764000001000 implements MigrationInterface {
  name = 'CommandOutbox1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE command_outbox (
      id uuid PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('START_WORKFLOW', 'WORKFLOW_UPDATE')),
      workflow_id text NOT NULL,
      proposal_id uuid REFERENCES proposal(id),
      command jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      done_at timestamptz
    )`);
    await q.query(`CREATE INDEX command_outbox_due_idx ON command_outbox (next_attempt_at) WHERE done_at IS NULL`);
    await q.query(`CREATE INDEX command_outbox_proposal_idx ON command_outbox (proposal_id)`);

    await q.query(`CREATE TABLE incident (
      id uuid PRIMARY KEY,
      workflow_id text NOT NULL,
      run_id text NOT NULL,
      proposal_id uuid REFERENCES proposal(id),
      step_key text NOT NULL,
      step jsonb NOT NULL,
      activity text NOT NULL,
      error_type text NOT NULL,
      error_message text NOT NULL,
      status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'RETRYING', 'RESOLVED')),
      opened_at timestamptz NOT NULL,
      retry_count integer NOT NULL DEFAULT 0,
      last_retry_at timestamptz,
      last_retry_by uuid,
      resolved_at timestamptz,
      resolved_by uuid,
      resolution text
    )`);
    await q.query(`CREATE INDEX incident_open_idx ON incident (opened_at DESC, id DESC) WHERE status <> 'RESOLVED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE incident');
    await q.query('DROP TABLE command_outbox');
  }
}
