// Where the Temporal binaries are: on PATH, else the repo's .tools/venv (installed by scripts/setup.js).
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

function tool(name) {
  const local = join(__dirname, '..', '.tools', 'venv', 'bin', name);
  if (existsSync(local)) return local;
  if (spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0) return name;
  throw new Error(`${name} not found: run npm run setup`);
}

/** The search attributes Accord sets and upserts on its workflows (docs/architecture.md); the same list as libs/temporal/src/contracts.ts. */
const SEARCH_ATTRIBUTES = ['ProposalKind', 'ProposalStatus', 'Stage', 'SubmittingAgency', 'Province'];

module.exports = { tool, SEARCH_ATTRIBUTES };
