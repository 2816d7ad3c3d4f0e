import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Official documents of Decree 30/2020/NĐ-CP (issue 17, docs/api.md "Official documents") and the outgoing-document
 * registers (sổ đăng ký văn bản đi) that number them.
 *
 * - `official_document`: a decision, letter or report with the components of Decree 30 Art 8 (issuer, number and
 *   notation, place and date, subject, body, signer, recipients). A document is DRAFT until a leader or clerk of the
 *   issuer issues it: only then does it get its number, year and date, together (a CHECK says so).
 * - `document_register`: one counter row per issuing agency and calendar year. Issuing increments it with
 *   `INSERT ... ON CONFLICT DO UPDATE ... RETURNING` in the issuing transaction, which holds the row lock until commit:
 *   two issues at once get consecutive numbers, and a rolled-back issue gives its number back (no gaps).
 *   UNIQUE (issuer, year, number) on the documents is the last line of defence.
 *
 * Both tables belong to a province under row-level security, like every other (migration 1764000001800). Agency codes
 * carry their province, so the register key needs no province of its own.
 */
export class OfficialDocuments1764000001900 implements MigrationInterface {
  name = 'OfficialDocuments1764000001900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE official_document (
      id uuid PRIMARY KEY,
      province_code varchar(8) NOT NULL DEFAULT current_setting('accord.province') REFERENCES province(code),
      proposal_id uuid REFERENCES proposal(id),
      report_cycle_id uuid REFERENCES report_cycle(id),
      type varchar(24) NOT NULL CHECK (type IN ('DECISION', 'OFFICIAL_LETTER', 'REPORT', 'POST_SIGNING_REPORT')),
      issuer_agency_code varchar(32) NOT NULL REFERENCES agency(code),
      number integer CHECK (number > 0),
      year integer,
      notation varchar(32) NOT NULL,
      place text NOT NULL,
      issued_on date,
      subject text NOT NULL,
      body text NOT NULL DEFAULT '',
      signer_name text,
      signer_title text,
      signer_authority text,
      recipients text[] NOT NULL DEFAULT '{}',
      priority varchar(16) NOT NULL DEFAULT 'NORMAL' CHECK (priority IN ('NORMAL', 'URGENT', 'VERY_URGENT', 'FLASH')),
      status varchar(8) NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'ISSUED', 'SIGNED')),
      sha256 char(64),
      created_at timestamptz NOT NULL DEFAULT now(),
      issued_at timestamptz,
      issued_by uuid REFERENCES app_user(id),
      CONSTRAINT official_document_issued_together CHECK (
        (status = 'DRAFT' AND number IS NULL AND year IS NULL AND issued_on IS NULL AND issued_at IS NULL)
        OR (status <> 'DRAFT' AND number IS NOT NULL AND year IS NOT NULL AND issued_on IS NOT NULL AND issued_at IS NOT NULL)),
      CONSTRAINT official_document_register_key UNIQUE (issuer_agency_code, year, number),
      -- One decision (one post-signing report...) per proposal: the projection inserts it idempotently on this key.
      CONSTRAINT official_document_proposal_type_key UNIQUE (proposal_id, type)
    )`);
    await q.query(`CREATE INDEX official_document_cycle_idx ON official_document (report_cycle_id) WHERE report_cycle_id IS NOT NULL`);

    await q.query(`CREATE TABLE document_register (
      agency_code varchar(32) NOT NULL REFERENCES agency(code),
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2999),
      last_number integer NOT NULL CHECK (last_number > 0),
      province_code varchar(8) NOT NULL DEFAULT current_setting('accord.province') REFERENCES province(code),
      PRIMARY KEY (agency_code, year)
    )`);

    for (const table of ['official_document', 'document_register']) {
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY province_isolation ON ${table} TO accord_app
        USING (province_code = current_setting('accord.province', true))
        WITH CHECK (province_code = current_setting('accord.province', true))`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_register`);
    await q.query(`DROP TABLE official_document`);
  }
}
