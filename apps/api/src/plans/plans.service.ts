import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { AGENCY_GROUPS, AgencyDirectory, isoDateInVietnam, provinceAgency, type AgencyGroup } from '@accord/domain';
import {
  appendAudit,
  findPlan,
  findPlanItem,
  findPlanItemById,
  findPlanItemUpdate,
  insertPlan,
  insertPlanItem,
  insertPlanItemUpdate,
  listItemsOfPlan,
  listItemsOfPlans,
  listPlanItemUpdates,
  listPlans,
  pinAttachments,
  planAgencies,
  planItemClock,
  planItemLead,
  type PlanItemRow,
  type PlanItemUpdateRow,
  type PlanRow,
  type RecordIdempotencyKey,
  findPlanWorkflowId,
} from '@accord/persistence';
import { planItemsChangedSignal, planWorkflowId, startSearchAttributes, TASK_QUEUE } from '@accord/temporal';
import { TemporalClientService } from '../temporal/temporal-client.module';
import { unusableAttachments } from '../attachments/attachment-references';
import type { AuthUser } from '../auth/auth-user';
import { seesAgencyReportContent } from '../common/access-policy';
import { hasRole } from '../auth/auth-user';
import { idempotent } from '../common/idempotency';
import { decodeCursor, toPage } from '../common/pagination';
import { badRequest, forbidden, notFound, unavailable, type FieldError } from '../common/problem-details.filter';
import type { PlanDetailQuery, PlanItemUpdateDto, PlanListQuery } from './plans.dto';
import { MAX_PLAN_ITEMS, readPlanItems } from './plan-rows';
import { readPlanWorkbook } from './plan-xlsx';

/** Who may import plans besides administrators: the Department of Foreign Affairs, which follows them up. */
/** The province's foreign-affairs department imports and follows up plans (with ADMIN). */
export const planAgency = (province: string): string => provinceAgency(province, 'SNGV');

export interface UploadedPlanFile {
  buffer: Buffer;
  originalname: string;
  size: number;
}

@Injectable()
export class PlansService {
  private readonly logger = new Logger(PlansService.name);

  constructor(
    private readonly db: DataSource,
    private readonly temporal: TemporalClientService,
  ) {}

  private async directory(): Promise<{ directory: AgencyDirectory; names: Map<string, string> }> {
    const agencies = await planAgencies(this.db);
    const names = new Map<string, string>([
      ...agencies.map((a) => [a.code, a.name] as [string, string]),
      ...Object.entries(AGENCY_GROUPS).map(([c, g]) => [c, g.name] as [string, string]),
    ]);
    return { directory: new AgencyDirectory(agencies), names };
  }

  /** Imports a plan from JSON `{title, source?, items}` or an XLSX upload (with `title` beside it); every bad row is reported. */
  async import(user: AuthUser, body: unknown, file: UploadedPlanFile | undefined, idempotencyKey?: string) {
    if (!hasRole(user, 'ADMIN') && user.agencyCode !== planAgency(user.province))
      throw forbidden(
        `Only administrators and members of ${planAgency(user.province)} may import plans`,
        'plan-importer',
        'NOT_PLAN_IMPORTER',
      );
    return idempotent(
      this.db,
      { userId: user.id, scope: 'plan', key: idempotencyKey },
      {
        replay: (planId) => this.ensureFollowedUp(user, planId),
        work: (record) => this.importNew(user, body, file, record),
      },
    );
  }

  private async importNew(user: AuthUser, body: unknown, file: UploadedPlanFile | undefined, record: RecordIdempotencyKey) {
    const errors: FieldError[] = [];
    const b = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const allowed = file ? ['title', 'source'] : ['title', 'source', 'items'];
    for (const key of Object.keys(b)) if (!allowed.includes(key)) errors.push({ field: key, message: `unknown field ${key}` });
    const title = typeof b.title === 'string' ? b.title.trim() : '';
    if (!title) errors.push({ field: 'title', message: 'title is required' });
    else if (title.length > 1000) errors.push({ field: 'title', message: 'title is longer than 1000 characters' });
    if (b.source !== undefined && (typeof b.source !== 'string' || b.source.length > 1000))
      errors.push({ field: 'source', message: 'source must be text of at most 1000 characters' });

    let raw: unknown[] = [];
    let label = (i: number) => `item ${i + 1}`;
    let fileSha256: string | null = null;
    if (file) {
      fileSha256 = createHash('sha256').update(file.buffer).digest('hex');
      const read = await readPlanWorkbook(file.buffer);
      errors.push(...read.errors);
      if (read.sheet) {
        raw = read.sheet.rows;
        const rowNumbers = read.sheet.rowNumbers;
        label = (i) => `row ${rowNumbers[i]}`;
      }
    } else if (!Array.isArray(b.items)) {
      errors.push({ field: 'items', message: 'items must be a list of plan items (or upload the XLSX in the multipart field "file")' });
    } else {
      raw = b.items;
    }
    if ((file || Array.isArray(b.items)) && !errors.some((e) => e.field === 'file')) {
      if (!raw.length) errors.push({ field: file ? 'file' : 'items', message: 'the plan has no items' });
      if (raw.length > MAX_PLAN_ITEMS) errors.push({ field: 'items', message: `a plan has at most ${MAX_PLAN_ITEMS} items` });
    }
    const { directory } = await this.directory();
    const parsed = readPlanItems(raw.slice(0, MAX_PLAN_ITEMS), directory, label);
    errors.push(...parsed.errors);
    if (errors.length) throw badRequest(`The plan has ${errors.length} problem(s); nothing was imported`, errors, 'PLAN_INVALID');

    const id = randomUUID();
    const now = new Date().toISOString();
    const source = typeof b.source === 'string' && b.source.trim() ? b.source.trim() : null;
    await this.db.transaction(async (m) => {
      await insertPlan(m, {
        id,
        title,
        source,
        format: file ? 'XLSX' : 'JSON',
        fileSha256,
        workflowId: planWorkflowId(user.province, id),
        createdBy: user.id,
        createdAt: now,
      });
      for (const item of parsed.items) await insertPlanItem(m, id, item, now);
      await record(m, id);
      await appendAudit(m, [
        {
          at: now,
          actor: { id: user.id, name: user.fullName, type: 'USER' },
          action: 'PLAN_IMPORTED',
          proposalId: null,
          stage: null,
          workflowId: planWorkflowId(user.province, id),
          payload: {
            planId: id,
            title,
            source,
            format: file ? 'XLSX' : 'JSON',
            items: parsed.items.length,
            ...(file ? { file: { filename: file.originalname, size: file.size, sha256: fileSha256 } } : {}),
          },
        },
      ]);
    });
    return this.ensureFollowedUp(user, id);
  }

  /** Starts the plan's follow-up workflow unless it runs already, then answers with the plan. */
  private async ensureFollowedUp(user: AuthUser, planId: string) {
    try {
      // The stored id: a plan imported before provinces keeps its unprefixed one.
      const workflowId = (await findPlanWorkflowId(this.db, planId)) ?? planWorkflowId(user.province, planId);
      await this.temporal.client.workflow.start('planFollowUpWorkflow', {
        workflowId,
        typedSearchAttributes: startSearchAttributes(workflowId),
        taskQueue: TASK_QUEUE,
        args: [{ planId }],
      });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) {
        throw unavailable(
          `The plan was saved (${planId}) but its follow-up could not be started; retry with the same Idempotency-Key (${(err as Error).message})`,
          'FOLLOW_UP_PENDING',
        );
      }
    }
    return this.detail(user, planId, {});
  }

  async list(q: PlanListQuery) {
    const limit = q.limit ?? 50;
    const rows = await listPlans(this.db, decodeCursor(q.cursor, ['timestamptz', 'uuid']), limit + 1);
    const items = await listItemsOfPlans(
      this.db,
      rows.slice(0, limit).map((r) => r.id),
    );
    const today = isoDateInVietnam(new Date());
    return toPage(
      rows,
      limit,
      (r) => ({
        ...this.presentPlan(r),
        summary: summarise(
          items.filter((i) => i.plan_id === r.id),
          today,
        ),
      }),
      (r) => [r.created_at.toISOString(), r.id],
    );
  }

  private presentPlan(r: PlanRow) {
    return {
      id: r.id,
      title: r.title,
      source: r.source,
      format: r.format,
      fileSha256: r.file_sha256,
      workflowId: r.workflow_id,
      createdAt: r.created_at.toISOString(),
      createdBy: { id: r.created_by, fullName: r.created_by_name },
    };
  }

  async detail(user: AuthUser, id: string, q: PlanDetailQuery) {
    const plan = await findPlan(this.db, id);
    if (!plan) throw notFound(`No plan ${id}`, 'PLAN_NOT_FOUND');
    const all = await listItemsOfPlan(this.db, id);
    const today = isoDateInVietnam(new Date());
    const { names } = await this.directory();
    const updates = await listPlanItemUpdates(
      this.db,
      all.map((i) => i.id),
    );
    const items = all
      .map((row) =>
        this.presentItem(
          user,
          row,
          today,
          names,
          updates.filter((u) => u.plan_item_id === row.id),
        ),
      )
      .filter(
        (i) =>
          (!q.agency || i.lead.code === q.agency) &&
          (!q.status || i.status === q.status) &&
          (!q.overdue || String(i.overdue) === q.overdue),
      );
    return { ...this.presentPlan(plan), summary: summarise(all, today), items };
  }

  private presentItem(user: AuthUser, row: PlanItemRow, today: string, names: Map<string, string>, updates: PlanItemUpdateRow[]) {
    const clock = planItemClock(row, today);
    return {
      id: row.id,
      planId: row.plan_id,
      no: row.no,
      task: row.task,
      lead: planItemLead(row),
      coordinators: row.coordinating_agency_codes.map((code) => ({ code, name: names.get(code) ?? code, group: code in AGENCY_GROUPS })),
      asWritten: { lead: row.lead_text, coordinators: row.coordinating_text },
      timeFrame: row.time_frame,
      recurrence: row.recurrence,
      dueOn: clock.dueOn,
      period: row.period_from || row.period_to ? { from: row.period_from, to: row.period_to } : null,
      output: row.output,
      status: row.status,
      overdue: clock.overdue,
      escalated: clock.overdue && row.escalated_due_on === clock.dueOn,
      updatedAt: row.updated_at.toISOString(),
      updates: updates.map((u) => presentUpdate(user, u)),
    };
  }

  /** A status update with evidence from the lead agency (any agency's member for an item all agencies lead). */
  async addUpdate(user: AuthUser, planId: string, itemId: string, body: PlanItemUpdateDto, idempotencyKey?: string) {
    const item = await findPlanItem(this.db, planId, itemId);
    if (!item) throw notFound(`No item ${itemId} in plan ${planId}`, 'PLAN_ITEM_NOT_FOUND');
    const groupLed = item.lead_group !== null;
    if (!user.agencyCode || (!groupLed && user.agencyCode !== item.lead_agency_code)) {
      throw forbidden(
        groupLed
          ? 'Only members of an agency may report on this item'
          : `Only members of the lead agency ${item.lead_agency_code} may report on this item`,
        'lead-agency',
        'NOT_LEAD_AGENCY',
      );
    }
    return idempotent(
      this.db,
      { userId: user.id, scope: 'plan-item-update', key: idempotencyKey },
      {
        replay: (updateId) => this.presentStoredUpdate(user, updateId, planId),
        work: (record) => this.addNewUpdate(user, planId, itemId, item, body, record),
      },
    );
  }

  private async addNewUpdate(
    user: AuthUser,
    planId: string,
    itemId: string,
    item: PlanItemRow,
    body: PlanItemUpdateDto,
    record: RecordIdempotencyKey,
  ) {
    const attachmentIds = body.attachmentIds ?? [];
    const unknown = await unusableAttachments(this.db.manager, user, attachmentIds);
    if (unknown.length) throw badRequest('Unknown attachments', unknown, 'ATTACHMENT_NOT_USABLE');
    const pinned = await pinAttachments(this.db.manager, attachmentIds);

    const id = randomUUID();
    const now = new Date();
    const at = now.toISOString();
    await this.db.transaction(async (m) => {
      await insertPlanItemUpdate(m, {
        id,
        itemId,
        status: body.status,
        note: body.note,
        attachmentIds,
        agencyCode: user.agencyCode,
        createdBy: user.id,
        at,
        today: isoDateInVietnam(now),
      });
      await record(m, id);
      await appendAudit(m, [
        {
          at,
          actor: { id: user.id, name: user.fullName, type: 'USER' },
          action: 'PLAN_ITEM_UPDATED',
          proposalId: null,
          stage: null,
          workflowId: await findPlanWorkflowId(m, planId),
          payload: {
            planId,
            itemId,
            no: item.no,
            from: item.status,
            to: body.status,
            note: body.note,
            agencyCode: user.agencyCode,
            ...(pinned.length ? { attachments: pinned.map((p) => ({ id: p.id, sha256: p.sha256 })) } : {}),
          },
        },
      ]);
    });
    // The follow-up re-reads the plan (a reopened item may be overdue already); it also wakes at the next due date anyway.
    await this.temporal.client.workflow
      .getHandle((await findPlanWorkflowId(this.db, planId)) ?? planWorkflowId(user.province, planId))
      .signal(planItemsChangedSignal)
      .catch((err: unknown) => {
        this.logger.warn(`Could not signal the follow-up of plan ${planId}: ${String(err)}`);
      });
    return this.presentStoredUpdate(user, id, planId);
  }

  private async presentStoredUpdate(user: AuthUser, updateId: string, planId: string) {
    const u = await findPlanItemUpdate(this.db, updateId);
    const row = await findPlanItemById(this.db, u!.plan_item_id);
    const { names } = await this.directory();
    const item = this.presentItem(user, row!, isoDateInVietnam(new Date()), names, await listPlanItemUpdates(this.db, [row!.id]));
    return { ...presentUpdate(user, u!), planId, item };
  }
}

/** An update as `reader` may see it: another agency's note and attachment ids are withheld (seesAgencyReportContent). */
function presentUpdate(reader: AuthUser, u: PlanItemUpdateRow) {
  const full = seesAgencyReportContent(reader, u.agency_code);
  return {
    id: u.id,
    itemId: u.plan_item_id,
    status: u.status,
    note: full ? u.note : null,
    attachmentIds: full ? (u.attachment_ids ?? []) : [],
    by: { id: u.created_by, fullName: u.created_by_name },
    agency: u.agency_code ? { code: u.agency_code, name: u.agency_name } : null,
    at: u.created_at.toISOString(),
  };
}

/** Counts for the plan board: items by status, overdue ones, and by lead. */
function summarise(items: PlanItemRow[], today: string) {
  const byStatus: Record<string, number> = { NOT_STARTED: 0, IN_PROGRESS: 0, DONE: 0, BLOCKED: 0 };
  const byLead: Record<string, number> = {};
  let overdue = 0;
  for (const item of items) {
    byStatus[item.status] = (byStatus[item.status] ?? 0) + 1;
    const lead = item.lead_agency_code ?? (item.lead_group as AgencyGroup);
    byLead[lead] = (byLead[lead] ?? 0) + 1;
    if (planItemClock(item, today).overdue) overdue += 1;
  }
  return { items: items.length, byStatus, byLead, overdue };
}
