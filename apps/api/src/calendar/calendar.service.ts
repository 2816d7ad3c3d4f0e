import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BusinessCalendar, type CalendarDay } from '../../../../libs/domain/src';

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
}
