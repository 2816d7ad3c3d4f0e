/**
 * Integration stack: a fresh Postgres database with the real migrations and demo seed, a real Temporal dev
 * server on a free port, and the real api and worker processes. Tests talk to it over HTTP only.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { Client } from 'pg';
import { createDataSource, seedDemoData } from '@accord/persistence';
import { SEARCH_ATTRIBUTES } from '@accord/temporal/contracts';
import { freePort, startChild, stopChild, waitUntil } from '../support/processes';
import { temporalBinary } from '../support/temporal-binaries';
import { startMailbox } from '../support/mailbox';
import { startCollector } from '../support/otlp-collector';
import { testPostgres } from '../support/test-postgres';
import { LOGIN_IP_LIMIT, stackFile, type StackInfo } from './stack';

export default async function globalSetup(): Promise<void> {
  // TEST_DATABASE_ADMIN_URL's server, else an embedded PostgreSQL 18 for this run (stopped by global teardown).
  const postgres = await testPostgres();
  Object.assign(globalThis, { __ACCORD_POSTGRES__: postgres });
  const ADMIN_URL = postgres.adminUrl;
  const dbName = `accord_test_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect().catch((err: Error) => {
    throw new Error(`Postgres is not reachable at ${ADMIN_URL} (${err.message}); start it or set TEST_DATABASE_ADMIN_URL`);
  });
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`);

  const ds = createDataSource({ url: databaseUrl, poolSize: 1 });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  await seedDemoData(ds);
  await ds.destroy();
  // The api and worker connect as a lesser role than the one that ran the migrations (it stays the tests' own).
  const app = await createAppRole(databaseUrl, dbName);
  const auditCheckpointDir = mkdtempSync(join(tmpdir(), 'accord-audit-checkpoints-'));

  const [temporalPort, uiPort, apiPort, syncPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const smtp = await startMailbox(join(tmpdir(), `accord-mailbox-${process.pid}.jsonl`));
  const otlp = await startCollector(join(tmpdir(), `accord-spans-${process.pid}.jsonl`));
  const temporalArgs = [
    'server',
    'start-dev',
    '--headless',
    '--ip',
    '127.0.0.1',
    '--port',
    String(temporalPort),
    '--ui-port',
    String(uiPort),
    '--log-level',
    'error',
  ];
  for (const name of SEARCH_ATTRIBUTES) temporalArgs.push('--search-attribute', `${name}=Keyword`);
  const temporal = startChild('temporal', temporalBinary('temporal'), temporalArgs, {});
  const temporalAddress = `127.0.0.1:${temporalPort}`;

  // The national commitments database is faked by the commitments-sync suite on this port (nothing listens until then:
  // a scheduled run meanwhile just retries); runs happen when a test asks, the schedule's own interval is long.
  const commitmentsSyncUrl = `http://127.0.0.1:${syncPort}/commitments`;
  const metricsToken = randomBytes(32).toString('hex');
  const env = {
    DATABASE_URL: app.url,
    TEMPORAL_ADDRESS: temporalAddress,
    PORT: String(apiPort),
    NODE_ENV: 'test',
    DATABASE_POOL_SIZE: '5',
    // A random token key per run (the api refuses to start without one), and only the loopback interface.
    JWT_SECRET: randomBytes(32).toString('base64url'),
    HOST: '127.0.0.1',
    // The per-IP login limit, low enough to reach in a test: the suites sign in from loopback, which is not counted,
    // and auth-sessions poses as distant clients through X-Forwarded-For, believed from loopback only.
    LOGIN_IP_LIMIT: String(LOGIN_IP_LIMIT),
    LOGIN_TRUSTED_PROXIES: '127.0.0.1,::1',
    COMMITMENTS_SYNC_URL: commitmentsSyncUrl,
    COMMITMENTS_SYNC_INTERVAL: '6h',
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    OTEL_EXPORTER_OTLP_ENDPOINT: otlp.endpoint,
    // Every GET /audit/verify of the suites (the tamper test's included) goes through the worker threads.
    AUDIT_VERIFY_PARALLEL_FROM: '2',
    // The chain's head is signed every second (when it moved) with a key of this run only.
    AUDIT_CHECKPOINT_KEY: randomBytes(32).toString('hex'),
    AUDIT_CHECKPOINT_DIR: auditCheckpointDir,
    AUDIT_CHECKPOINT_INTERVAL: '1s',
    // The api serves /metrics only to a scraper with this bearer token (the metrics suite sends it).
    METRICS_TOKEN: metricsToken,
  };
  const swc = ['-r', '@swc-node/register'];
  const worker = startChild('worker', process.execPath, [...swc, 'apps/worker/src/main.ts'], env);
  const api = startChild('api', process.execPath, [...swc, 'apps/api/src/main.ts'], env);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  try {
    await waitUntil('api /health', async () => (await fetch(`${apiUrl}/health`)).ok);
    await waitUntil('worker', async () => worker.output.join('').includes('Worker polling task queue'));
  } catch (err) {
    console.error(['--- temporal', ...temporal.output, '--- worker', ...worker.output, '--- api', ...api.output].join('\n'));
    await Promise.all([stopChild(api), stopChild(worker), stopChild(temporal)]);
    await postgres.stop();
    throw err;
  }
  const info: StackInfo = {
    apiUrl,
    temporalAddress,
    databaseUrl,
    appDatabaseUrl: app.url,
    appRole: app.role,
    auditCheckpointDir,
    adminUrl: ADMIN_URL,
    dbName,
    embeddedPostgres: !!postgres.embedded,
    env,
    pids: [api.pid!, worker.pid!, temporal.pid!],
    commitmentsSyncUrl,
    mailboxFile: smtp.file,
    spansFile: otlp.file,
    metricsToken,
  };
  writeFileSync(stackFile(), JSON.stringify(info));
  Object.assign(globalThis, { __ACCORD_CHILDREN__: [api, worker, temporal], __ACCORD_SMTP__: smtp, __ACCORD_OTLP__: otlp });
}

/**
 * A login role for the api and the worker, member of accord_app (migration 1764000001400: all they need, and only
 * SELECT and INSERT on audit_event), as docs/deploy.md has production do; roles are per server, so one per run.
 */
async function createAppRole(ownerUrl: string, dbName: string): Promise<{ role: string; url: string }> {
  const role = `${dbName}_app`;
  const password = randomBytes(16).toString('hex');
  const owner = new Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query(`CREATE ROLE ${role} LOGIN PASSWORD '${password}' IN ROLE accord_app`);
  } finally {
    await owner.end();
  }
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password;
  return { role, url: url.toString() };
}
