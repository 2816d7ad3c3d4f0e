import type { DataSource, EntityManager } from 'typeorm';
import { isoDateInVietnam } from '../../../../libs/domain/src';

/**
 * The users `userId` stands in for on `day` (a date in Asia/Ho_Chi_Minh, today by default): those who named them
 * substitute for a range covering that day and have not revoked it. Read at request time, so a task assigned to an
 * absent user during the range reaches the substitute too, and nothing lingers once the range ends or is revoked.
 */
export async function absenteesOf(db: DataSource | EntityManager, userId: string, day: string = isoDateInVietnam(new Date())): Promise<string[]> {
  const rows: { user_id: string }[] = await db.query(
    `SELECT user_id FROM user_substitute
     WHERE substitute_id = $1 AND revoked_at IS NULL AND starts_on <= $2::date AND ends_on >= $2::date`,
    [userId, day],
  );
  return rows.map((r) => r.user_id);
}
