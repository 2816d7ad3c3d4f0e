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

export interface StackInfo {
  apiUrl: string;
  temporalAddress: string;
  databaseUrl: string;
  adminUrl: string;
  dbName: string;
  pids: number[];
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
