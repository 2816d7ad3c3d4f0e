#!/usr/bin/env node
// Compiled output and the libs' path alias. The sources import the libs as `@accord/<lib>[/<path>]`
// (tsconfig.base.json `paths`), which tsc type-checks but leaves as written in the JavaScript it emits, and Node has
// no such package. So after `tsc -p tsconfig.build.json` (npm run build, the bench's compiled stack) this rewrites
// every `require("@accord/<lib>[/<path>]")` of the output into the relative path of <dist>/libs/<lib>/src[/<path>],
// which is what the compiled files then load, as they did when the sources used relative paths. A specifier whose
// target was not compiled fails the build instead of the first request in production.
//
//   node scripts/build/dist-aliases.js [dist]      (default: dist beside the repository root)
const { existsSync, readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, relative, resolve, sep } = require('node:path');

// require("…"), require.resolve("…") and import("…") of an alias, in either quote style.
const ALIASED = /\b(require(?:\.resolve)?|import)(\s*\(\s*)(['"])@accord\/([a-z0-9-]+)((?:\/[^'"\\\n]*)?)\3/g;
// What must not survive the rewrite: a string that is an alias specifier (in a form the pattern above does not know).
const LEFTOVER = /(['"])@accord\/[a-z0-9-]+(?:\/[^'"\\\s]*)?\1/;

function exists(file) {
  return existsSync(file) && statSync(file).isFile();
}

/** Whether Node resolves `target` (a path without extension, a .js file or a folder with an index.js). */
function resolvable(target) {
  return exists(`${target}.js`) || exists(target) || exists(join(target, 'index.js')) || exists(`${target}.json`);
}

/** The file's text with its aliased specifiers made relative; `unresolved` collects those with no compiled target. */
function rewriteSource(text, file, distDir, unresolved) {
  let count = 0;
  const out = text.replace(ALIASED, (match, call, open, quote, lib, subpath) => {
    const target = join(distDir, 'libs', lib, 'src', ...subpath.split('/').filter(Boolean));
    if (!resolvable(target)) unresolved.push(`${relative(distDir, file)}: @accord/${lib}${subpath}`);
    let rel = relative(dirname(file), target).split(sep).join('/');
    if (rel === '') rel = '.';
    else if (!rel.startsWith('.')) rel = `./${rel}`;
    count += 1;
    return `${call}${open}${quote}${rel}${quote}`;
  });
  return { text: out, count };
}

function* javascriptFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* javascriptFiles(path);
    else if (entry.isFile() && /\.(c?js)$/.test(entry.name)) yield path;
  }
}

/** Rewrites every compiled file under `distDir` in place; throws when a specifier has no target or survives. */
function rewriteDistAliases(distDir) {
  const root = resolve(distDir);
  const unresolved = [];
  const leftovers = [];
  let files = 0;
  let specifiers = 0;
  for (const file of javascriptFiles(root)) {
    const before = readFileSync(file, 'utf8');
    const { text, count } = rewriteSource(before, file, root, unresolved);
    if (LEFTOVER.test(text)) leftovers.push(relative(root, file));
    if (count === 0) continue;
    writeFileSync(file, text);
    files += 1;
    specifiers += count;
  }
  if (unresolved.length > 0) throw new Error(`@accord/ imports with no compiled target:\n  ${unresolved.join('\n  ')}`);
  if (leftovers.length > 0) throw new Error(`@accord/ specifiers left unrewritten in:\n  ${leftovers.join('\n  ')}`);
  return { files, specifiers };
}

module.exports = { rewriteDistAliases, rewriteSource };

if (require.main === module) {
  const dist = resolve(process.argv[2] ?? join(__dirname, '..', '..', 'dist'));
  try {
    const { files, specifiers } = rewriteDistAliases(dist);
    console.log(`dist aliases: ${specifiers} @accord/ imports made relative in ${files} files of ${dist}`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
