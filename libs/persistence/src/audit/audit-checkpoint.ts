import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFile, mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { GENESIS_HASH } from './audit-chain';
import { verifyRange, type RowReader } from './audit-verify';

/**
 * Checkpoints anchor the audit chain outside the database (issue 12, item 8). The chain proves that no event was
 * changed or removed *between* others, but whoever can delete rows can also cut its newest events off and the rest
 * still verifies. So the worker periodically signs the head (seq, hash, time) with an HMAC key the database never
 * sees (AUDIT_CHECKPOINT_KEY) and appends it to a JSON-lines file outside the database (AUDIT_CHECKPOINT_DIR) and to
 * its log. GET /audit/verify then requires the latest checkpoint's event to still be there with the same hash: a tail
 * cut below it, or a rewritten head, is reported. Someone who can edit the database cannot forge a checkpoint without
 * the key, nor remove one without access to the file and the log.
 */
export interface AuditCheckpoint {
  /** The head event's seq and hash when the checkpoint was taken. */
  seq: number;
  hash: string;
  /** When the checkpoint was taken (ISO 8601). */
  at: string;
  /** HMAC-SHA256 (hex) of the fields above, with AUDIT_CHECKPOINT_KEY. */
  mac: string;
}

/** What GET /audit/verify reports of the latest checkpoint. */
export interface CheckpointVerdict {
  seq: number;
  at: string;
  ok: boolean;
  reason?: string;
}

export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

/** Runs one SQL query (a TypeORM manager's `query`, or a pg client's rows). */
export type SqlQuery = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>;

function macOf(key: string, c: Pick<AuditCheckpoint, 'seq' | 'hash' | 'at'>): string {
  // A fixed, versioned layout of the signed fields: no canonical-JSON subtleties between writer and reader.
  return createHmac('sha256', key).update(`accord-audit-checkpoint/v1\n${c.seq}\n${c.hash}\n${c.at}`).digest('hex');
}

export function signCheckpoint(key: string, head: { seq: number; hash: string }, at: Date): AuditCheckpoint {
  const unsigned = { seq: head.seq, hash: head.hash, at: at.toISOString() };
  return { ...unsigned, mac: macOf(key, unsigned) };
}

export function checkpointSignatureOk(key: string, c: AuditCheckpoint): boolean {
  const expected = Buffer.from(macOf(key, c), 'hex');
  const given = Buffer.from(typeof c.mac === 'string' && /^[0-9a-f]{64}$/.test(c.mac) ? c.mac : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function parseCheckpoint(line: string): AuditCheckpoint | null {
  try {
    const v = JSON.parse(line) as Partial<AuditCheckpoint>;
    if (Number.isSafeInteger(v.seq) && typeof v.hash === 'string' && typeof v.at === 'string' && typeof v.mac === 'string') {
      return { seq: v.seq!, hash: v.hash, at: v.at, mac: v.mac };
    }
  } catch {
    /* a torn last line (a crash mid-write): the one before it counts */
  }
  return null;
}

/** The file's last well-formed checkpoint, reading only its end (the file grows by one line per change of head). */
export async function readLatestCheckpoint(dir: string): Promise<AuditCheckpoint | null> {
  let handle;
  try {
    handle = await open(join(dir, CHECKPOINT_FILE), 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const lines = buffer
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim());
    for (let i = lines.length - 1; i >= 0; i--) {
      const checkpoint = parseCheckpoint(lines[i]!);
      if (checkpoint) return checkpoint;
    }
    return null;
  } finally {
    await handle.close();
  }
}

export async function appendCheckpoint(dir: string, c: AuditCheckpoint): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await appendFile(join(dir, CHECKPOINT_FILE), `${JSON.stringify(c)}\n`, { mode: 0o600 });
}

/** Is the chain in the database still the one the checkpoint saw at its seq? */
export async function checkAgainstCheckpoint(query: SqlQuery, key: string, c: AuditCheckpoint): Promise<CheckpointVerdict> {
  const verdict = { seq: c.seq, at: c.at };
  if (!checkpointSignatureOk(key, c)) return { ...verdict, ok: false, reason: 'the checkpoint is not signed with AUDIT_CHECKPOINT_KEY' };
  const [row] = await query('SELECT hash FROM audit_event WHERE seq = $1', [String(c.seq)]);
  if (!row) {
    const [head] = await query('SELECT max(seq) AS seq FROM audit_event', []);
    const last = head?.seq == null ? 0 : Number(head.seq);
    return last < c.seq
      ? {
          ...verdict,
          ok: false,
          reason: `the chain ends at seq ${last}, before the checkpoint at seq ${c.seq}: events were removed from its end`,
        }
      : { ...verdict, ok: false, reason: `event ${c.seq} of the checkpoint is missing` };
  }
  if (row.hash !== c.hash)
    return { ...verdict, ok: false, reason: `event ${c.seq} is not the one the checkpoint signed (its hash differs)` };
  return { ...verdict, ok: true };
}

export type CheckpointOutcome =
  | { written: true; checkpoint: AuditCheckpoint }
  | { written: false; reason: 'empty' | 'unchanged' }
  /** The chain no longer matches the latest checkpoint, or is broken since it: nothing is signed over that. */
  | { written: false; reason: 'mismatch'; problem: string };

/**
 * Signs the current head and appends it to the file, unless the head is the latest checkpoint's already. The events
 * since the latest checkpoint are verified first (hashes and links, from the checkpoint's hash on), and a chain that
 * no longer contains the latest checkpoint is never signed: a cut tail must not be laundered by a newer checkpoint.
 * The caller serialises writers (an advisory lock) and logs the checkpoint.
 */
export async function writeCheckpoint(query: SqlQuery, key: string, dir: string, now: Date): Promise<CheckpointOutcome> {
  const [head] = await query('SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1', []);
  if (!head) return { written: false, reason: 'empty' };
  const seq = Number(head.seq);
  const latest = await readLatestCheckpoint(dir);
  if (latest) {
    const verdict = await checkAgainstCheckpoint(query, key, latest);
    if (!verdict.ok) return { written: false, reason: 'mismatch', problem: verdict.reason! };
    if (latest.seq === seq) return { written: false, reason: 'unchanged' };
  }
  const range = await verifyRange(query as unknown as RowReader, String(latest?.seq ?? 0), String(seq));
  const expectedPrev = latest?.hash ?? GENESIS_HASH;
  if (range.brokenAt !== undefined) return { written: false, reason: 'mismatch', problem: `the chain is broken at seq ${range.brokenAt}` };
  if (range.firstSeq !== null && range.firstPrevHash !== expectedPrev)
    return { written: false, reason: 'mismatch', problem: `the chain is broken at seq ${range.firstSeq}` };
  const checkpoint = signCheckpoint(key, { seq, hash: String(head.hash) }, now);
  await appendCheckpoint(dir, checkpoint);
  return { written: true, checkpoint };
}
