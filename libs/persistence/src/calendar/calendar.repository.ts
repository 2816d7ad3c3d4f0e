/**
 * The business calendar's days off and make-up working days (docs/domain.md "Business calendar"). Edits run in the
 * caller's transaction, under lockHolidayEdits, with their audit row.
 */
import type { DataSource, EntityManager } from 'typeorm';
import type { CalendarDay } from '@accord/domain';
import { ADVISORY_LOCKS, PROVINCE_XACT_LOCK_SQL } from '../advisory-locks';

type Db = DataSource | EntityManager;

/** A holiday or make-up working day as stored (date as YYYY-MM-DD). */
export interface HolidayRow {
  date: string;
  name: string;
  name_en: string;
  kind: CalendarDay['kind'];
}

/** A proposal whose deadlines a calendar change can move. */
export interface RunningProposalRow {
  id: string;
  reference: string;
  workflow_id: string;
}

/**
 * Days as the caller's province sees them (view province_calendar, migration 1764000001800): its own entries over the
 * national calendar's.
 */
const DAY_SELECT = `SELECT to_char(date, 'YYYY-MM-DD') AS date, name, name_en AS "nameEn", kind FROM province_calendar`;

/** Every day, or one year's, in date order. */
export function listHolidays(db: Db, year?: number): Promise<HolidayRow[]> {
  return year
    ? db.query(
        `SELECT to_char(date, 'YYYY-MM-DD') AS date, name, name_en, kind FROM province_calendar WHERE date >= $1 AND date < $2 ORDER BY date`,
        [`${year}-01-01`, `${year + 1}-01-01`],
      )
    : db.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, name, name_en, kind FROM province_calendar ORDER BY date`);
}

/** Serialises holiday edits until `m`'s transaction ends, so the audit's before/after are exact under concurrent admins. */
export async function lockHolidayEdits(m: EntityManager): Promise<void> {
  await m.query(PROVINCE_XACT_LOCK_SQL, [ADVISORY_LOCKS.HOLIDAY_EDIT]);
}

export async function findHoliday(db: Db, date: string): Promise<CalendarDay | null> {
  const [row]: CalendarDay[] = await db.query(`${DAY_SELECT} WHERE date = $1`, [date]);
  return row ?? null;
}

/** True when the day comes from the national calendar (the province has no entry of its own for it). */
export async function isNationalDay(db: Db, date: string): Promise<boolean> {
  const [row]: { national: boolean }[] = await db.query(`SELECT province_code IS NULL AS national FROM province_calendar WHERE date = $1`, [
    date,
  ]);
  return row?.national ?? false;
}

export async function upsertHoliday(db: Db, day: CalendarDay): Promise<void> {
  await db.query(
    // The province's own entry (province_code defaults to the caller's province), over the national day if any.
    `INSERT INTO holiday (date, name, name_en, kind) VALUES ($1,$2,$3,$4)
     ON CONFLICT (province_code, date) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, kind = EXCLUDED.kind`,
    [day.date, day.name, day.nameEn, day.kind],
  );
}

export async function deleteHoliday(db: Db, date: string): Promise<void> {
  // Row-level security limits this to the province's own entry; a national day is not the province's to remove.
  await db.query('DELETE FROM holiday WHERE date = $1 AND province_code IS NOT NULL', [date]);
}

/** Only proposals with an open task have a clock to recount (a finished one, e.g. an approved mechanism, has none). */
export function listProposalsWithOpenTasks(db: Db): Promise<RunningProposalRow[]> {
  return db.query(
    `SELECT p.id, p.reference, p.workflow_id FROM proposal p WHERE EXISTS (SELECT 1 FROM task t WHERE t.proposal_id = p.id AND t.status = 'OPEN') ORDER BY p.created_at`,
  );
}
