import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Provinces as tenants (issue 15, docs/provinces.md).
 *
 * Every row belongs to one province (`province_code`). Postgres row-level security enforces it for `accord_app`, the
 * role the api and the worker run as (they `SET ROLE accord_app` on every connection they take: libs/persistence/src/
 * tenancy): a row is visible and writable only when its province is the transaction's `accord.province` setting, so
 * a query that forgets a filter still cannot cross provinces, and with no setting nothing is visible at all. The
 * column's default is that setting, so existing INSERTs need no change and an INSERT without a province fails.
 *
 * Exceptions, each on purpose:
 * - `holiday`: rows with no province are the national calendar every province reads; a province's own rows (its
 *   overlay) override a national day and only that province's administrators write them.
 * - `app_user`: the platform administrators (PLATFORM_ADMIN) belong to no province; they are visible only under the
 *   pseudo-province `PLATFORM`, which sees no province's data.
 * - `province` (the directory), `auth_session`, `login_throttle` and `oidc_login_state` hold no province data (token
 *   hashes, counters, a sign-in in progress) and are read before the caller's province is known.
 *
 * Sign-in needs to learn a user's province before it may read the user: a few SECURITY DEFINER functions, owned by
 * the migrating role (a table owner is not subject to row-level security), answer exactly that and nothing else.
 *
 * What was there before belongs to Hà Tĩnh (`HT`), the only province until now.
 */
export class Provinces1764000001800 implements MigrationInterface {
  name = 'Provinces1764000001800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE province (
      code varchar(8) PRIMARY KEY CHECK (code ~ '^[A-Z]{2,8}$' AND code <> 'PLATFORM'),
      name text NOT NULL,
      name_en text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`INSERT INTO province (code, name, name_en) VALUES ('HT', 'Tỉnh Hà Tĩnh', 'Hà Tĩnh Province')`);
    // The app reads the directory; PLATFORM_ADMIN creates provinces through the api (checked there by role).
    await q.query(`GRANT SELECT, INSERT ON province TO accord_app`);
    await q.query(`REVOKE UPDATE, DELETE, TRUNCATE ON province FROM accord_app`);

    for (const table of TENANT_TABLES) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN province_code varchar(8) NOT NULL DEFAULT 'HT' REFERENCES province(code)`);
      await q.query(`ALTER TABLE ${table} ALTER COLUMN province_code SET DEFAULT current_setting('accord.province')`);
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`CREATE POLICY province_isolation ON ${table} TO accord_app
        USING (province_code = current_setting('accord.province', true))
        WITH CHECK (province_code = current_setting('accord.province', true))`);
    }

    // Platform administrators have no province.
    await q.query(`ALTER TABLE app_user ADD COLUMN province_code varchar(8) REFERENCES province(code)`);
    await q.query(`UPDATE app_user SET province_code = 'HT'`);
    await q.query(`ALTER TABLE app_user ALTER COLUMN province_code SET DEFAULT current_setting('accord.province')`);
    await q.query(`ALTER TABLE app_user ADD CONSTRAINT app_user_province_or_platform
      CHECK ((province_code IS NULL) = (roles = ARRAY['PLATFORM_ADMIN']::text[]))`);
    await q.query(`ALTER TABLE app_user ENABLE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY province_isolation ON app_user TO accord_app
      USING (province_code = current_setting('accord.province', true)
             OR (province_code IS NULL AND current_setting('accord.province', true) = 'PLATFORM'))
      WITH CHECK (province_code = current_setting('accord.province', true)
             OR (province_code IS NULL AND current_setting('accord.province', true) = 'PLATFORM'))`);
    await q.query(`CREATE INDEX app_user_province_idx ON app_user (province_code)`);

    // The national calendar (no province) and each province's overlay.
    await q.query(`ALTER TABLE holiday ADD COLUMN province_code varchar(8) REFERENCES province(code)`);
    await q.query(`ALTER TABLE holiday DROP CONSTRAINT holiday_pkey`);
    await q.query(`ALTER TABLE holiday ADD CONSTRAINT holiday_province_date_key UNIQUE NULLS NOT DISTINCT (province_code, date)`);
    await q.query(`ALTER TABLE holiday ALTER COLUMN province_code SET DEFAULT current_setting('accord.province')`);
    await q.query(`ALTER TABLE holiday ENABLE ROW LEVEL SECURITY`);
    // The national calendar too is read only by someone acting for a province: no setting, no rows, in every table.
    await q.query(`CREATE POLICY holiday_read ON holiday FOR SELECT TO accord_app
      USING (current_setting('accord.province', true) <> ''
             AND (province_code IS NULL OR province_code = current_setting('accord.province', true)))`);
    await q.query(`CREATE POLICY holiday_write ON holiday FOR INSERT TO accord_app
      WITH CHECK (province_code = current_setting('accord.province', true))`);
    await q.query(`CREATE POLICY holiday_update ON holiday FOR UPDATE TO accord_app
      USING (province_code = current_setting('accord.province', true))
      WITH CHECK (province_code = current_setting('accord.province', true))`);
    await q.query(`CREATE POLICY holiday_delete ON holiday FOR DELETE TO accord_app
      USING (province_code = current_setting('accord.province', true))`);
    // One row per day as the province sees it: its own entry over the national one. security_invoker: the reader's
    // row-level security applies through the view.
    await q.query(`CREATE VIEW province_calendar WITH (security_invoker = true) AS
      SELECT DISTINCT ON (date) date, name, name_en, kind, province_code FROM holiday
      ORDER BY date, province_code NULLS LAST`);
    await q.query(`GRANT SELECT ON province_calendar TO accord_app`);

    // Keys that were unique in the one province are unique per province now.
    await q.query(`ALTER TABLE routing_policy DROP CONSTRAINT routing_policy_pkey`);
    await q.query(`ALTER TABLE routing_policy ADD PRIMARY KEY (province_code, version)`);
    await q.query(`ALTER TABLE report_cycle_policy DROP CONSTRAINT report_cycle_policy_pkey`);
    await q.query(`ALTER TABLE report_cycle_policy ADD PRIMARY KEY (province_code, kind)`);
    await q.query(`ALTER TABLE report_cycle DROP CONSTRAINT report_cycle_kind_year_key`);
    await q.query(`ALTER TABLE report_cycle ADD CONSTRAINT report_cycle_province_kind_year_key UNIQUE (province_code, kind, year)`);
    await q.query(`ALTER TABLE oidc_group_mapping DROP CONSTRAINT oidc_group_mapping_pkey`);
    await q.query(`ALTER TABLE oidc_group_mapping ADD PRIMARY KEY (province_code, group_name)`);

    // Lists filter by province first under row-level security.
    for (const [table, columns] of PROVINCE_INDEXES)
      await q.query(`CREATE INDEX ${table}_province_idx ON ${table} (province_code, ${columns})`);

    // What sign-in may learn before it knows the caller's province, and nothing more.
    await q.query(`CREATE FUNCTION accord_user_province(p_user uuid) RETURNS text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
      $$ SELECT COALESCE(province_code, 'PLATFORM') FROM app_user WHERE id = p_user $$`);
    await q.query(`CREATE FUNCTION accord_login_province(p_email text) RETURNS text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
      $$ SELECT COALESCE(province_code, 'PLATFORM') FROM app_user WHERE lower(email) = lower(trim(p_email)) $$`);
    await q.query(`CREATE FUNCTION accord_oidc_identity_province(p_issuer text, p_subject text) RETURNS text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
      $$ SELECT province_code FROM oidc_identity WHERE issuer = p_issuer AND subject = p_subject $$`);
    await q.query(`CREATE FUNCTION accord_agency_province(p_agency text) RETURNS text
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
      $$ SELECT province_code FROM agency WHERE code = p_agency $$`);
    await q.query(`CREATE FUNCTION accord_group_provinces(p_groups text[]) RETURNS text[]
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS
      $$ SELECT COALESCE(array_agg(DISTINCT province_code), '{}') FROM oidc_group_mapping WHERE group_name = ANY(p_groups) $$`);
    for (const fn of DEFINER_FUNCTIONS) {
      await q.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      await q.query(`GRANT EXECUTE ON FUNCTION ${fn} TO accord_app`);
    }

    // The api and the worker SET ROLE accord_app on every connection. An owner that created the role without being
    // a member of it (PostgreSQL 16+ gives the creator ADMIN OPTION only) grants itself membership here.
    await q.query(`DO $$
      BEGIN
        IF NOT pg_has_role(current_user, 'accord_app', 'MEMBER') THEN
          EXECUTE format('GRANT accord_app TO %I', current_user);
        END IF;
      EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'grant accord_app to the api/worker login role yourself (GRANT accord_app TO <role>)';
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const fn of DEFINER_FUNCTIONS) await q.query(`DROP FUNCTION IF EXISTS ${fn}`);
    for (const [table] of PROVINCE_INDEXES) await q.query(`DROP INDEX IF EXISTS ${table}_province_idx`);
    await q.query(`ALTER TABLE oidc_group_mapping DROP CONSTRAINT oidc_group_mapping_pkey`);
    await q.query(`ALTER TABLE oidc_group_mapping ADD PRIMARY KEY (group_name)`);
    await q.query(`ALTER TABLE report_cycle DROP CONSTRAINT report_cycle_province_kind_year_key`);
    await q.query(`ALTER TABLE report_cycle ADD CONSTRAINT report_cycle_kind_year_key UNIQUE (kind, year)`);
    await q.query(`ALTER TABLE report_cycle_policy DROP CONSTRAINT report_cycle_policy_pkey`);
    await q.query(`ALTER TABLE report_cycle_policy ADD PRIMARY KEY (kind)`);
    await q.query(`ALTER TABLE routing_policy DROP CONSTRAINT routing_policy_pkey`);
    await q.query(`ALTER TABLE routing_policy ADD PRIMARY KEY (version)`);
    await q.query(`DROP VIEW province_calendar`);
    await q.query(`DROP POLICY holiday_read ON holiday`);
    await q.query(`DROP POLICY holiday_write ON holiday`);
    await q.query(`DROP POLICY holiday_update ON holiday`);
    await q.query(`DROP POLICY holiday_delete ON holiday`);
    await q.query(`ALTER TABLE holiday DISABLE ROW LEVEL SECURITY`);
    await q.query(`DELETE FROM holiday WHERE province_code IS NOT NULL`);
    await q.query(`ALTER TABLE holiday DROP CONSTRAINT holiday_province_date_key`);
    await q.query(`ALTER TABLE holiday DROP COLUMN province_code`);
    await q.query(`ALTER TABLE holiday ADD PRIMARY KEY (date)`);
    for (const table of [...TENANT_TABLES, 'app_user']) {
      await q.query(`DROP POLICY province_isolation ON ${table}`);
      await q.query(`ALTER TABLE ${table} DISABLE ROW LEVEL SECURITY`);
      if (table === 'app_user') await q.query(`ALTER TABLE app_user DROP CONSTRAINT app_user_province_or_platform`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN province_code`);
    }
    await q.query(`DROP TABLE province`);
  }
}

/** Tables whose every row belongs to one province (app_user and holiday have their own rules above). */
const TENANT_TABLES = [
  'agency',
  'proposal',
  'attachment',
  'dossier_version',
  'task',
  'agreement',
  'idempotency_record',
  'applied_transition',
  'audit_event',
  'routing_policy',
  'notification',
  'user_substitute',
  'plan',
  'plan_item',
  'plan_item_update',
  'report_cycle_policy',
  'report_cycle',
  'report_cycle_document',
  'commitment_sync',
  'command_outbox',
  'incident',
  'oidc_identity',
  'oidc_group_mapping',
] as const;

const PROVINCE_INDEXES: [string, string][] = [
  ['agency', 'code'],
  ['proposal', 'created_at'],
  ['task', 'status, due_at'],
  ['audit_event', 'seq'],
  ['agreement', 'created_at'],
];

const DEFINER_FUNCTIONS = [
  'accord_user_province(uuid)',
  'accord_login_province(text)',
  'accord_oidc_identity_province(text, text)',
  'accord_agency_province(text)',
  'accord_group_provinces(text[])',
];
