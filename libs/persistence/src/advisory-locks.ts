/**
 * The Postgres advisory lock ids Accord takes (pg_advisory_xact_lock), in one place so no two mechanisms share one
 * by accident and serialise each other.
 */
export const ADVISORY_LOCKS = {
  /** Appends to a province's audit hash chain, across processes (with the province: provinceLockSql). */
  AUDIT_CHAIN: 727_001,
  /** A province's holiday edits, so the audit's before/after are exact under concurrent admins (provinceLockSql). */
  HOLIDAY_EDIT: 727_002,
  /** One commitments-sync version collection at a time. */
  COMMITMENTS_SYNC: 727_003,
  /** One audit checkpoint writer at a time (worker replicas share the checkpoint file). */
  AUDIT_CHECKPOINT: 727_020,
} as const;

/**
 * `pg_advisory_xact_lock($1, <province>)`: a lock per province (two int4 keys: the lock id, and a hash of the
 * transaction's province), so each province's audit chain and calendar are serialised on their own. Two-key advisory
 * locks never conflict with the one-key locks above.
 */
export const PROVINCE_XACT_LOCK_SQL = `SELECT pg_advisory_xact_lock($1, hashtext(coalesce(current_setting('accord.province', true), '')))`;
