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
