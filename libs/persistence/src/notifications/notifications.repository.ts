import type { DataSource, EntityManager } from 'typeorm';
import { managerOf } from '../sql/manager-of';
import { SqlConditions } from '../sql/sql-conditions';
import { updateReturning } from '../sql/update-returning';

type Db = DataSource | EntityManager;

/** An in-app notification with the reference and title of its proposal, if any. */
export interface NotificationRow {
  id: string;
  kind: string;
  proposal_id: string | null;
  task_id: string | null;
  params: Record<string, string | number>;
  created_at: Date;
  read_at: Date | null;
  reference: string | null;
  title: string | null;
}

export interface NotificationFilter {
  userId: string;
  /** true: unread only; false: read only; undefined: both. */
  unread?: boolean;
  /** The keyset [created_at, id] of the last row of the previous page (newest first). */
  before: [string, string] | null;
  limit: number;
}

/** A user's notifications, newest first. */
export async function listNotifications(db: Db, f: NotificationFilter): Promise<NotificationRow[]> {
  const c = new SqlConditions();
  c.where(`n.user_id = ${c.param(f.userId)}`);
  if (f.unread === true) c.where('n.read_at IS NULL');
  if (f.unread === false) c.where('n.read_at IS NOT NULL');
  c.after('n.created_at, n.id', '<', f.before, ['timestamptz', 'uuid']);
  return db.query(
    `SELECT n.*, p.reference, p.title FROM notification n LEFT JOIN proposal p ON p.id = n.proposal_id
       WHERE ${c.sql} ORDER BY n.created_at DESC, n.id DESC LIMIT ${c.param(f.limit)}`,
    c.params,
  );
}

export async function countUnreadNotifications(db: Db, userId: string): Promise<number> {
  const [{ unread }]: { unread: string }[] = await db.query(
    'SELECT count(*) AS unread FROM notification WHERE user_id = $1 AND read_at IS NULL',
    [userId],
  );
  return Number(unread);
}

/** Marks one of the user's notifications read (the first reading counts); its read_at, or null when it is not theirs. */
export async function markNotificationRead(db: Db, id: string, userId: string): Promise<Date | null> {
  const rows = await updateReturning<{ id: string; read_at: Date }>(
    managerOf(db),
    `UPDATE notification SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id, read_at`,
    [id, userId],
  );
  return rows[0]?.read_at ?? null;
}

/** Marks every unread notification of the user read; how many were. */
export async function markAllNotificationsRead(db: Db, userId: string): Promise<number> {
  const rows = await updateReturning(
    managerOf(db),
    'UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id',
    [userId],
  );
  return rows.length;
}

/** A notification to mail, with its recipient and proposal. */
export interface NotificationMailRow {
  id: string;
  kind: string;
  params: Record<string, string | number>;
  email: string;
  full_name: string;
  reference: string | null;
  title: string | null;
}

/**
 * Locks up to `batch` unsent notifications (fewer than `maxAttempts` failures, created in the last two days) in the
 * caller's transaction; SKIP LOCKED, so two workers never mail one twice at once.
 */
export async function claimNotificationsToMail(m: EntityManager, maxAttempts: number, batch: number): Promise<NotificationMailRow[]> {
  // Notifications older than two days are not mailed when SMTP is switched on later.
  return m.query(
    `SELECT n.id, n.kind, n.params, u.email, u.full_name, p.reference, p.title
         FROM notification n JOIN app_user u ON u.id = n.user_id LEFT JOIN proposal p ON p.id = n.proposal_id
         WHERE n.emailed_at IS NULL AND n.email_attempts < $1 AND n.created_at > now() - interval '2 days'
         ORDER BY n.created_at LIMIT $2 FOR UPDATE OF n SKIP LOCKED`,
    [maxAttempts, batch],
  );
}

export async function markNotificationEmailed(m: EntityManager, id: string): Promise<void> {
  await m.query('UPDATE notification SET emailed_at = now() WHERE id = $1', [id]);
}

export async function countNotificationEmailFailure(m: EntityManager, id: string): Promise<void> {
  await m.query('UPDATE notification SET email_attempts = email_attempts + 1 WHERE id = $1', [id]);
}
