#!/usr/bin/env node
// `npm test`: makes sure local Postgres is up (integration tests need it), then runs every Jest project.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } = require('node:fs');
const net = require('node:net');
const { dirname, join } = require('node:path');

const root = join(__dirname, '..');

function reachable(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const s = net.connect({ port, host }, () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
    s.setTimeout(2000, () => { s.destroy(); resolve(false); });
  });
}

async function ensurePostgres() {
  if (process.env.TEST_DATABASE_ADMIN_URL || (await reachable(5432))) return;
  if (existsSync('/etc/postgresql')) {
    const version = readdirSync('/etc/postgresql')[0];
    console.log(`test: starting local Postgres ${version}`);
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
    for (let i = 0; i < 30 && !(await reachable(5432)); i++) await new Promise((r) => setTimeout(r, 500));
  }
  if (!(await reachable(5432))) {
    console.error('test: no Postgres on 127.0.0.1:5432; start one or set TEST_DATABASE_ADMIN_URL=postgres://user@host:port/postgres');
    process.exit(1);
  }
}

ensurePostgres().then(() => {
  const results = join(root, '.data', 'jest-results.json');
  mkdirSync(dirname(results), { recursive: true });
  rmSync(results, { force: true });
  const args = ['--ci', '--json', `--outputFile=${results}`, ...process.argv.slice(2)];
  const r = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), ...args], { stdio: 'inherit', cwd: root });
  if (existsSync(results)) {
    // One plain closing line that CI reads: 'Tests: N passed, N failed'.
    const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(results, 'utf8'));
    console.log(`Tests: ${numPassedTests} passed, ${numFailedTests} failed${numPendingTests ? `, ${numPendingTests} skipped` : ''}`);
    if (numPassedTests === 0) {
      console.error('test: no test ran');
      process.exit(1);
    }
  }
  process.exit(r.status ?? 1);
});
