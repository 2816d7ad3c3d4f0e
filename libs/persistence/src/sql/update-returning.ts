import type { EntityManager } from 'typeorm';

/** The rows an UPDATE/DELETE ... RETURNING gave back (TypeORM answers those with [rows, rowCount], unlike SELECT/INSERT). */
export async function updateReturning<T = unknown>(m: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const [rows]: [T[], number] = await m.query(sql, params);
  return rows;
}
