/**
 * The Postgres advisory lock ids Accord takes (pg_advisory_xact_lock), in one place so no two mechanisms share one
 * by accident and serialise each other.
 */
export const ADVISORY_LOCKS = {
  /** Appends to the audit hash chain, across processes. */
  AUDIT_CHAIN: 727_001,
  /** Holiday edits, so the audit's before/after are exact under concurrent admins. */
  HOLIDAY_EDIT: 727_002,
  /** One commitments-sync version collection at a time. */
  COMMITMENTS_SYNC: 727_003,
  /** One audit checkpoint writer at a time (worker replicas share the checkpoint file). */
  AUDIT_CHECKPOINT: 727_020,
} as const;
