import type { DataSource } from 'typeorm';
import { ProblemException } from '../common/problem-details.filter';

/**
 * The session-level advisory lock that lets one GET /audit/verify run at a time across every api process. A full
 * verification starts worker threads and reads the whole chain; concurrent calls multiplied that (threads,
 * connections, CPU) with nobody better informed (issue 12, item 12). A second call while one runs is refused at once
 * with 429 and Retry-After rather than queued: a queue would hold HTTP requests and pool connections open for as long
 * as the verification takes, and the caller learns nothing new by waiting behind an identical check.
 */
export const AUDIT_VERIFY_LOCK_SQL = `hashtext('accord:audit-verify')`;
/** Seconds a refused caller is told to wait: about what a verification of a large chain takes. */
export const AUDIT_VERIFY_RETRY_AFTER = 10;

export class AuditVerifyBusy extends ProblemException {
  constructor() {
    super(429, 'Too Many Requests', 'An audit verification is running already; try again shortly', undefined, 'urn:accord:problem:audit-verify-busy');
  }
}

/** Runs `verify` holding the lock on a connection of its own; AuditVerifyBusy when another holds it. */
export async function oneVerifyAtATime<T>(db: DataSource, verify: () => Promise<T>): Promise<T> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    const [{ locked }]: { locked: boolean }[] = await runner.query(`SELECT pg_try_advisory_lock(${AUDIT_VERIFY_LOCK_SQL}) AS locked`);
    if (!locked) throw new AuditVerifyBusy();
    try {
      return await verify();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(${AUDIT_VERIFY_LOCK_SQL})`);
    }
  } finally {
    await runner.release();
  }
}
