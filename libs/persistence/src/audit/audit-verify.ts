import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EntityManager } from 'typeorm';
import { currentProvince } from '../tenancy/tenancy';
import { auditHash, GENESIS_HASH, type AuditRow } from './audit-chain';

export interface VerifyResult {
  ok: boolean;
  checked: number;
  brokenAt?: number;
}

/** Runs one SQL query; the verifier reads through this, so it works on a TypeORM manager and on a bare pg client. */
export type RowReader = (sql: string, params: unknown[]) => Promise<(AuditRow & { seq: string })[]>;

/** What one stretch of the chain says about itself; stretches are joined by `joinRanges`. */
export interface RangeResult {
  /** Events read and found sound, in order, up to the first broken one. */
  checked: number;
  /** prev_hash of the stretch's first event (null when it has none): must be the previous stretch's last hash. */
  firstPrevHash: string | null;
  firstSeq: number | null;
  lastHash: string | null;
  /** The first event whose hash is wrong or whose prev_hash is not the event before it. */
  brokenAt?: number;
}

/**
 * Verifies the events with afterSeq < seq <= lastSeq (no upper bound when lastSeq is null) in batches by seq:
 * every hash recomputed from the event's stored fields and stored prev_hash, and every prev_hash compared with the
 * hash of the event before it in the stretch. The first event's link is left to the caller (`firstPrevHash`).
 */
export async function verifyRange(read: RowReader, afterSeq: string, lastSeq: string | null, batchSize = 5000): Promise<RangeResult> {
  const result: RangeResult = { checked: 0, firstPrevHash: null, firstSeq: null, lastHash: null };
  let after = afterSeq;
  let prevHash: string | null = null;
  for (;;) {
    const rows = await (lastSeq === null
      ? read('SELECT * FROM audit_event WHERE seq > $1 ORDER BY seq LIMIT $2', [after, batchSize])
      : read('SELECT * FROM audit_event WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT $3', [after, lastSeq, batchSize]));
    if (!rows.length) return result;
    for (const row of rows) {
      if (prevHash === null) {
        result.firstPrevHash = row.prev_hash;
        result.firstSeq = Number(row.seq);
      } else if (row.prev_hash !== prevHash) {
        return { ...result, brokenAt: Number(row.seq) };
      }
      if (auditHash(row.prev_hash, row) !== row.hash) return { ...result, brokenAt: Number(row.seq) };
      prevHash = row.hash;
      result.lastHash = row.hash;
      result.checked += 1;
      after = row.seq;
    }
  }
}

/** Joins consecutive stretches (in seq order) into the chain's verdict: the first break, counting what came before it. */
export function joinRanges(ranges: RangeResult[]): VerifyResult {
  let checked = 0;
  let lastHash = GENESIS_HASH;
  for (const range of ranges) {
    if (range.firstSeq !== null && range.firstPrevHash !== lastHash) return { ok: false, checked, brokenAt: range.firstSeq };
    if (range.brokenAt !== undefined) return { ok: false, checked: checked + range.checked, brokenAt: range.brokenAt };
    checked += range.checked;
    if (range.lastHash !== null) lastHash = range.lastHash;
  }
  return { ok: true, checked };
}

export interface VerifyOptions {
  /** With a database URL and at least this many events, stretches of the chain are verified in worker threads. */
  parallelFrom?: number;
  /** The database the workers connect to (the manager's own URL). */
  databaseUrl?: string;
  /** Worker threads (default: the cores available, at most 4). */
  workers?: number;
  batchSize?: number;
}

/**
 * Walks the whole chain recomputing every hash (GET /audit/verify). Each event's hash depends only on its own
 * fields and stored prev_hash, so a long chain is cut into stretches by seq and verified in worker threads, each
 * with its own connection, then joined; a short one (or one without a URL to connect to) is walked here.
 */
export async function verifyAuditChain(manager: EntityManager, options: VerifyOptions = {}): Promise<VerifyResult> {
  const batchSize = options.batchSize ?? 5000;
  const read: RowReader = (sql, params) => manager.query(sql, params);
  const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), 4));
  if (options.databaseUrl && options.parallelFrom !== undefined && workers > 1) {
    const [bounds]: { min: string | null; max: string | null; n: string }[] = await manager.query(
      'SELECT min(seq) AS min, max(seq) AS max, count(*) AS n FROM audit_event',
    );
    if (bounds && bounds.min !== null && bounds.max !== null && Number(bounds.n) >= Math.max(options.parallelFrom, 2)) {
      return verifyInWorkers(options.databaseUrl, BigInt(bounds.min) - 1n, BigInt(bounds.max), workers, batchSize, read);
    }
  }
  return joinRanges([await verifyRange(read, '0', null, batchSize)]);
}

async function verifyInWorkers(
  databaseUrl: string,
  before: bigint,
  last: bigint,
  count: number,
  batchSize: number,
  read: RowReader,
): Promise<VerifyResult> {
  const span = last - before;
  const n = BigInt(count) > span ? Number(span) : count;
  const cuts = Array.from({ length: n + 1 }, (_, i) => (i === n ? last : before + (span * BigInt(i)) / BigInt(n)));
  const stretches = await Promise.all(
    cuts
      .slice(0, -1)
      .map((after, i) =>
        runWorker({ databaseUrl, afterSeq: after.toString(), lastSeq: cuts[i + 1]!.toString(), batchSize, province: currentProvince() }),
      ),
  );
  // Events appended while the workers ran lie beyond `last`: the chain walked here reaches them too.
  const tail = await verifyRange(read, last.toString(), null, batchSize);
  return joinRanges([...stretches, tail]);
}

export interface VerifyWorkerInput {
  databaseUrl: string;
  afterSeq: string;
  lastSeq: string;
  batchSize: number;
  /** Each province has its own chain: the thread's connection acts for the caller's province, as the caller's does. */
  province: string | null;
}

/** The worker is this folder's verify-worker, as TypeScript under the dev loader or as compiled JavaScript. */
const WORKER_FILE = join(__dirname, `verify-worker${__filename.endsWith('.ts') ? '.ts' : '.js'}`);

function runWorker(input: VerifyWorkerInput): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, { workerData: input });
    let settled = false;
    worker.once('message', (message: { result?: RangeResult; error?: string }) => {
      settled = true;
      if (message.result) resolve(message.result);
      else reject(new Error(`audit verification worker: ${message.error}`));
    });
    worker.once('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`audit verification worker stopped with code ${code}`));
    });
  });
}
