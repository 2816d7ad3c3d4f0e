import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT } from './processes';

/** The Temporal CLI / test server: the repo's .tools/venv (npm run setup), else PATH. Never the SDK's download. */
export function temporalBinary(name: 'temporal' | 'temporal-test-server'): string {
  const local = join(ROOT, '.tools', 'venv', 'bin', name);
  if (existsSync(local)) return local;
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(`${name} not found: run npm run setup`);
  }
}

/** Installs the SDK runtime with a WARN logger once per process (installing twice throws). */
export function installQuietRuntime(): void {
  // Imported lazily: this module is also used where the worker package is not wanted.
  const { DefaultLogger, Runtime } = require('@temporalio/worker') as typeof import('@temporalio/worker');
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    /* already installed in this process */
  }
}
