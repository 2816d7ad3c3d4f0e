import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_chain_head(lock_id)`: takes the province's audit-chain lock and returns the hash of the chain's last event, in
 * one round trip (issue 16). It must be a VOLATILE function: in READ COMMITTED each of its statements takes a fresh
 * snapshot, so the SELECT after the lock sees an event another transaction committed while this one waited. The same
 * two statements sent as one (`SELECT pg_advisory_xact_lock(…), (SELECT hash …)`) would read with the snapshot taken
 * before the wait and fork the chain. SECURITY INVOKER (the default): row-level security shows the caller's province's
 * events only, as before.
 */
export class AuditChainHead1764000002500 implements MigrationInterface {
  name = 'AuditChainHead1764000002500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION audit_chain_head(lock_id integer) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(lock_id, hashtext(coalesce(current_setting('accord.province', true), '')));
        RETURN (SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1);
      END
    $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION audit_chain_head(integer)`);
  }
}
