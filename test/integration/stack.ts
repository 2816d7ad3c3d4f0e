import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where global setup tells the tests (which run in worker processes that inherit its environment) how to
 * reach the stack; one file per run, so parallel runs on one machine do not meet.
 */
export function stackFile(): string {
  return (process.env.ACCORD_STACK_FILE ??= join(tmpdir(), `accord-integration-stack-${process.pid}.json`));
}

/** Password checks per (non-loopback) client address per 15 minutes in the integration stack (LOGIN_IP_LIMIT). */
export const LOGIN_IP_LIMIT = 20;

export interface StackInfo {
  apiUrl: string;
  temporalAddress: string;
  /** The database as the role that ran the migrations and owns the tables (the tests may do anything with it). */
  databaseUrl: string;
  /** The same database as the api and the worker reach it: a member of accord_app, not the owner. */
  appDatabaseUrl?: string;
  appRole?: string;
  /** Where the worker appends its signed audit checkpoints (AUDIT_CHECKPOINT_DIR). */
  auditCheckpointDir?: string;
  adminUrl: string;
  dbName: string;
  /** The run started its own embedded Postgres (no TEST_DATABASE_ADMIN_URL); global teardown stops it. */
  embeddedPostgres?: boolean;
  pids: number[];
  /** The environment the api and the worker run with, for suites that start another instance of either. */
  env: Record<string, string>;
  /** Where the worker sends the commitments sync (the commitments-sync suite listens there). */
  commitmentsSyncUrl?: string;
  /** JSON lines of the e-mails the local SMTP server received (the worker mails notifications there). */
  mailboxFile?: string;
  /** The bearer token the api's /metrics wants (METRICS_TOKEN). */
  metricsToken?: string;
  /** JSON lines of the spans the local OTLP receiver got (tracing is on in the integration stack). */
  spansFile?: string;
}

export function stack(): StackInfo {
  return JSON.parse(readFileSync(stackFile(), 'utf8')) as StackInfo;
}
