import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The role the api and the worker should connect as (issue 12, item 8), and TRUNCATE refused on the audit log.
 *
 * The table owner can do anything to audit_event (TRUNCATE, disable its trigger, drop it), so the processes that serve
 * requests must not be the owner. This creates the NOLOGIN group role `accord_app` with what they need: read and write
 * on every table, but on audit_event only SELECT and INSERT. A deployment gives its api/worker login role membership
 * of `accord_app` and keeps the owning role (the one running these migrations, DATABASE_MIGRATION_URL) for migrations
 * only. With a single DATABASE_URL (development, small installs) nothing changes: the owner is used for everything and
 * the role just exists.
 *
 * Roles are cluster-wide; another database on the same server (a second Accord, a test run) may have created
 * `accord_app` already, or an administrator may have created it beforehand for an owner without CREATEROLE
 * (docker/postgres-init.sh does). So it is created only when missing, and `down` revokes but never drops it.
 */
export class AuditAppendOnlyRoles1764000001400 implements MigrationInterface {
  name = 'AuditAppendOnlyRoles1764000001400';

  async up(q: QueryRunner): Promise<void> {
    // The row trigger of the initial schema never fires for TRUNCATE: a statement trigger refuses it.
    await q.query(`CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()`);

    await q.query(`DO $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'accord_app') THEN
          BEGIN
            CREATE ROLE accord_app NOLOGIN;
          EXCEPTION
            -- Created meanwhile by a migration of another database on the same server.
            WHEN duplicate_object OR unique_violation THEN NULL;
            WHEN insufficient_privilege THEN
              RAISE EXCEPTION 'role accord_app does not exist and % may not create it: create it once as an administrator (CREATE ROLE accord_app NOLOGIN) or grant CREATEROLE', current_user;
          END;
        END IF;
      END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO accord_app`);
    await q.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO accord_app`);
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO accord_app`);
    // Tables and sequences later migrations create (as this same owner) get the same grants.
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO accord_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO accord_app`);
    // The audit log is append-only for the app: the trigger says so too, but a privilege cannot be switched off by it.
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_event FROM accord_app`);
    // The migrations' own bookkeeping is the owner's.
    await q.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM accord_app`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM accord_app`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM accord_app`);
    await q.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM accord_app`);
    await q.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM accord_app`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM accord_app`);
    await q.query(`DROP TRIGGER IF EXISTS audit_event_no_truncate ON audit_event`);
  }
}
