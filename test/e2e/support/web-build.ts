import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../support/processes';
import { stackFile } from '../../integration/stack';

/**
 * Builds apps/web once per test run (`vite build`), however many e2e files and workers ask: the first to create
 * the lock directory builds, the others wait for its verdict. The api serves apps/web/dist as soon as it exists.
 */
/** Per Jest run: the workers of one run share their parent process (a run in band has its own parent). */
const lockDir = () => `${stackFile()}.web-build-${process.ppid}`;

export async function ensureWebBuilt(timeoutMs = 180_000): Promise<void> {
  const lock = lockDir();
  const verdict = join(lock, 'verdict.json');
  let mine = false;
  try {
    mkdirSync(lock);
    mine = true;
  } catch {
    /* another worker builds */
  }
  if (mine) {
    const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    // Jest sets NODE_ENV=test, which would make Vite bundle React's development build: test what ships.
    const env = { ...process.env, NODE_ENV: 'production' };
    const r = spawnSync(process.execPath, [vite, 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
    writeFileSync(verdict, JSON.stringify({ ok: r.status === 0, output: `${r.stdout}${r.stderr}` }));
  }
  const until = Date.now() + timeoutMs;
  while (!existsSync(verdict)) {
    if (Date.now() > until) throw new Error('the web app build did not finish in time');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const { ok, output } = JSON.parse(readFileSync(verdict, 'utf8')) as { ok: boolean; output: string };
  if (!ok) throw new Error(`vite build failed:\n${output}`);
  if (!existsSync(join(ROOT, 'apps', 'web', 'dist', 'index.html'))) throw new Error('vite build left no apps/web/dist/index.html');
}

/** Removes the run's build verdict (a later file in the same run would only build again). */
export function forgetWebBuild(): void {
  rmSync(lockDir(), { recursive: true, force: true });
}
