import type { DataSource } from 'typeorm';
import { releaseAuditVerifyLock, tryAuditVerifyLock } from '@accord/persistence';
import { ProblemException } from '../common/problem-details.filter';

/**
 * One GET /audit/verify at a time, across every api process. A full verification starts worker threads and reads the
 * whole chain; concurrent calls multiplied that (threads, connections, CPU) with nobody better informed (issue 12,
 * item 12).
 *
 * A second call waits for the running one — in this process in memory (no connection held while queued), and across
 * processes on a session-level Postgres advisory lock polled every POLL_MS — for at most MAX_WAIT_MS, then gets 429
 * with Retry-After. Waiting rather than refusing at once: two auditors (or an auditor and an administrator) asking at
 * the same moment both get their answer, one after the other. At most MAX_QUEUED callers wait in one process; more are
 * refused at once, so a burst cannot pile up requests.
 */
export const AUDIT_VERIFY_LIMITS = { maxWaitMs: 10_000, pollMs: 200, maxQueued: 4 };
/** Seconds a refused caller is told to wait. */
export const AUDIT_VERIFY_RETRY_AFTER = 10;

export class AuditVerifyBusy extends ProblemException {
  constructor() {
    super(
      'AUDIT_VERIFY_BUSY',
      'An audit verification is running already; try again shortly',
      undefined,
      'urn:accord:problem:audit-verify-busy',
    );
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The end of this process's queue: resolves when the last caller in it is done. */
let tail: Promise<void> = Promise.resolve();
let queued = 0;

/** Runs `verify` once no other verification runs (here or in another api process); AuditVerifyBusy after the wait. */
export async function oneVerifyAtATime<T>(db: DataSource, verify: () => Promise<T>, limits = AUDIT_VERIFY_LIMITS): Promise<T> {
  if (queued >= limits.maxQueued) throw new AuditVerifyBusy();
  queued++;
  const deadline = Date.now() + limits.maxWaitMs;
  const before = tail;
  let done!: () => void;
  tail = new Promise<void>((resolve) => (done = resolve));
  try {
    // In this process: after the callers ahead. Giving up early must not let the one behind start before those ahead end.
    let timer: NodeJS.Timeout | undefined;
    const myTurn = await Promise.race([
      before.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), limits.maxWaitMs))),
    ]);
    clearTimeout(timer);
    if (!myTurn) {
      const release = done;
      void before.then(release);
      done = () => undefined;
      throw new AuditVerifyBusy();
    }
    // Across processes: the advisory lock, on a connection of its own, taken only when free (no connection waits on it).
    for (;;) {
      const runner = db.createQueryRunner();
      await runner.connect();
      try {
        if (await tryAuditVerifyLock(runner.manager)) {
          try {
            return await verify();
          } finally {
            await releaseAuditVerifyLock(runner.manager);
          }
        }
      } finally {
        await runner.release();
      }
      if (Date.now() + limits.pollMs > deadline) throw new AuditVerifyBusy();
      await sleep(limits.pollMs);
    }
  } finally {
    queued--;
    done();
  }
}
