import type { DataSource, EntityManager } from 'typeorm';

/** One Idempotency-Key of one user for one kind of creation ("proposal", "attachment", …): the resource it created. */
export interface IdempotencyRecordKey {
  userId: string;
  scope: string;
  key: string;
}

/** The id of the resource an earlier request with this key created, if any. */
export async function findIdempotentResource(db: DataSource | EntityManager, k: IdempotencyRecordKey): Promise<string | null> {
  const [hit]: { resource_id: string }[] = await db.query(
    'SELECT resource_id FROM idempotency_record WHERE user_id = $1 AND scope = $2 AND key = $3',
    [k.userId, k.scope, k.key],
  );
  return hit?.resource_id ?? null;
}

/** Records the key in the creating transaction; a second writer of the same key fails with a unique violation (23505). */
export async function recordIdempotencyKey(m: EntityManager, k: IdempotencyRecordKey, resourceId: string): Promise<void> {
  await m.query('INSERT INTO idempotency_record (user_id, scope, key, resource_id) VALUES ($1,$2,$3,$4)', [
    k.userId,
    k.scope,
    k.key,
    resourceId,
  ]);
}

/**
 * Records the key after the fact, keeping the first writer's resource: for a creation that is not one transaction
 * (a reporting cycle is created by its workflow, and the key is written once the workflow answered).
 */
export async function recordIdempotencyKeyOnce(db: DataSource | EntityManager, k: IdempotencyRecordKey, resourceId: string): Promise<void> {
  await db.query('INSERT INTO idempotency_record (user_id, scope, key, resource_id) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING', [
    k.userId,
    k.scope,
    k.key,
    resourceId,
  ]);
}

/** Postgres' unique_violation: the error the loser of two racing inserts of one key gets. */
export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23505';
}
