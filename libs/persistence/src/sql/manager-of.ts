import type { DataSource, EntityManager } from 'typeorm';

/** The manager to run on: the DataSource's own, or the transaction's (updateReturning reads the raw [rows, count] answer through one). */
export function managerOf(db: DataSource | EntityManager): EntityManager {
  return 'manager' in db ? db.manager : db;
}
