#!/usr/bin/env node
// `npm test`: lint, format check, then every Jest project. The integration and browser stacks start their own embedded PostgreSQL
// (test/support/test-postgres.ts) unless TEST_DATABASE_ADMIN_URL names a server, so nothing needs to run beforehand.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, rmSync } = require('node:fs');
const { dirname, join } = require('node:path');

const root = join(__dirname, '..');

// Lint and format first (docs/style.md "Lint and format"); a failure does not stop the suites, it fails the run at the
// end, so one run reports everything.
const checks = ['lint', 'format:check'].map((script) => {
  const r = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit', cwd: root });
  return { script, ok: r.status === 0 };
});

{
  const results = join(root, '.data', 'jest-results.json');
  mkdirSync(dirname(results), { recursive: true });
  rmSync(results, { force: true });
  const args = ['--ci', '--json', `--outputFile=${results}`, ...process.argv.slice(2)];
  const r = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), ...args], { stdio: 'inherit', cwd: root });
  const failedChecks = checks.filter((c) => !c.ok).map((c) => c.script);
  if (failedChecks.length) console.error(`test: npm run ${failedChecks.join(' and npm run ')} failed (output above the tests)`);
  if (existsSync(results)) {
    // One plain closing line that CI reads: 'Tests: N passed, N failed'.
    const { numPassedTests, numFailedTests, numPendingTests } = JSON.parse(readFileSync(results, 'utf8'));
    console.log(`Tests: ${numPassedTests} passed, ${numFailedTests} failed${numPendingTests ? `, ${numPendingTests} skipped` : ''}`);
    if (numPassedTests === 0) {
      console.error('test: no test ran');
      process.exit(1);
    }
  }
  process.exit(r.status || (checks.every((c) => c.ok) ? 0 : 1));
}
