/**
 * Implementation plans, their items and the items' status updates, for the api. Each function runs on the pool or on
 * the EntityManager of the caller's transaction (the import and an update append their audit row in the same one).
 * The follow-up workflow's side is plan-follow-up.ts.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AgencyGroup, IsoDate, Recurrence } from '@accord/domain';
import { SqlConditions } from '../sql/sql-conditions';
import { loadPlanItems, type PlanItemRow } from './plan-item-rows';

type Db = DataSource | EntityManager;

/** A plan as stored, with its importer's name. */
export interface PlanRow {
  id: string;
  title: string;
  source: string | null;
  format: 'JSON' | 'XLSX';
  file_sha256: string | null;
  workflow_id: string;
  created_by: string;
  created_by_name: string;
  created_at: Date;
}

/** A status update on a plan item, with its agency's and author's names. */
export interface PlanItemUpdateRow {
  id: string;
  plan_item_id: string;
  status: string;
  note: string;
  attachment_ids: string[];
  agency_code: string | null;
  agency_name: string | null;
  created_by: string;
  created_by_name: string;
  created_at: Date;
}

/** A plan item as imported (its lead is an agency or a group of agencies). */
export interface NewPlanItem {
  no: number;
  task: string;
  leadAgencyCode: string | null;
  leadGroup: AgencyGroup | null;
  leadText: string;
  coordinatingCodes: string[];
  coordinatingText: string;
  timeFrame: string;
  dueOn: IsoDate | null;
  recurrence: Recurrence | null;
  periodFrom: IsoDate | null;
  periodTo: IsoDate | null;
  output: string;
}

const PLAN_SELECT = `SELECT pl.*, u.full_name AS created_by_name FROM plan pl JOIN app_user u ON u.id = pl.created_by`;
const UPDATE_SELECT = `SELECT pu.*, a.name AS agency_name, u.full_name AS created_by_name FROM plan_item_update pu
       JOIN app_user u ON u.id = pu.created_by LEFT JOIN agency a ON a.code = pu.agency_code`;

/** Every agency's code and name, by code: the directory plan rows are read against. */
export function planAgencies(db: Db): Promise<{ code: string; name: string }[]> {
  return db.query('SELECT code, name FROM agency ORDER BY code');
}

export async function insertPlan(
  db: Db,
  plan: {
    id: string;
    title: string;
    source: string | null;
    format: 'JSON' | 'XLSX';
    fileSha256: string | null;
    workflowId: string;
    createdBy: string;
    createdAt: string;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO plan (id, title, source, format, file_sha256, workflow_id, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [plan.id, plan.title, plan.source, plan.format, plan.fileSha256, plan.workflowId, plan.createdBy, plan.createdAt],
  );
}

/** A new item, NOT_STARTED. */
export async function insertPlanItem(db: Db, planId: string, item: NewPlanItem, now: string): Promise<void> {
  await db.query(
    `INSERT INTO plan_item (id, plan_id, no, task, lead_agency_code, lead_group, lead_text, coordinating_agency_codes, coordinating_text, time_frame,
       due_on, recurrence, period_from, period_to, output, status, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,'NOT_STARTED',$16,$16)`,
    [
      randomUUID(),
      planId,
      item.no,
      item.task,
      item.leadAgencyCode,
      item.leadGroup,
      item.leadText,
      item.coordinatingCodes,
      item.coordinatingText,
      item.timeFrame,
      item.dueOn,
      item.recurrence,
      item.periodFrom,
      item.periodTo,
      item.output,
      now,
    ],
  );
}

/** Up to `take` plans, newest first, after the (created_at, id) of the last row seen. */
export function listPlans(db: Db, after: string[] | null, take: number): Promise<PlanRow[]> {
  const c = new SqlConditions();
  c.after('pl.created_at, pl.id', '<', after, ['timestamptz', 'uuid']);
  return db.query(`${PLAN_SELECT} WHERE ${c.sql} ORDER BY pl.created_at DESC, pl.id DESC LIMIT ${c.param(take)}`, c.params);
}

export async function findPlan(db: Db, id: string): Promise<PlanRow | null> {
  const [plan]: PlanRow[] = await db.query(`${PLAN_SELECT} WHERE pl.id = $1`, [id]);
  return plan ?? null;
}

export function listItemsOfPlans(db: Db, planIds: string[]): Promise<PlanItemRow[]> {
  return planIds.length ? loadPlanItems(db, 'i.plan_id = ANY($1::uuid[])', [planIds]) : Promise.resolve([]);
}

export function listItemsOfPlan(db: Db, planId: string): Promise<PlanItemRow[]> {
  return loadPlanItems(db, 'i.plan_id = $1', [planId]);
}

/** The item, only if it belongs to the plan. */
export async function findPlanItem(db: Db, planId: string, itemId: string): Promise<PlanItemRow | null> {
  const [item] = await loadPlanItems(db, 'i.plan_id = $1 AND i.id = $2', [planId, itemId]);
  return item ?? null;
}

export async function findPlanItemById(db: Db, itemId: string): Promise<PlanItemRow | null> {
  const [item] = await loadPlanItems(db, 'i.id = $1', [itemId]);
  return item ?? null;
}

/** The updates of these items, oldest first. */
export function listPlanItemUpdates(db: Db, itemIds: string[]): Promise<PlanItemUpdateRow[]> {
  if (!itemIds.length) return Promise.resolve([]);
  return db.query(`${UPDATE_SELECT}\n       WHERE pu.plan_item_id = ANY($1::uuid[]) ORDER BY pu.created_at, pu.id`, [itemIds]);
}

export async function findPlanItemUpdate(db: Db, id: string): Promise<PlanItemUpdateRow | null> {
  const [u]: PlanItemUpdateRow[] = await db.query(`${UPDATE_SELECT} WHERE pu.id = $1`, [id]);
  return u ?? null;
}

/** Records the update and sets the item's status (for DONE, also the day it was done, which the item's clock reads). */
export async function insertPlanItemUpdate(
  db: Db,
  u: {
    id: string;
    itemId: string;
    status: string;
    note: string;
    attachmentIds: string[];
    agencyCode: string | null;
    createdBy: string;
    at: string;
    today: IsoDate;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO plan_item_update (id, plan_item_id, status, note, attachment_ids, agency_code, created_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [u.id, u.itemId, u.status, u.note, u.attachmentIds, u.agencyCode, u.createdBy, u.at],
  );
  await db.query(
    `UPDATE plan_item SET status = $2::varchar, updated_at = $3, last_done_on = CASE WHEN $2::varchar = 'DONE' THEN $4::date ELSE last_done_on END WHERE id = $1`,
    [u.itemId, u.status, u.at, u.today],
  );
}

/** The stored id of the plan's follow-up workflow (plans imported before provinces keep their unprefixed ids). */
export async function findPlanWorkflowId(db: Db, planId: string): Promise<string | null> {
  const [row]: { workflow_id: string }[] = await db.query(`SELECT workflow_id FROM plan WHERE id = $1`, [planId]);
  return row?.workflow_id ?? null;
}
