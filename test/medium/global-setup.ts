/**
 * Medium tier: one PostgreSQL for the run (TEST_DATABASE_ADMIN_URL's server, else an embedded one) holding a template
 * database with the real migrations and the demo seed. Each test file clones the template (test/support/medium-db.ts),
 * so services run against the real schema, constraints and roles without a Temporal server or HTTP.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { createDataSource, seedDemoData } from '@accord/persistence';
import { testPostgres } from '../support/test-postgres';
import { mediumStackFile, type MediumStackInfo } from '../support/medium-db';

export default async function globalSetup(): Promise<void> {
  const postgres = await testPostgres();
  Object.assign(globalThis, { __ACCORD_MEDIUM_POSTGRES__: postgres });
  const template = `accord_medium_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: postgres.adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  const ds = createDataSource({ url: postgres.adminUrl.replace(/\/[^/]*$/, `/${template}`), poolSize: 1 });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    await seedDemoData(ds);
  } finally {
    await ds.destroy();
  }
  const info: MediumStackInfo = { adminUrl: postgres.adminUrl, template, embedded: !!postgres.embedded };
  writeFileSync(mediumStackFile(), JSON.stringify(info));
}
