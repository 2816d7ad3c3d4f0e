import type { DataSource, EntityManager } from 'typeorm';
import {
  AGENCY_GROUPS,
  currentDueOn,
  isoDateInVietnam,
  isPlanItemOverdue,
  type AgencyGroup,
  type IsoDate,
  type PlanItemStatus,
  type PlanItemTiming,
  type Recurrence,
} from '@accord/domain';

/** A plan item as stored, with its lead's name and the day of its latest DONE update (dates as YYYY-MM-DD). */
export interface PlanItemRow {
  id: string;
  plan_id: string;
  plan_title: string;
  no: number;
  task: string;
  lead_agency_code: string | null;
  lead_group: AgencyGroup | null;
  lead_name: string | null;
  lead_text: string;
  coordinating_agency_codes: string[];
  coordinating_text: string;
  time_frame: string;
  due_on: IsoDate | null;
  recurrence: Recurrence | null;
  period_from: IsoDate | null;
  period_to: IsoDate | null;
  output: string;
  status: PlanItemStatus;
  last_done_on: IsoDate | null;
  escalated_due_on: IsoDate | null;
  created_at: Date;
  updated_at: Date;
}

export const PLAN_ITEM_SELECT = `
  SELECT i.id, i.plan_id, pl.title AS plan_title, i.no, i.task, i.lead_agency_code, i.lead_group, la.name AS lead_name, i.lead_text,
         i.coordinating_agency_codes, i.coordinating_text, i.time_frame, to_char(i.due_on, 'YYYY-MM-DD') AS due_on, i.recurrence,
         to_char(i.period_from, 'YYYY-MM-DD') AS period_from, to_char(i.period_to, 'YYYY-MM-DD') AS period_to, i.output, i.status,
         to_char(i.last_done_on, 'YYYY-MM-DD') AS last_done_on, to_char(i.escalated_due_on, 'YYYY-MM-DD') AS escalated_due_on,
         i.created_at, i.updated_at
  FROM plan_item i JOIN plan pl ON pl.id = i.plan_id LEFT JOIN agency la ON la.code = i.lead_agency_code`;

export function planItemTiming(row: PlanItemRow): PlanItemTiming {
  return {
    dueOn: row.due_on,
    recurrence: row.recurrence,
    periodFrom: row.period_from,
    periodTo: row.period_to,
    status: row.status,
    createdOn: isoDateInVietnam(row.created_at),
    lastDoneOn: row.last_done_on,
  };
}

/** Due day now and overdue flag, computed at read time (the same rule the follow-up workflow escalates by). */
export function planItemClock(row: PlanItemRow, today: IsoDate): { dueOn: IsoDate | null; overdue: boolean } {
  const timing = planItemTiming(row);
  return { dueOn: currentDueOn(timing), overdue: isPlanItemOverdue(timing, today) };
}

/** The lead: an agency, or a group of them. */
export function planItemLead(row: Pick<PlanItemRow, 'lead_agency_code' | 'lead_group' | 'lead_name'>): {
  code: string;
  name: string;
  group: boolean;
} {
  if (row.lead_group) return { code: row.lead_group, name: AGENCY_GROUPS[row.lead_group].name, group: true };
  return { code: row.lead_agency_code!, name: row.lead_name ?? row.lead_agency_code!, group: false };
}

export async function loadPlanItems(m: DataSource | EntityManager, where: string, params: unknown[]): Promise<PlanItemRow[]> {
  return m.query(`${PLAN_ITEM_SELECT} WHERE ${where} ORDER BY pl.created_at, i.plan_id, i.no`, params);
}
