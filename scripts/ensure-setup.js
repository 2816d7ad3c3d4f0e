#!/usr/bin/env node
// Runs `npm run setup` when something it installs is missing, so `npm run dev` / `npm test` work on a fresh clone.
'use strict';
const { existsSync, readFileSync } = require('node:fs');
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { createHash } = require('node:crypto');

const root = join(__dirname, '..');
const stamp = join(root, 'node_modules', '.accord-setup');
const lock = createHash('sha256')
  .update(readFileSync(join(root, 'package-lock.json')))
  .digest('hex');
const onPath = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
const temporalReady =
  (onPath('temporal') && onPath('temporal-test-server')) || existsSync(join(root, '.tools', 'venv', 'bin', 'temporal-test-server'));
const npmReady = existsSync(stamp) && readFileSync(stamp, 'utf8') === lock;
// The integration suite runs Schemathesis from the venv (setup checks the pinned version itself).
const schemathesisReady = existsSync(join(root, '.tools', 'venv', 'bin', 'schemathesis'));
// The rendering tests read PDFs back with poppler-utils' pdftotext. Setup can install it only as root with apt-get;
// elsewhere rerunning setup on every command would not help, so say what to install and go on.
const canApt = process.getuid?.() === 0 && onPath('apt-get');
const pdftotextReady = onPath('pdftotext') || !canApt;
if (!onPath('pdftotext') && !canApt)
  console.warn('ensure-setup: pdftotext is missing; the rendering tests need it (Debian/Ubuntu: sudo apt-get install poppler-utils)');

if (!npmReady || !temporalReady || !schemathesisReady || !pdftotextReady) {
  const r = spawnSync(process.execPath, [join(__dirname, 'setup.js')], { stdio: 'inherit', cwd: root });
  process.exit(r.status ?? 1);
}
