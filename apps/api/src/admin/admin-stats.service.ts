import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { addDays, isoDateInVietnam, PROPOSAL_STATUSES, STAGES } from '@accord/domain';
import { readStatsRows } from '@accord/persistence';
import { CalendarService } from '../calendar/calendar.service';
import { API_DATE_DOC, isApiDate } from '../common/date-validators';
import { badRequest, type FieldError } from '../common/problem-details.filter';

export class StatsQuery {
  @ApiPropertyOptional({
    ...API_DATE_DOC,
    example: '2026-01-01',
    description: 'Only proposals created on or after this day (Asia/Ho_Chi_Minh)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  from?: string;

  @ApiPropertyOptional({
    ...API_DATE_DOC,
    example: '2026-12-31',
    description: 'Only proposals created on or before this day (Asia/Ho_Chi_Minh)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  to?: string;
}

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

/** Completed tasks and how many of them met their deadline; rate is onTime / completed, null when none completed. */
export interface Compliance {
  completed: number;
  onTime: number;
  rate: number | null;
}

export interface MonthCompliance extends Compliance {
  /** YYYY-MM, the month in Viet Nam of the tasks' completion. */
  month: string;
}

/** Months (without a window) that the series covers, ending with the current month. */
export const MONTHS_WITHOUT_WINDOW = 24;

const compliance = (completed: number, onTime: number): Compliance => ({ completed, onTime, rate: completed ? onTime / completed : null });

/** The month `n` months after `month` (YYYY-MM; n may be negative). */
export function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * SLA compliance per month of completion: `days` are completed-task counts by completion day (YYYY-MM-DD, already the
 * day in Viet Nam). The result is ascending and has every month from the first to the last one with a completed task,
 * a month without any as {completed: 0, onTime: 0, rate: null}, so that a chart has no gaps. Days before the month
 * `since` (YYYY-MM), when given, are left out.
 */
export function complianceByMonth(days: { completedOn: string; completed: number; onTime: number }[], since?: string): MonthCompliance[] {
  const months = new Map<string, { completed: number; onTime: number }>();
  for (const d of days) {
    const month = d.completedOn.slice(0, 7);
    if (since && month < since) continue;
    const m = months.get(month) ?? { completed: 0, onTime: 0 };
    m.completed += d.completed;
    m.onTime += d.onTime;
    months.set(month, m);
  }
  if (!months.size) return [];
  const keys = [...months.keys()].sort();
  const series: MonthCompliance[] = [];
  for (let month = keys[0]!; month <= keys[keys.length - 1]!; month = addMonths(month, 1)) {
    const m = months.get(month);
    series.push({ month, ...compliance(m?.completed ?? 0, m?.onTime ?? 0) });
  }
  return series;
}

/**
 * Counts for leaders, administrators and auditors (docs/api.md GET /admin/stats), read from the projections.
 * The optional window filters on the proposal's creation day; task figures count the tasks of those proposals.
 */
@Injectable()
export class AdminStatsService {
  constructor(
    private readonly db: DataSource,
    private readonly calendar: CalendarService,
  ) {}

  async stats(q: StatsQuery) {
    const window = this.window(q);
    const [{ statuses, stages, overdue, agencies, completed }, calendar] = await Promise.all([
      readStatsRows(this.db, window),
      this.calendar.calendar(),
    ]);

    const byStatus = Object.fromEntries<number>(PROPOSAL_STATUSES.map((s) => [s, 0]));
    for (const r of statuses) byStatus[r.status] = r.n;
    const byStage = Object.fromEntries<number>(STAGES.map((s) => [s, 0]));
    for (const r of stages) byStage[r.stage] = r.n;
    const overdueByAgency = Object.fromEntries<number>(agencies.map((a) => [a.code, 0]));
    for (const r of overdue) overdueByAgency[r.code] = r.n;

    const durations = new Map<string, { value: number; count: number }[]>(STAGES.map((s) => [s, []]));
    const perStage = new Map<string, { completed: number; onTime: number }>(STAGES.map((s) => [s, { completed: 0, onTime: 0 }]));
    let done = 0;
    let onTime = 0;
    for (const r of completed) {
      const days = calendar.workingDaysBetween(r.created_on, r.completed_on);
      if (!durations.has(r.stage)) durations.set(r.stage, []);
      durations.get(r.stage)!.push({ value: days, count: r.n });
      if (!perStage.has(r.stage)) perStage.set(r.stage, { completed: 0, onTime: 0 });
      perStage.get(r.stage)!.completed += r.n;
      perStage.get(r.stage)!.onTime += r.on_time;
      done += r.n;
      onTime += r.on_time;
    }
    const medianWorkingDaysPerStage = Object.fromEntries([...durations].map(([stage, groups]) => [stage, weightedMedian(groups)]));
    // Without a window: the last MONTHS_WITHOUT_WINDOW months up to the current one (in Viet Nam).
    const since = q.from || q.to ? undefined : addMonths(isoDateInVietnam(new Date()).slice(0, 7), 1 - MONTHS_WITHOUT_WINDOW);
    const slaComplianceByMonth = complianceByMonth(
      completed.map((r) => ({ completedOn: r.completed_on, completed: r.n, onTime: r.on_time })),
      since,
    );

    return {
      ...(q.from || q.to ? { from: q.from ?? null, to: q.to ?? null } : {}),
      byStatus,
      byStage,
      overdueTasks: overdue.reduce((n, r) => n + r.n, 0),
      overdueByAgency,
      /** The agencies' names (Vietnamese, as registered), for the codes above. */
      agencyNames: Object.fromEntries(agencies.map((a) => [a.code, a.name])),
      medianWorkingDaysPerStage,
      slaCompliance: compliance(done, onTime),
      slaComplianceByMonth,
      slaComplianceByStage: Object.fromEntries([...perStage].map(([stage, c]) => [stage, compliance(c.completed, c.onTime)])),
      generatedAt: new Date().toISOString(),
    };
  }

  /** `from`/`to` as instants: the start of `from` and the start of the day after `to`, in Asia/Ho_Chi_Minh. */
  private window(q: StatsQuery): { from?: string; before?: string } {
    const errors: FieldError[] = [];
    const valid = (s: string | undefined) => s === undefined || isApiDate(s);
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
