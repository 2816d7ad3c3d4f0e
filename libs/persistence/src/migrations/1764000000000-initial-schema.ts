import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Agencies, users, proposals, dossier versions, tasks, attachments, append-only audit chain, holidays, registry. */
export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE agency (
      code varchar(32) PRIMARY KEY,
      name text NOT NULL,
      name_en text NOT NULL,
      level varchar(32) NOT NULL DEFAULT 'PROVINCIAL'
    )`);
    await q.query(`CREATE TABLE app_user (
      id uuid PRIMARY KEY,
      email varchar(254) NOT NULL UNIQUE,
      full_name text NOT NULL,
      password_hash text NOT NULL,
      agency_code varchar(32) REFERENCES agency(code),
      roles text[] NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE SEQUENCE proposal_reference_seq`);
    await q.query(`CREATE TABLE proposal (
      id uuid PRIMARY KEY,
      reference varchar(32) NOT NULL UNIQUE,
      kind varchar(32) NOT NULL,
      title text NOT NULL,
      summary text NOT NULL,
      details jsonb NOT NULL,
      procedure varchar(16) NOT NULL,
      urgency varchar(16) NOT NULL,
      status varchar(32) NOT NULL,
      stage varchar(32),
      submitting_agency_code varchar(32) NOT NULL REFERENCES agency(code),
      submitted_by uuid NOT NULL REFERENCES app_user(id),
      plan jsonb NOT NULL,
      policy_version varchar(32) NOT NULL,
      workflow_id varchar(64) NOT NULL UNIQUE,
      projection_seq integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX proposal_created_idx ON proposal (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX proposal_agency_idx ON proposal (submitting_agency_code, created_at DESC)`);
    await q.query(`CREATE TABLE attachment (
      id uuid PRIMARY KEY,
      filename text NOT NULL,
      size bigint NOT NULL,
      sha256 char(64) NOT NULL,
      media_type varchar(128) NOT NULL,
      storage_key text NOT NULL,
      uploaded_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE dossier_version (
      id uuid PRIMARY KEY,
      proposal_id uuid NOT NULL REFERENCES proposal(id),
      version integer NOT NULL,
      content jsonb NOT NULL,
      attachments jsonb NOT NULL DEFAULT '[]',
      hash char(64) NOT NULL,
      created_by uuid NOT NULL REFERENCES app_user(id),
      created_at timestamptz NOT NULL,
      UNIQUE (proposal_id, version)
    )`);
    await q.query(`CREATE TABLE task (
      id uuid PRIMARY KEY,
      proposal_id uuid NOT NULL REFERENCES proposal(id),
      kind varchar(32) NOT NULL,
      stage varchar(32) NOT NULL,
      candidate_agency_code varchar(32) NOT NULL REFERENCES agency(code),
      external_body varchar(16),
      assignee_id uuid REFERENCES app_user(id),
      status varchar(16) NOT NULL,
      round integer NOT NULL,
      created_at timestamptz NOT NULL,
      due_at timestamptz NOT NULL,
      clock_type varchar(16) NOT NULL,
      clock_length integer NOT NULL,
      paused boolean NOT NULL DEFAULT false,
      paused_reason text,
      allowed_decisions text[] NOT NULL,
      decision varchar(32),
      comment text,
      attachment_ids uuid[] NOT NULL DEFAULT '{}',
      completed_at timestamptz,
      completed_by uuid REFERENCES app_user(id)
    )`);
    await q.query(`CREATE INDEX task_inbox_idx ON task (candidate_agency_code, status, due_at, id)`);
    await q.query(`CREATE INDEX task_proposal_idx ON task (proposal_id, created_at)`);
    await q.query(`CREATE TABLE agreement (
      id uuid PRIMARY KEY,
      proposal_id uuid NOT NULL UNIQUE REFERENCES proposal(id),
      number varchar(64),
      title text NOT NULL,
      counterpart jsonb NOT NULL,
      country char(2) NOT NULL,
      fields text[] NOT NULL,
      signed_at timestamptz NOT NULL,
      place text NOT NULL,
      signatories jsonb NOT NULL,
      term_months integer,
      expires_on date,
      status varchar(16) NOT NULL,
      lead_agency_code varchar(32) NOT NULL REFERENCES agency(code),
      created_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX agreement_signed_idx ON agreement (signed_at DESC, id DESC)`);
    await q.query(`CREATE TABLE holiday (
      date date PRIMARY KEY,
      name text NOT NULL,
      name_en text NOT NULL,
      kind varchar(16) NOT NULL CHECK (kind IN ('HOLIDAY', 'MAKEUP_WORKDAY'))
    )`);
    await q.query(`CREATE TABLE idempotency_record (
      user_id uuid NOT NULL,
      scope varchar(64) NOT NULL,
      key varchar(255) NOT NULL,
      resource_id uuid NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, scope, key)
    )`);
    await q.query(`CREATE TABLE applied_transition (
      key varchar(128) PRIMARY KEY,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE audit_event (
      seq bigserial PRIMARY KEY,
      id uuid NOT NULL UNIQUE,
      at timestamptz NOT NULL,
      actor_id varchar(64) NOT NULL,
      actor_name text NOT NULL,
      actor_type varchar(8) NOT NULL,
      action varchar(64) NOT NULL,
      proposal_id uuid,
      stage varchar(32),
      workflow_id varchar(64),
      run_id varchar(64),
      payload jsonb NOT NULL,
      prev_hash char(64) NOT NULL,
      hash char(64) NOT NULL
    )`);
    await q.query(`CREATE INDEX audit_proposal_idx ON audit_event (proposal_id, seq)`);
    // The audit log is append-only: a trigger refuses UPDATE and DELETE (docs/architecture.md "Audit").
    await q.query(`CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only';
      END;
    $$`);
    await q.query(`CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'audit_event',
      'applied_transition',
      'idempotency_record',
      'holiday',
      'agreement',
      'task',
      'dossier_version',
      'attachment',
      'proposal',
      'app_user',
      'agency',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS audit_event_append_only`);
    await q.query(`DROP SEQUENCE IF EXISTS proposal_reference_seq`);
  }
}
