import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { Client } from 'pg';
import { stopChild } from '../support/processes';
import type { TestPostgres } from '../support/test-postgres';
import { stackFile, type StackInfo } from './stack';

export default async function globalTeardown(): Promise<void> {
  const children = (globalThis as { __ACCORD_CHILDREN__?: ChildProcess[] }).__ACCORD_CHILDREN__ ?? [];
  await Promise.all(children.map((c) => stopChild(c)));
  await (globalThis as { __ACCORD_SMTP__?: { close(): Promise<void> } }).__ACCORD_SMTP__?.close();
  await (globalThis as { __ACCORD_OTLP__?: { close(): Promise<void> } }).__ACCORD_OTLP__?.close();
  let info: StackInfo | null = null;
  try {
    info = JSON.parse(readFileSync(stackFile(), 'utf8')) as StackInfo;
  } catch {
    return;
  }
  rmSync(stackFile(), { force: true });
  if (info.auditCheckpointDir) rmSync(info.auditCheckpointDir, { recursive: true, force: true });
  const postgres = (globalThis as { __ACCORD_POSTGRES__?: TestPostgres }).__ACCORD_POSTGRES__;
  if (postgres?.embedded) {
    await postgres.stop();
    return;
  }
  const admin = new Client({ connectionString: info.adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${info.dbName} WITH (FORCE)`);
  // Roles are per server: the run's app role goes with its database.
  if (info.appRole) await admin.query(`DROP ROLE IF EXISTS ${info.appRole}`);
  await admin.end();
}
