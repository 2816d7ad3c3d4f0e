import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Signed copies of official documents and incoming edXML documents (issue 17, items 4-5).
 *
 * - `official_document` gains the signed copy: the PDF signed outside Accord, verified by the api
 *   (`verifySignedPdf`) and stored in the attachment store under its sha256 (`signed_storage_key`). `signature` is
 *   the verified signature as the api shows it (`{subject, issuer, serial, signedAt, chainTrusted}`), `signed_at`
 *   when Accord accepted it and `signed_by` the user who uploaded it (the signer is `signature.subject`). A SIGNED
 *   document always has its copy (CHECK).
 * - `incoming_document`: a package received through `POST /edxml/inbox` (another organ's document: MOFA's answer,
 *   the Government's decision), registered for the province's foreign-affairs department and linked to the official
 *   document it answers when its ResponseFor names one. A tenant table under row-level security like every other
 *   (migration 1764000001800); the same package (sender's organ and DocumentId) is registered once per province.
 */
export class SignedCopiesAndEdxmlInbox1764000002000 implements MigrationInterface {
  name = 'SignedCopiesAndEdxmlInbox1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE official_document
      ADD COLUMN signed_sha256 char(64),
      ADD COLUMN signature jsonb,
      ADD COLUMN signed_at timestamptz,
      ADD COLUMN signed_by uuid REFERENCES app_user(id),
      ADD COLUMN signed_storage_key varchar(64),
      ADD COLUMN signed_size bigint`);
    await q.query(`ALTER TABLE official_document ADD CONSTRAINT official_document_signed_copy CHECK (
      (status = 'SIGNED') = (signed_sha256 IS NOT NULL AND signature IS NOT NULL AND signed_at IS NOT NULL AND signed_storage_key IS NOT NULL))`);

    await q.query(`CREATE TABLE incoming_document (
      id uuid PRIMARY KEY,
      province_code varchar(8) NOT NULL DEFAULT current_setting('accord.province') REFERENCES province(code),
      recipient_agency_code varchar(32) NOT NULL REFERENCES agency(code),
      edxml_document_id text NOT NULL,
      from_organ_id text NOT NULL,
      from_organ_name text NOT NULL,
      code_number text NOT NULL,
      code_notation text NOT NULL,
      promulgation_date date NOT NULL,
      place text NOT NULL,
      document_type text NOT NULL,
      subject text NOT NULL,
      signer_name text NOT NULL,
      priority varchar(16) NOT NULL,
      due_date date,
      response_for jsonb NOT NULL DEFAULT '[]',
      attachments jsonb NOT NULL DEFAULT '[]',
      package_sha256 char(64) NOT NULL,
      linked_document_id uuid REFERENCES official_document(id),
      proposal_id uuid REFERENCES proposal(id),
      status varchar(16) NOT NULL DEFAULT 'RECEIVED' CHECK (status IN ('RECEIVED', 'ACCEPTED', 'REJECTED')),
      received_at timestamptz NOT NULL DEFAULT now(),
      received_by uuid NOT NULL REFERENCES app_user(id),
      CONSTRAINT incoming_document_package_key UNIQUE (province_code, from_organ_id, edxml_document_id)
    )`);
    await q.query(
      `CREATE INDEX incoming_document_linked_idx ON incoming_document (linked_document_id) WHERE linked_document_id IS NOT NULL`,
    );
    await q.query(`ALTER TABLE incoming_document ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY province_isolation ON incoming_document TO accord_app
      USING (province_code = current_setting('accord.province', true))
      WITH CHECK (province_code = current_setting('accord.province', true))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE incoming_document`);
    await q.query(`ALTER TABLE official_document DROP CONSTRAINT official_document_signed_copy`);
    await q.query(`ALTER TABLE official_document DROP COLUMN signed_sha256, DROP COLUMN signature, DROP COLUMN signed_at,
      DROP COLUMN signed_by, DROP COLUMN signed_storage_key, DROP COLUMN signed_size`);
  }
}
