import type { MigrationInterface, QueryRunner } from 'typeorm';
import { DEFAULT_REPORT_CYCLE_POLICIES } from '@accord/domain/reporting/report-cycle-policy';

/**
 * Implementation plans (items with a lead, coordinators, a due date or recurrence, status updates with evidence),
 * reporting cycles with their PERIODIC_REPORT tasks (the `task` table now serves proposals and cycles: exactly one
 * of proposal_id / report_cycle_id is set), the consolidated report documents, the cycle policy as data, and the
 * delivery log of the commitments-database sync (Res. 250/2025/QH15 Art 6).
 */
export class PlansAndReporting1764000000500 implements MigrationInterface {
  name = 'PlansAndReporting1764000000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE plan (
      id uuid PRIMARY KEY,
      title text NOT NULL,
      source text,
      format varchar(8) NOT NULL CHECK (format IN ('JSON', 'XLSX')),
      file_sha256 char(64),
      workflow_id varchar(64) NOT NULL UNIQUE,
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX plan_created_idx ON plan (created_at DESC, id DESC)`);
    await q.query(`CREATE TABLE plan_item (
      id uuid PRIMARY KEY,
      plan_id uuid NOT NULL REFERENCES plan(id),
      no integer NOT NULL,
      task text NOT NULL,
      lead_agency_code varchar(32) REFERENCES agency(code),
      lead_group varchar(32) CHECK (lead_group IN ('ALL_AGENCIES', 'PROPOSING_AGENCY')),
      lead_text text NOT NULL,
      coordinating_agency_codes text[] NOT NULL DEFAULT '{}',
      coordinating_text text NOT NULL DEFAULT '',
      time_frame text NOT NULL,
      due_on date,
      recurrence varchar(16) CHECK (recurrence IN ('CONTINUOUS', 'ANNUAL', 'SEMI_ANNUAL', 'QUARTERLY', 'MONTHLY', 'PERIODIC', 'ON_DEMAND')),
      period_from date,
      period_to date,
      output text NOT NULL DEFAULT '',
      status varchar(16) NOT NULL DEFAULT 'NOT_STARTED' CHECK (status IN ('NOT_STARTED', 'IN_PROGRESS', 'DONE', 'BLOCKED')),
      last_done_on date,
      -- The due day the item was last escalated for: one escalation per overdue occurrence.
      escalated_due_on date,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL,
      UNIQUE (plan_id, no),
      CONSTRAINT plan_item_one_lead CHECK ((lead_agency_code IS NULL) <> (lead_group IS NULL)),
      CONSTRAINT plan_item_timing CHECK (due_on IS NOT NULL OR recurrence IS NOT NULL)
    )`);
    await q.query(`CREATE INDEX plan_item_lead_idx ON plan_item (lead_agency_code, status)`);
    await q.query(`CREATE TABLE plan_item_update (
      id uuid PRIMARY KEY,
      plan_item_id uuid NOT NULL REFERENCES plan_item(id),
      status varchar(16) NOT NULL CHECK (status IN ('NOT_STARTED', 'IN_PROGRESS', 'DONE', 'BLOCKED')),
      note text NOT NULL,
      attachment_ids uuid[] NOT NULL DEFAULT '{}',
      agency_code varchar(32) REFERENCES agency(code),
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX plan_item_update_item_idx ON plan_item_update (plan_item_id, created_at)`);

    await q.query(`CREATE TABLE report_cycle_policy (
      kind varchar(16) PRIMARY KEY,
      document jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    for (const policy of DEFAULT_REPORT_CYCLE_POLICIES) {
      await q.query(`INSERT INTO report_cycle_policy (kind, document) VALUES ($1, $2)`, [policy.kind, JSON.stringify(policy)]);
    }
    await q.query(`CREATE TABLE report_cycle (
      id uuid PRIMARY KEY,
      kind varchar(16) NOT NULL,
      year integer NOT NULL,
      title text NOT NULL,
      period_from date NOT NULL,
      period_to date NOT NULL,
      opened_on date NOT NULL,
      due_on date NOT NULL,
      status varchar(16) NOT NULL CHECK (status IN ('OPEN', 'CONSOLIDATED')),
      consolidator_agency_code varchar(32) NOT NULL REFERENCES agency(code),
      workflow_id varchar(128) NOT NULL UNIQUE,
      opened_by uuid REFERENCES app_user(id),
      opened_at timestamptz NOT NULL,
      prefill jsonb NOT NULL DEFAULT '{}',
      consolidated_at timestamptz,
      consolidated_by uuid REFERENCES app_user(id),
      projection_seq integer NOT NULL DEFAULT 0,
      -- One cycle of a kind per year, whether a schedule or an administrator opened it.
      UNIQUE (kind, year)
    )`);
    await q.query(`CREATE INDEX report_cycle_opened_idx ON report_cycle (opened_at DESC, id DESC)`);
    await q.query(`CREATE TABLE report_cycle_document (
      cycle_id uuid NOT NULL REFERENCES report_cycle(id),
      format varchar(8) NOT NULL CHECK (format IN ('docx', 'xlsx')),
      content bytea NOT NULL,
      sha256 char(64) NOT NULL,
      generated_at timestamptz NOT NULL,
      PRIMARY KEY (cycle_id, format)
    )`);

    await q.query(`ALTER TABLE task ALTER COLUMN proposal_id DROP NOT NULL`);
    await q.query(`ALTER TABLE task ADD COLUMN report_cycle_id uuid REFERENCES report_cycle(id)`);
    await q.query(`ALTER TABLE task ADD COLUMN prefill jsonb`);
    await q.query(`ALTER TABLE task ADD CONSTRAINT task_one_subject CHECK ((proposal_id IS NULL) <> (report_cycle_id IS NULL))`);
    await q.query(`CREATE INDEX task_report_cycle_idx ON task (report_cycle_id, candidate_agency_code) WHERE report_cycle_id IS NOT NULL`);

    // Each version of an agreement's record goes to the national database once: versions are numbered per agreement,
    // keyed by the hash of what was sent.
    await q.query(`CREATE TABLE commitment_sync (
      agreement_id uuid NOT NULL REFERENCES agreement(id),
      version integer NOT NULL,
      payload jsonb NOT NULL,
      payload_hash char(64) NOT NULL,
      status varchar(16) NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'REJECTED')),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      last_attempt_at timestamptz,
      delivered_at timestamptz,
      created_at timestamptz NOT NULL,
      PRIMARY KEY (agreement_id, version)
    )`);
    await q.query(`CREATE INDEX commitment_sync_pending_idx ON commitment_sync (created_at) WHERE status <> 'DELIVERED'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE commitment_sync`);
    await q.query(`DELETE FROM notification WHERE task_id IN (SELECT id FROM task WHERE report_cycle_id IS NOT NULL)`);
    await q.query(`DELETE FROM task WHERE report_cycle_id IS NOT NULL`);
    await q.query(`ALTER TABLE task DROP CONSTRAINT task_one_subject`);
    await q.query(`ALTER TABLE task DROP COLUMN prefill`);
    await q.query(`ALTER TABLE task DROP COLUMN report_cycle_id`);
    await q.query(`ALTER TABLE task ALTER COLUMN proposal_id SET NOT NULL`);
    for (const table of ['report_cycle_document', 'report_cycle', 'report_cycle_policy', 'plan_item_update', 'plan_item', 'plan']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
