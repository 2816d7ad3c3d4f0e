import type { DataSource } from 'typeorm';

/** Does Postgres answer? Throws when it does not. */
export async function pingDatabase(db: DataSource): Promise<void> {
  await db.query('SELECT 1');
}
