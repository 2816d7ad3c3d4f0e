#!/usr/bin/env node
// Codemod (issue 18): relative imports of the libs become the path alias. Every module specifier in a .ts, .tsx or
// .mts file under apps, workflows, libs, scripts and test that resolves to libs/<lib>/src[/<path>] (`import … from`,
// `export … from`, `import '…'`, `import('…')`, `require('…')`, `import x = require('…')`, jest.mock('…') and the
// other jest module calls) is rewritten to `@accord/<lib>[/<path>]` (a trailing /index dropped). Imports inside one
// lib of its own files stay relative. Idempotent: a second run changes nothing. Plain Node, no dependencies.
//
//   node scripts/codemods/libs-alias.js           rewrite in place, list the files changed, then format them with
//                                                 the repository's Prettier when it is installed (shorter paths
//                                                 can let a wrapped import fit on one line); --no-format skips that
//   node scripts/codemods/libs-alias.js --check   change nothing; exit 1 if some file still needs the rewrite
const { spawnSync } = require('node:child_process');
const { readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, resolve, sep } = require('node:path');

const ROOT = resolve(__dirname, '..', '..');
const FOLDERS = ['apps', 'workflows', 'libs', 'scripts', 'test'];
const EXTENSIONS = /\.(ts|tsx|mts)$/;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'coverage']);
// This codemod's own folder: its spec's fixtures are relative imports of libs, on purpose.
const OWN_DIR = relative(resolve(__dirname, '..', '..'), __dirname);

const JEST_CALLS = 'mock|doMock|unmock|dontMock|setMock|requireActual|requireMock|createMockFromModule';
// The text before a module specifier's opening quote, then the quoted specifier (relative ones only).
const SPECIFIER = new RegExp(
  String.raw`(\bfrom\s*|\bimport\s*(?:\(\s*)?|\brequire\s*\(\s*|\bjest\s*\.\s*(?:${JEST_CALLS})\s*(?:<(?:[^<>()\n]|\([^()\n]*\))*>\s*)?\(\s*)(['"])(\.{1,2}(?:/[^'"\n]*)?)\2`,
  'g',
);

/** `@accord/<lib>[/<path>]` for a relative specifier of `file` that points into another lib's src, else null. */
function aliasFor(specifier, file, root = ROOT) {
  const target = relative(root, resolve(dirname(file), specifier)).split(sep);
  if (target[0] !== 'libs' || target.length < 3 || target[2] !== 'src') return null;
  const lib = target[1];
  const own = relative(root, file).split(sep);
  if (own[0] === 'libs' && own[1] === lib) return null;
  const rest = target.slice(3);
  if (rest[rest.length - 1] === 'index') rest.pop();
  return ['@accord', lib, ...rest].join('/');
}

/** The file's text with its libs specifiers aliased, and how many were. */
function rewrite(text, file, root = ROOT) {
  let count = 0;
  const out = text.replace(SPECIFIER, (match, before, quote, specifier) => {
    // A jest call's type arguments may hold an import type of their own: jest.requireActual<typeof import('…')>('…').
    const inner = before.startsWith('jest') ? rewrite(before, file, root) : { text: before, count: 0 };
    count += inner.count;
    const alias = aliasFor(specifier, file, root);
    if (alias === null) return `${inner.text}${quote}${specifier}${quote}`;
    count += 1;
    return `${inner.text}${quote}${alias}${quote}`;
  });
  return { text: out, count };
}

function* sourceFiles(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.isDirectory()) {
      const path = join(dir, entry.name);
      if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.') && !path.endsWith(`${sep}${OWN_DIR}`)) yield* sourceFiles(path);
    } else if (entry.isFile() && EXTENSIONS.test(entry.name)) {
      yield join(dir, entry.name);
    }
  }
}

/** Runs over the repository at `root`; writes unless `check`. Returns the files that (would) change. */
function run({ root = ROOT, check = false } = {}) {
  const changed = [];
  for (const folder of FOLDERS) {
    for (const file of sourceFiles(join(root, folder))) {
      const before = readFileSync(file, 'utf8');
      const { text, count } = rewrite(before, file, root);
      if (count === 0 || text === before) continue;
      if (!check) writeFileSync(file, text);
      changed.push({ file: relative(root, file).split(sep).join('/'), count });
    }
  }
  return changed;
}

/** Formats `files` (relative to ROOT) with the repository's Prettier; false when it is not installed. */
function format(files) {
  let prettier;
  try {
    prettier = require.resolve('prettier/bin/prettier.cjs', { paths: [ROOT] });
  } catch {
    return false;
  }
  const result = spawnSync(process.execPath, [prettier, '--write', '--log-level', 'warn', ...files], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`prettier exited with ${result.status ?? result.signal}`);
  return true;
}

module.exports = { aliasFor, rewrite, run };

if (require.main === module) {
  const check = process.argv.includes('--check');
  const changed = run({ check });
  const total = changed.reduce((sum, c) => sum + c.count, 0);
  for (const c of changed) console.log(`${c.file} (${c.count})`);
  if (check) {
    if (changed.length > 0) {
      console.error(`${total} relative imports of libs in ${changed.length} files: run node scripts/codemods/libs-alias.js`);
      process.exit(1);
    }
    console.log('libs-alias: every import of a lib uses @accord/<lib>');
  } else {
    console.log(`libs-alias: ${total} imports rewritten in ${changed.length} files`);
    if (changed.length > 0 && !process.argv.includes('--no-format')) {
      if (format(changed.map((c) => c.file))) console.log('libs-alias: the files changed are formatted (Prettier)');
      else console.log('libs-alias: Prettier is not installed: format the files changed');
    }
  }
}
