/**
 * A database of its own for one medium test file: a clone of the template that test/medium/global-setup.ts migrated
 * and seeded. `dataSource` connects as the owner (for arranging rows and reading them back); `appDataSource` connects
 * as a member of accord_app, the role the api and the worker use in production, so a service under test gets exactly
 * the privileges it would have (no UPDATE on audit_event, for one).
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, installPreparedStatements, installTenancy } from '@accord/persistence';

export interface MediumStackInfo {
  adminUrl: string;
  template: string;
  embedded: boolean;
}

/**
 * Global setup names the file in the environment: Jest runs it in its own process and then runs the test files in
 * that process or in workers it starts afterwards, which inherit the variable.
 */
export function mediumStackFile(): string {
  process.env.ACCORD_MEDIUM_STACK_FILE ??= join(tmpdir(), `accord-medium-stack-${process.pid}.json`);
  return process.env.ACCORD_MEDIUM_STACK_FILE;
}

export interface MediumDatabase {
  /** The owner's connection: arrange and inspect rows. */
  dataSource: DataSource;
  /** The app role's connection: hand this to the service under test. */
  appDataSource: DataSource;
  url: string;
  appUrl: string;
  close(): Promise<void>;
}

function readInfo(): MediumStackInfo {
  const file = process.env.ACCORD_MEDIUM_STACK_FILE;
  if (!file) throw new Error('medium tier: no template database (run through the Jest "medium" project)');
  return JSON.parse(readFileSync(file, 'utf8')) as MediumStackInfo;
}

export async function mediumDatabase(): Promise<MediumDatabase> {
  const info = readInfo();
  const name = `${info.template}_${randomBytes(4).toString('hex')}`;
  const role = `${name}_app`;
  const password = randomBytes(16).toString('hex');
  const admin = new Client({ connectionString: info.adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${info.template}`);
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' IN ROLE accord_app`);
  } finally {
    await admin.end();
  }
  const url = info.adminUrl.replace(/\/[^/]*$/, `/${name}`);
  const app = new URL(url);
  app.username = role;
  app.password = password;
  const appUrl = app.toString();
  const dataSource = createDataSource({ url, poolSize: 2 });
  const appDataSource = createDataSource({ url: appUrl, poolSize: 5 });
  await dataSource.initialize();
  await appDataSource.initialize();
  // A service under test acts for Hà Tĩnh unless the test runs it in another province (runInProvince), as the api
  // does for a Hà Tĩnh caller; the owner's fixtures write Hà Tĩnh rows unless told otherwise.
  installTenancy(appDataSource, { fallbackProvince: 'HT' });
  installPreparedStatements(appDataSource); // as the api and the worker run
  installTenancy(dataSource, { role: null, fallbackProvince: 'HT' });
  return {
    dataSource,
    appDataSource,
    url,
    appUrl,
    close: async () => {
      await appDataSource.destroy().catch(() => undefined);
      await dataSource.destroy().catch(() => undefined);
      const a = new Client({ connectionString: info.adminUrl });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.query(`DROP ROLE IF EXISTS ${role}`);
      } finally {
        await a.end();
      }
    },
  };
}
