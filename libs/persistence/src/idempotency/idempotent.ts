import type { DataSource, EntityManager } from 'typeorm';
import { findIdempotentResource, isUniqueViolation, recordIdempotencyKey, type IdempotencyRecordKey } from './idempotency.repository';

/** Records the request's key against the created resource, in the creating transaction; does nothing without a key. */
export type RecordIdempotencyKey = (m: EntityManager, resourceId: string) => Promise<void>;

export interface IdempotentCreation<T> {
  /** The answer for an earlier request's resource; null when it cannot be read (then the work runs). */
  replay: (resourceId: string) => Promise<T | null>;
  /** Creates the resource and calls `record` inside the transaction that writes it. */
  work: (record: RecordIdempotencyKey) => Promise<T>;
}

/**
 * "The same key from the same user returns the first result" (docs/api.md): looks the key up and replays the first
 * result; otherwise runs the work, which records the key with the resource. Two requests with one key that race both
 * miss the lookup; the loser's insert of the key fails with a unique violation, and it answers with the winner's
 * resource. Without a key the work simply runs. The key must be valid already (apps/api/src/common/idempotency.ts).
 */
export async function runIdempotent<T>(
  db: DataSource,
  k: Omit<IdempotencyRecordKey, 'key'> & { key: string | undefined },
  creation: IdempotentCreation<T>,
): Promise<T> {
  const key = k.key ? { userId: k.userId, scope: k.scope, key: k.key } : null;
  const replayed = async (): Promise<T | null> => {
    const resourceId = key ? await findIdempotentResource(db, key) : null;
    return resourceId ? creation.replay(resourceId) : null;
  };
  const first = await replayed();
  if (first !== null) return first;
  try {
    return await creation.work(key ? (m, resourceId) => recordIdempotencyKey(m, key, resourceId) : async () => undefined);
  } catch (err) {
    if (key && isUniqueViolation(err)) {
      const winner = await replayed();
      if (winner !== null) return winner;
    }
    throw err;
  }
}
