import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The answer to an incoming edXML document (issue 17, item 5; QCVN 102 status messages): the foreign-affairs
 * department accepts it (đã tiếp nhận) or rejects it with a reason (từ chối tiếp nhận), once. `status_at`/`status_by`
 * say when and who; a rejection carries its reason, which goes back to the sender in the REJECTED status message.
 */
export class IncomingDocumentStatus1764000002400 implements MigrationInterface {
  name = 'IncomingDocumentStatus1764000002400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE incoming_document
      ADD COLUMN status_reason text,
      ADD COLUMN status_at timestamptz,
      ADD COLUMN status_by uuid REFERENCES app_user(id)`);
    await q.query(`ALTER TABLE incoming_document ADD CONSTRAINT incoming_document_answered CHECK (
      (status = 'RECEIVED') = (status_at IS NULL AND status_by IS NULL)
      AND (status = 'REJECTED') = (status_reason IS NOT NULL))`);
    // The inbox lists them newest first.
    await q.query(`CREATE INDEX incoming_document_received_idx ON incoming_document (province_code, received_at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX incoming_document_received_idx`);
    await q.query(`ALTER TABLE incoming_document DROP CONSTRAINT incoming_document_answered`);
    await q.query(`ALTER TABLE incoming_document DROP COLUMN status_reason, DROP COLUMN status_at, DROP COLUMN status_by`);
  }
}
