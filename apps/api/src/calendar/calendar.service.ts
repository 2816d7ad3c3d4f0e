import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BusinessCalendar, type CalendarDay } from '../../../../libs/domain/src';
import { ADVISORY_LOCKS, appendAudit } from '../../../../libs/persistence/src';
import type { AuthUser } from '../auth/auth-user';
import { notFound } from '../common/problem-details.filter';

const DAY_SELECT = `SELECT to_char(date, 'YYYY-MM-DD') AS date, name, name_en AS "nameEn", kind FROM holiday`;

/** Holiday data maintained by administrators (yearly data, not code). */
@Injectable()
export class CalendarService {
  constructor(private readonly db: DataSource) {}

  async days(year?: number): Promise<(CalendarDay & { kind: CalendarDay['kind'] })[]> {
    const rows: { date: string; name: string; name_en: string; kind: CalendarDay['kind'] }[] = year
      ? await this.db.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, name, name_en, kind FROM holiday WHERE date >= $1 AND date < $2 ORDER BY date`, [
        `${year}-01-01`, `${year + 1}-01-01`,
      ])
      : await this.db.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, name, name_en, kind FROM holiday ORDER BY date`);
    return rows.map((r) => ({ date: r.date, name: r.name, nameEn: r.name_en, kind: r.kind }));
  }

  async calendar(): Promise<BusinessCalendar> {
    return new BusinessCalendar(await this.days());
  }

  /** Creates or replaces one day; audited (HOLIDAY_UPSERTED with before/after) in the same transaction. */
  async upsert(user: AuthUser, day: CalendarDay): Promise<CalendarDay> {
    return this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.HOLIDAY_EDIT]);
      const [before]: CalendarDay[] = await m.query(`${DAY_SELECT} WHERE date = $1`, [day.date]);
      await m.query(
        `INSERT INTO holiday (date, name, name_en, kind) VALUES ($1,$2,$3,$4)
         ON CONFLICT (date) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, kind = EXCLUDED.kind`,
        [day.date, day.name, day.nameEn, day.kind],
      );
      await appendAudit(m, [{
        at: new Date().toISOString(), actor: { id: user.id, name: user.fullName, type: 'USER' }, action: 'HOLIDAY_UPSERTED',
        proposalId: null, stage: null, payload: { date: day.date, before: before ?? null, after: day },
      }]);
      return day;
    });
  }

  /** Removes one day (404 when it is not in the calendar); audited (HOLIDAY_DELETED with before). */
  async remove(user: AuthUser, date: string): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.HOLIDAY_EDIT]);
      const [before]: CalendarDay[] = await m.query(`${DAY_SELECT} WHERE date = $1`, [date]);
      if (!before) throw notFound(`${date} is not a holiday or make-up working day in the calendar`, 'CALENDAR_DAY_NOT_FOUND');
      await m.query('DELETE FROM holiday WHERE date = $1', [date]);
      await appendAudit(m, [{
        at: new Date().toISOString(), actor: { id: user.id, name: user.fullName, type: 'USER' }, action: 'HOLIDAY_DELETED',
        proposalId: null, stage: null, payload: { date, before },
      }]);
    });
  }
}
