import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where global setup tells the tests (which run in other processes) how to reach the stack. */
export const STACK_FILE = process.env.ACCORD_STACK_FILE ?? join(tmpdir(), 'accord-integration-stack.json');

export interface StackInfo {
  apiUrl: string;
  temporalAddress: string;
  databaseUrl: string;
  adminUrl: string;
  dbName: string;
  pids: number[];
}

export function stack(): StackInfo {
  return JSON.parse(readFileSync(STACK_FILE, 'utf8')) as StackInfo;
}
