#!/usr/bin/env node
// `npm test`: runs every Jest project. The integration and browser stacks start their own embedded PostgreSQL
// (test/support/test-postgres.ts) unless TEST_DATABASE_ADMIN_URL names a server, so nothing needs to run beforehand.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, rmSync } = require('node:fs');
const { dirname, join } = require('node:path');

const root = join(__dirname, '..');

{
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
}
