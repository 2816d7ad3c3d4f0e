import type { MigrationInterface, QueryRunner } from 'typeorm';
import { POLICY_2026_1 as DEFAULT_POLICY } from '@accord/domain/routing/policy-2026-1';

/**
 * Routing policies as versioned, published data (docs/domain.md "Routing policy (data, versioned)"). The newest
 * published version is current: new proposals are planned with it, running ones keep the plan stored with them.
 * A fresh database starts with the default policy as its first published version (published_by NULL: the
 * system). The document is frozen in policy-2026-1.ts; later
 * versions are published by later migrations (1764000001500) or through the api.
 */
export class RoutingPolicy1764000000200 implements MigrationInterface {
  name = 'RoutingPolicy1764000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE routing_policy (
      version varchar(32) PRIMARY KEY,
      document jsonb NOT NULL,
      published_at timestamptz NOT NULL,
      published_by uuid REFERENCES app_user(id),
      note text
    )`);
    await q.query(`CREATE INDEX routing_policy_published_idx ON routing_policy (published_at DESC, version DESC)`);
    // A published version is what running proposals were planned with: it is never changed or removed.
    await q.query(`CREATE FUNCTION routing_policy_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'routing_policy versions are immutable; publish a new version instead';
      END;
    $$`);
    await q.query(`CREATE TRIGGER routing_policy_no_update_delete BEFORE UPDATE OR DELETE ON routing_policy
      FOR EACH ROW EXECUTE FUNCTION routing_policy_immutable()`);
    await q.query(
      `INSERT INTO routing_policy (version, document, published_at, published_by, note) VALUES ($1, $2, date_trunc('milliseconds', now()), NULL, $3)`,
      [
        DEFAULT_POLICY.version,
        JSON.stringify(DEFAULT_POLICY),
        'Default provincial policy (Law 70/2020, Decree 64/2021, Res. 250/2025, Hà Tĩnh plan)',
      ],
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS routing_policy`);
    await q.query(`DROP FUNCTION IF EXISTS routing_policy_immutable`);
  }
}
