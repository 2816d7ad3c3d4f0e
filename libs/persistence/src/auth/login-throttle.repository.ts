import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/**
 * Takes one password check for `key` in the sliding window, by one atomic upsert that only succeeds under `limit`
 * (the row lock serialises parallel logins). Returns the check's instant (to give it back), or null when the key is
 * at its limit and nothing was taken.
 */
export async function takeLoginAttempt(db: Db, key: string, limit: number, windowSeconds: number): Promise<string | null> {
  // clock_timestamp(), not now(): every check gets its own instant, so a refund removes exactly its own.
  const rows: { at: string }[] = await db.query(
    `INSERT INTO login_throttle AS t (key, attempts, updated_at) VALUES ($1, ARRAY[clock_timestamp()], now())
       ON CONFLICT (key) DO UPDATE
         SET attempts = ARRAY(SELECT a FROM unnest(t.attempts) a WHERE a > clock_timestamp() - make_interval(secs => $3)) || clock_timestamp(),
             updated_at = now()
         WHERE (SELECT count(*) FROM unnest(t.attempts) a WHERE a > clock_timestamp() - make_interval(secs => $3)) < $2
       RETURNING attempts[array_upper(attempts, 1)]::text AS at`,
    [key, limit, windowSeconds],
  );
  return rows[0]?.at ?? null;
}

/** Gives back the check taken at `at`. */
export async function refundLoginAttempt(db: Db, key: string, at: string): Promise<void> {
  await db.query(`UPDATE login_throttle SET attempts = array_remove(attempts, $2::timestamptz) WHERE key = $1`, [key, at]);
}

/** Seconds until the oldest check in the window leaves it (the key is free again then); null without a row. */
export async function loginRetryAfterSeconds(db: Db, key: string, windowSeconds: number): Promise<number | null> {
  const [wait]: { seconds: number | null }[] = await db.query(
    `SELECT ceil(extract(epoch FROM (SELECT min(a) FROM unnest(attempts) a WHERE a > clock_timestamp() - make_interval(secs => $2))
                                     + make_interval(secs => $2) - clock_timestamp()))::int AS seconds
         FROM login_throttle WHERE key = $1`,
    [key, windowSeconds],
  );
  return wait?.seconds ?? null;
}

/** Forgets keys with no check in the window. */
export async function deleteIdleLoginKeys(db: Db, windowSeconds: number): Promise<void> {
  await db.query(`DELETE FROM login_throttle WHERE updated_at < now() - make_interval(secs => $1)`, [windowSeconds]);
}
