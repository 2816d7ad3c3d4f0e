import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search box (`q` on /proposals and /tasks) matches every word with `search_text LIKE '%word%'`. Without an
 * index a word that matches few proposals reads every row (45-76 ms at 100k proposals, docs/benchmarks.md); a
 * trigram index finds the few rows directly. pg_trgm ships with PostgreSQL (contrib) and is a trusted extension
 * (PostgreSQL 13+: the database owner may create it). A server without it keeps working, only slower: the migration
 * then skips the index and says so.
 */
export class SearchTrigram1764000001100 implements MigrationInterface {
  name = 'SearchTrigram1764000001100';

  async up(q: QueryRunner): Promise<void> {
    const [available]: unknown[] = await q.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'`);
    if (!available) {
      await q.query(`DO $$ BEGIN RAISE NOTICE 'pg_trgm is not available on this server: search works without its index'; END $$`);
      return;
    }
    await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await q.query('CREATE INDEX IF NOT EXISTS proposal_search_trgm_idx ON proposal USING gin (search_text gin_trgm_ops)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX IF EXISTS proposal_search_trgm_idx');
  }
}
