import type { DataSource, EntityManager } from 'typeorm';
import { isoDateInVietnam } from '@accord/domain';
import { absentUsersCoveredBy, type TaskHolders } from '@accord/persistence';

/**
 * The users `userId` stands in for on `day` (a date in Asia/Ho_Chi_Minh, today by default): those who named them
 * substitute for a range covering that day and have not revoked it. Read at request time, so a task assigned to an
 * absent user during the range reaches the substitute too, and nothing lingers once the range ends or is revoked.
 */
export function absenteesOf(db: DataSource | EntityManager, userId: string, day: string = isoDateInVietnam(new Date())): Promise<string[]> {
  return absentUsersCoveredBy(db, userId, day);
}

/** The same rule for the task list, which reads the stand-ins in its own statement: the caller and today's date. */
export function holdersOf(userId: string, day: string = isoDateInVietnam(new Date())): TaskHolders {
  return { userId, day };
}
