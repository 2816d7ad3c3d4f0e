#!/usr/bin/env node
// `npm run test:mutation:merge -- <part.json>...`: joins Stryker JSON reports of runs over disjoint sets of files (for
// example one run per engineer or per CI shard: `npx stryker run --mutate <files>`) into reports/mutation/mutation.json,
// and seeds Stryker's incremental file (.data/stryker-incremental.json) with it, so the next `npm run test:mutation`
// re-tests only the mutants whose code or covering tests changed since. A file measured in two parts keeps the later
// part's result. See docs/testing.md "Mutation testing".
'use strict';
const { mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const root = join(__dirname, '..');
const parts = process.argv.slice(2);
if (!parts.length) {
  console.error('usage: mutation-merge.js <stryker report.json>...');
  process.exit(2);
}
const reports = parts.map((p) => ({ path: p, report: JSON.parse(readFileSync(p, 'utf8')) }));
const merged = { ...reports[0].report, files: {}, testFiles: {} };
// Test ids are per run ('0', '1' …): each part's ids are mapped to one id per test (its file and name), and the mutants'
// coveredBy / killedBy rewritten with them, so the merged report and the incremental file stay consistent.
const globalId = new Map();
for (const { path, report } of reports) {
  if (report.schemaVersion !== merged.schemaVersion)
    throw new Error(`${path}: schema ${report.schemaVersion}, not ${merged.schemaVersion}`);
  const local = new Map();
  for (const [name, file] of Object.entries(report.testFiles ?? {})) {
    merged.testFiles[name] ??= { ...file, tests: [] };
    for (const test of file.tests) {
      const key = `${name}\0${test.name}`;
      if (!globalId.has(key)) {
        globalId.set(key, String(globalId.size));
        merged.testFiles[name].tests.push({ ...test, id: globalId.get(key) });
      }
      local.set(test.id, globalId.get(key));
    }
  }
  const remap = (ids) => ids?.map((id) => local.get(id) ?? id);
  for (const [name, file] of Object.entries(report.files)) {
    merged.files[name] = {
      ...file,
      mutants: file.mutants.map((m) => ({
        ...m,
        ...(m.coveredBy ? { coveredBy: remap(m.coveredBy) } : {}),
        ...(m.killedBy ? { killedBy: remap(m.killedBy) } : {}),
      })),
    };
  }
}
const out = join(root, 'reports', 'mutation', 'mutation.json');
const incremental = join(root, '.data', 'stryker-incremental.json');
for (const file of [out, incremental]) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(merged));
}
const mutants = Object.values(merged.files).flatMap((f) => f.mutants);
console.log(
  `merged ${parts.length} reports: ${Object.keys(merged.files).length} files, ${mutants.length} mutants -> ${out} and ${incremental}`,
);
