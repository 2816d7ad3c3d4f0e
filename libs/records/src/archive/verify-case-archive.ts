import JSZip from 'jszip';
import { auditHash } from '@accord/persistence/audit/audit-chain';
import {
  AUDIT_EVENTS_FILE,
  CASE_ARCHIVE_FORMAT,
  MANIFEST_DIGEST_FILE,
  MANIFEST_FILE,
  auditRowOf,
  manifestDigestLine,
  sha256Of,
  writeZip,
  type ArchivedAuditEvent,
  type CaseArchiveManifest,
} from './case-archive';

export interface CaseArchiveVerdict {
  ok: boolean;
  /** One sentence per problem, naming the file (and the event) it is about. */
  problems: string[];
  proposal: { id: string; reference: string } | null;
  /** The files the manifest lists that were found intact. */
  filesChecked: number;
  /** The audit events whose hash recomputed. */
  eventsChecked: number;
  /** Events whose predecessor in the chain is another proposal's (their link is for the live chain to confirm). */
  chainGaps: number;
  manifestSha256: string | null;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** A path that stays inside the folder it is extracted to: relative, forward slashes, no `.` or `..` segments. */
function safePath(path: string): boolean {
  if (!path || path.startsWith('/') || path.includes('\\') || /^[A-Za-z]:/.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

function parseManifest(value: unknown): CaseArchiveManifest | string {
  const m = value as Partial<CaseArchiveManifest> | null;
  if (!m || typeof m !== 'object') return 'it is not a JSON object';
  if (m.format !== CASE_ARCHIVE_FORMAT) return `its format is ${JSON.stringify(m.format)}, not ${CASE_ARCHIVE_FORMAT}`;
  if (!m.proposal || typeof m.proposal.id !== 'string' || typeof m.proposal.reference !== 'string') return 'it names no proposal';
  if (!Array.isArray(m.files)) return 'it has no file list';
  for (const [i, f] of m.files.entries()) {
    if (!f || typeof f.path !== 'string' || typeof f.sha256 !== 'string' || !HEX64.test(f.sha256) || !Number.isSafeInteger(f.size))
      return `its entry ${i} is not {path, sha256, size}`;
  }
  return m as CaseArchiveManifest;
}

/**
 * Checks the proposal's audit events: each hash recomputes from the event's fields and its prevHash (the chain's own
 * rule, libs/persistence audit-chain), seqs increase, consecutive seqs link (prevHash = the previous hash), and every
 * event is the proposal's.
 */
export function verifyArchivedAuditEvents(
  events: ArchivedAuditEvent[],
  proposalId: string,
): { problems: string[]; checked: number; gaps: number } {
  const problems: string[] = [];
  let checked = 0;
  let gaps = 0;
  let previous: ArchivedAuditEvent | null = null;
  for (const [i, e] of events.entries()) {
    const name = `${AUDIT_EVENTS_FILE}: event ${i + 1} (seq ${e?.seq}, ${e?.action})`;
    if (!e || typeof e !== 'object' || !Number.isSafeInteger(e.seq) || typeof e.hash !== 'string' || typeof e.prevHash !== 'string') {
      problems.push(`${name}: not an audit event with seq, prevHash and hash`);
      previous = null;
      continue;
    }
    if (e.proposalId !== proposalId) problems.push(`${name}: belongs to proposal ${e.proposalId}, not ${proposalId}`);
    let recomputed: string | null = null;
    try {
      recomputed = auditHash(e.prevHash, auditRowOf(e));
    } catch (err) {
      problems.push(`${name}: its fields cannot be hashed (${(err as Error).message})`);
    }
    if (recomputed !== null && recomputed !== e.hash)
      problems.push(`${name}: its hash does not recompute from its fields (the event was changed)`);
    else if (recomputed !== null) checked += 1;
    if (previous) {
      if (e.seq <= previous.seq) problems.push(`${name}: out of chain order (seq ${e.seq} after ${previous.seq})`);
      else if (e.seq === previous.seq + 1 && e.prevHash !== previous.hash)
        problems.push(`${name}: its prevHash is not the hash of event seq ${previous.seq} before it (the chain is broken)`);
      else if (e.seq !== previous.seq + 1) gaps += 1;
    }
    previous = e;
  }
  return { problems, checked, gaps };
}

/**
 * Verifies a case archive offline (docs/records.md "Case archive"): manifest.sha256 is the sha256 of manifest.json;
 * every file the manifest lists is there with its sha256 and size, and no other file is; paths are safe to extract;
 * the audit events' hashes recompute and link; and the ZIP container is byte for byte the canonical encoding of its
 * files (so a change to any byte, even outside the files' contents, fails).
 */
export async function verifyCaseArchive(bytes: Buffer): Promise<CaseArchiveVerdict> {
  const verdict: CaseArchiveVerdict = {
    ok: false,
    problems: [],
    proposal: null,
    filesChecked: 0,
    eventsChecked: 0,
    chainGaps: 0,
    manifestSha256: null,
  };
  const fail = (problem: string) => {
    verdict.problems.push(problem);
    return verdict;
  };
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: false, createFolders: false });
  } catch (err) {
    return fail(`not a readable ZIP archive (${(err as Error).message})`);
  }
  const entries: string[] = [];
  zip.forEach((path, file) => {
    if (!file.dir) entries.push(path);
  });
  const contents = new Map<string, Buffer>();
  const read = async (path: string): Promise<Buffer | null> => {
    if (contents.has(path)) return contents.get(path)!;
    const file = zip.file(path);
    if (!file) return null;
    try {
      const content = await file.async('nodebuffer');
      contents.set(path, content);
      return content;
    } catch (err) {
      verdict.problems.push(`${path}: unreadable (${(err as Error).message})`);
      return null;
    }
  };

  for (const path of entries) if (!safePath(path)) verdict.problems.push(`${JSON.stringify(path)}: not a safe relative path`);
  const seen = new Set<string>();
  for (const path of entries) {
    if (seen.has(path)) verdict.problems.push(`${path}: present twice`);
    seen.add(path);
  }

  const manifestBytes = await read(MANIFEST_FILE);
  if (!manifestBytes) return fail(`${MANIFEST_FILE}: missing`);
  verdict.manifestSha256 = sha256Of(manifestBytes);
  const digest = await read(MANIFEST_DIGEST_FILE);
  if (!digest) verdict.problems.push(`${MANIFEST_DIGEST_FILE}: missing`);
  else if (digest.toString('utf8') !== manifestDigestLine(verdict.manifestSha256))
    verdict.problems.push(`${MANIFEST_FILE}: its sha256 ${verdict.manifestSha256} is not the one ${MANIFEST_DIGEST_FILE} records`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(manifestBytes.toString('utf8'));
  } catch (err) {
    return fail(`${MANIFEST_FILE}: not JSON (${(err as Error).message})`);
  }
  const manifest = parseManifest(parsed);
  if (typeof manifest === 'string') return fail(`${MANIFEST_FILE}: ${manifest}`);
  verdict.proposal = manifest.proposal;

  const listed = new Set<string>();
  for (const entry of manifest.files) {
    if (listed.has(entry.path)) verdict.problems.push(`${entry.path}: listed twice in the manifest`);
    listed.add(entry.path);
    if (!zip.file(entry.path)) {
      verdict.problems.push(`${entry.path}: listed in the manifest but missing from the archive`);
      continue;
    }
    const content = await read(entry.path);
    if (!content) continue;
    const sha256 = sha256Of(content);
    if (sha256 !== entry.sha256) verdict.problems.push(`${entry.path}: sha256 ${sha256} differs from the manifest's ${entry.sha256}`);
    else if (content.length !== entry.size)
      verdict.problems.push(`${entry.path}: ${content.length} bytes, the manifest says ${entry.size}`);
    else verdict.filesChecked += 1;
  }
  for (const path of entries) {
    if (path !== MANIFEST_FILE && path !== MANIFEST_DIGEST_FILE && !listed.has(path))
      verdict.problems.push(`${path}: not listed in the manifest`);
  }

  if (!listed.has(AUDIT_EVENTS_FILE)) verdict.problems.push(`${AUDIT_EVENTS_FILE}: not in the manifest`);
  const eventsBytes = listed.has(AUDIT_EVENTS_FILE) ? await read(AUDIT_EVENTS_FILE) : null;
  if (eventsBytes) {
    let file: { events?: unknown } | null = null;
    let readable = true;
    try {
      file = JSON.parse(eventsBytes.toString('utf8')) as { events?: unknown } | null;
    } catch (err) {
      readable = false;
      verdict.problems.push(`${AUDIT_EVENTS_FILE}: not JSON (${(err as Error).message})`);
    }
    if (file && Array.isArray(file.events)) {
      const chain = verifyArchivedAuditEvents(file.events as ArchivedAuditEvent[], manifest.proposal.id);
      verdict.problems.push(...chain.problems);
      verdict.eventsChecked = chain.checked;
      verdict.chainGaps = chain.gaps;
    } else if (readable) {
      verdict.problems.push(`${AUDIT_EVENTS_FILE}: has no event list`);
    }
  }

  if (!verdict.problems.length) {
    // Every file is intact: the container must then be exactly what writing them gives. This catches the bytes no
    // file's content covers (entry dates, flags, CRCs, comments, padding).
    const files: { path: string; content: Buffer }[] = [];
    for (const path of entries) files.push({ path, content: (await read(path))! });
    if (!(await writeZip(files)).equals(bytes))
      verdict.problems.push('the ZIP container is not the canonical encoding of its files: bytes outside the files were changed');
  }
  verdict.ok = verdict.problems.length === 0;
  return verdict;
}

/** The verdict as the script prints it: `OK` with what was checked, or `FAIL` with one line per problem. */
export function formatCaseArchiveVerdict(v: CaseArchiveVerdict): string {
  const what = v.proposal ? `case archive of ${v.proposal.reference} (${v.proposal.id})` : 'case archive';
  if (v.ok)
    return [
      `OK ${what}`,
      `  ${v.filesChecked} files match manifest.json (sha256 ${v.manifestSha256})`,
      `  ${v.eventsChecked} audit events recompute and link${v.chainGaps ? ` (${v.chainGaps} links cross other proposals' events: compare the hashes with GET /audit)` : ''}`,
      '  integrity only: to know the archive is the one Accord exported, find this manifest sha256 in its ARCHIVE_EXPORTED audit event',
    ].join('\n');
  return [`FAIL ${what}`, ...v.problems.map((p) => `  - ${p}`)].join('\n');
}
