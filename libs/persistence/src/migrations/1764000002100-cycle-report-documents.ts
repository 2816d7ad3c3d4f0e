import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One official report per reporting cycle and type (issue 17, items 1 and 6): consolidating a cycle creates its REPORT
 * document (docs/records.md "Reports"), idempotently on this key, as UNIQUE (proposal_id, type) does for a proposal's
 * decision. NULL report_cycle_id (a proposal's documents) never collides.
 */
export class CycleReportDocuments1764000002100 implements MigrationInterface {
  name = 'CycleReportDocuments1764000002100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE official_document ADD CONSTRAINT official_document_cycle_type_key UNIQUE (report_cycle_id, type)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE official_document DROP CONSTRAINT official_document_cycle_type_key`);
  }
}
