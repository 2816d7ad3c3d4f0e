import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { addDays, isIsoDate, PROPOSAL_STATUSES, STAGES } from '../../../../libs/domain/src';
import { CalendarService } from '../calendar/calendar.service';
import { badRequest, type FieldError } from '../common/problem-details.filter';

export class StatsQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'Only proposals created on or after this day (Asia/Ho_Chi_Minh)' })
  @IsOptional() @IsString() @MaxLength(10) from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Only proposals created on or before this day (Asia/Ho_Chi_Minh)' })
  @IsOptional() @IsString() @MaxLength(10) to?: string;
}

/** The civil date in Viet Nam (UTC+7 all year, no DST) of a timestamptz column, the same arithmetic as isoDateInVietnam. */
const vnDate = (column: string) => `to_char((${column} AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD')`;

/** Median of values given as (value, how many times) pairs; null when there are none. */
export function weightedMedian(groups: { value: number; count: number }[]): number | null {
  const sorted = groups.filter((g) => g.count > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((n, g) => n + g.count, 0);
  if (!total) return null;
  const at = (index: number): number => {
    let seen = 0;
    for (const g of sorted) {
      seen += g.count;
      if (index < seen) return g.value;
    }
    return sorted[sorted.length - 1]!.value;
  };
  return total % 2 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}

/**
 * Counts for leaders, administrators and auditors (api-contract.md GET /admin/stats), read from the projections.
 * The optional window filters on the proposal's creation day; task figures count the tasks of those proposals.
 */
@Injectable()
export class AdminStatsService {
  constructor(private readonly db: DataSource, private readonly calendar: CalendarService) {}

  async stats(q: StatsQuery) {
    const window = this.window(q);
    const params: unknown[] = [];
    const where: string[] = ['TRUE'];
    if (window.from) where.push(`p.created_at >= $${params.push(window.from)}::timestamptz`);
    if (window.before) where.push(`p.created_at < $${params.push(window.before)}::timestamptz`);
    const inWindow = where.join(' AND ');

    const [statuses, stages, overdue, agencies, completed, calendar]: [
      { status: string; n: number }[],
      { stage: string; n: number }[],
      { code: string; n: number }[],
      { code: string }[],
      { stage: string; created_on: string; completed_on: string; n: number; on_time: number }[],
      Awaited<ReturnType<CalendarService['calendar']>>,
    ] = await Promise.all([
      this.db.query(`SELECT p.status, count(*)::int AS n FROM proposal p WHERE ${inWindow} GROUP BY p.status`, params),
      // Running: a proposal with an open task, counted at the stage it is in.
      this.db.query(
        `SELECT p.stage, count(*)::int AS n FROM proposal p
         WHERE ${inWindow} AND p.stage IS NOT NULL AND EXISTS (SELECT 1 FROM task t WHERE t.proposal_id = p.id AND t.status = 'OPEN')
         GROUP BY p.stage`,
        params,
      ),
      // A paused clock is not running, so its task is not overdue (domain.md "Stop-the-clock").
      this.db.query(
        `SELECT t.candidate_agency_code AS code, count(*)::int AS n FROM task t JOIN proposal p ON p.id = t.proposal_id
         WHERE ${inWindow} AND t.status = 'OPEN' AND NOT t.paused AND t.due_at < now()
         GROUP BY t.candidate_agency_code`,
        params,
      ),
      this.db.query('SELECT code FROM agency ORDER BY code'),
      // Grouped by calendar days, so the working-day arithmetic runs once per distinct (start, end) pair.
      this.db.query(
        `SELECT t.stage, ${vnDate('t.created_at')} AS created_on, ${vnDate('t.completed_at')} AS completed_on,
                count(*)::int AS n, (count(*) FILTER (WHERE t.completed_at <= t.due_at))::int AS on_time
         FROM task t JOIN proposal p ON p.id = t.proposal_id
         WHERE ${inWindow} AND t.status = 'COMPLETED' AND t.completed_at IS NOT NULL
         GROUP BY 1, 2, 3`,
        params,
      ),
      this.calendar.calendar(),
    ]);

    const byStatus = Object.fromEntries<number>(PROPOSAL_STATUSES.map((s) => [s, 0]));
    for (const r of statuses) byStatus[r.status] = r.n;
    const byStage = Object.fromEntries<number>(STAGES.map((s) => [s, 0]));
    for (const r of stages) byStage[r.stage] = r.n;
    const overdueByAgency = Object.fromEntries<number>(agencies.map((a) => [a.code, 0]));
    for (const r of overdue) overdueByAgency[r.code] = r.n;

    const durations = new Map<string, { value: number; count: number }[]>(STAGES.map((s) => [s, []]));
    let done = 0;
    let onTime = 0;
    for (const r of completed) {
      const days = calendar.workingDaysBetween(r.created_on, r.completed_on);
      if (!durations.has(r.stage)) durations.set(r.stage, []);
      durations.get(r.stage)!.push({ value: days, count: r.n });
      done += r.n;
      onTime += r.on_time;
    }
    const medianWorkingDaysPerStage = Object.fromEntries([...durations].map(([stage, groups]) => [stage, weightedMedian(groups)]));

    return {
      ...(q.from || q.to ? { from: q.from ?? null, to: q.to ?? null } : {}),
      byStatus,
      byStage,
      overdueTasks: overdue.reduce((n, r) => n + r.n, 0),
      overdueByAgency,
      medianWorkingDaysPerStage,
      slaCompliance: { completed: done, onTime, rate: done ? onTime / done : null },
      generatedAt: new Date().toISOString(),
    };
  }

  /** `from`/`to` as instants: the start of `from` and the start of the day after `to`, in Asia/Ho_Chi_Minh. */
  private window(q: StatsQuery): { from?: string; before?: string } {
    const errors: FieldError[] = [];
    const valid = (s: string | undefined) => s === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(s) && isIsoDate(s) && s >= '1900-01-01' && s <= '2200-12-31');
    if (!valid(q.from)) errors.push({ field: 'from', message: 'from must be a real calendar date YYYY-MM-DD' });
    if (!valid(q.to)) errors.push({ field: 'to', message: 'to must be a real calendar date YYYY-MM-DD' });
    if (!errors.length && q.from && q.to && q.to < q.from) errors.push({ field: 'to', message: 'to must be on or after from' });
    if (errors.length) throw badRequest('Invalid statistics window', errors);
    return {
      ...(q.from ? { from: `${q.from}T00:00:00+07:00` } : {}),
      ...(q.to ? { before: `${addDays(q.to, 1)}T00:00:00+07:00` } : {}),
    };
  }
}
