import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BusinessCalendar, type CalendarDay } from '@accord/domain';
import { appendAudit, deleteHoliday, findHoliday, isNationalDay, listHolidays, lockHolidayEdits, upsertHoliday } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { conflict, notFound } from '../common/problem-details.filter';

/** Holiday data maintained by administrators (yearly data, not code). */
@Injectable()
export class CalendarService {
  constructor(private readonly db: DataSource) {}

  async days(year?: number): Promise<(CalendarDay & { kind: CalendarDay['kind'] })[]> {
    const rows = await listHolidays(this.db, year);
    return rows.map((r) => ({ date: r.date, name: r.name, nameEn: r.name_en, kind: r.kind }));
  }

  async calendar(): Promise<BusinessCalendar> {
    return new BusinessCalendar(await this.days());
  }

  /** Creates or replaces one day; audited (HOLIDAY_UPSERTED with before/after) in the same transaction. */
  async upsert(user: AuthUser, day: CalendarDay): Promise<CalendarDay> {
    return this.db.transaction(async (m) => {
      await lockHolidayEdits(m);
      const before = await findHoliday(m, day.date);
      await upsertHoliday(m, day);
      await appendAudit(m, [
        {
          at: new Date().toISOString(),
          actor: { id: user.id, name: user.fullName, type: 'USER' },
          action: 'HOLIDAY_UPSERTED',
          proposalId: null,
          stage: null,
          payload: { date: day.date, before: before ?? null, after: day },
        },
      ]);
      return day;
    });
  }

  /** Removes one day (404 when it is not in the calendar); audited (HOLIDAY_DELETED with before). */
  async remove(user: AuthUser, date: string): Promise<void> {
    await this.db.transaction(async (m) => {
      await lockHolidayEdits(m);
      const before = await findHoliday(m, date);
      if (!before) throw notFound(`${date} is not a holiday or make-up working day in the calendar`, 'CALENDAR_DAY_NOT_FOUND');
      if (await isNationalDay(m, date))
        throw conflict(
          `${date} is in the national calendar; a province can only change it with a day of its own (PUT)`,
          'CALENDAR_DAY_NATIONAL',
        );
      await deleteHoliday(m, date);
      await appendAudit(m, [
        {
          at: new Date().toISOString(),
          actor: { id: user.id, name: user.fullName, type: 'USER' },
          action: 'HOLIDAY_DELETED',
          proposalId: null,
          stage: null,
          payload: { date, before },
        },
      ]);
    });
  }
}
