/**
 * Verifies a case archive offline (GET /proposals/:id/archive; docs/records.md "Case archive"):
 * `npm run verify-archive <zip>`. Checks manifest.sha256 against manifest.json, every listed file's presence, size and
 * sha256, that no file is unlisted, the audit events' hash chain, and that the ZIP is the canonical encoding of its
 * files. Prints OK or FAIL with one line per problem; exits 0 when the archive verifies, 1 when it does not, 2 on usage.
 * Needs no database, api or network.
 */
import { readFileSync } from 'node:fs';
import { formatCaseArchiveVerdict, verifyCaseArchive } from '@accord/records/archive';

async function main(): Promise<number> {
  const [path, ...rest] = process.argv.slice(2);
  if (!path || rest.length) {
    console.error('usage: npm run verify-archive <archive.zip>');
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    console.error(`FAIL ${path}: cannot be read (${(err as Error).message})`);
    return 1;
  }
  const verdict = await verifyCaseArchive(bytes);
  const report = formatCaseArchiveVerdict(verdict);
  if (verdict.ok) console.log(report);
  else console.error(report);
  return verdict.ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`FAIL: ${(err as Error).stack ?? String(err)}`);
    process.exitCode = 1;
  },
);
