import { readFileSync, rmSync } from 'node:fs';
import { Client } from 'pg';
import type { TestPostgres } from '../support/test-postgres';
import { mediumStackFile, type MediumStackInfo } from '../support/medium-db';

export default async function globalTeardown(): Promise<void> {
  let info: MediumStackInfo | null = null;
  try {
    info = JSON.parse(readFileSync(mediumStackFile(), 'utf8')) as MediumStackInfo;
  } catch {
    return;
  }
  rmSync(mediumStackFile(), { force: true });
  const postgres = (globalThis as { __ACCORD_MEDIUM_POSTGRES__?: TestPostgres }).__ACCORD_MEDIUM_POSTGRES__;
  if (postgres?.embedded) {
    await postgres.stop();
    return;
  }
  // A shared server (TEST_DATABASE_ADMIN_URL): drop the template and every clone this run made.
  const admin = new Client({ connectionString: info.adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${info.template}%`]);
    for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
