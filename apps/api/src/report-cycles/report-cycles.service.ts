import { randomUUID } from 'node:crypto';
import { Injectable, StreamableFile } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { cycleYearCovering, isoDateInVietnam, provinceAgency, slaAt } from '@accord/domain';
import {
  findIdempotentResource,
  findReportCycle,
  findReportCycleDocumentContent,
  findTask,
  recordIdempotencyKeyOnce,
  type TaskRow,
  findReportCycleIdOfYear,
  findReportCyclePolicy,
  findReportCycleWorkflowId,
  listCycleOfficialDocuments,
  listReportCycleDocuments,
  listReportCycles,
  listReportCycleTasks,
  loadConsolidatedReportData,
  type ReportCycleRow,
} from '@accord/persistence';
import { buildReportDocx, buildReportXlsx } from '@accord/reporting';
import {
  completeReportTaskUpdate,
  consolidateReportCycleUpdate,
  manualReportCycleWorkflowId,
  startSearchAttributes,
  syncReportCycleUpdate,
  TASK_QUEUE,
  type CompleteTaskRequest,
  type ReportCycleWorkflowInput,
} from '@accord/temporal';
import { TemporalClientService } from '../temporal/temporal-client.module';
import { unusableAttachments } from '../attachments/attachment-references';
import type { AuthUser } from '../auth/auth-user';
import { seesAgencyReportContent } from '../common/access-policy';
import { hasRole } from '../auth/auth-user';
import { checkIdempotencyKey } from '../common/idempotency';
import { decodeCursor, toPage } from '../common/pagination';
import { badRequest, conflict, forbidden, notFound, unavailable } from '../common/problem-details.filter';
import { workflowUpdateError } from '../common/workflow-errors';
import { presentDocument } from '../documents/documents.service';
import type { CompleteTaskDto } from '../tasks/tasks.dto';
import { presentTask } from '../tasks/task.presenter';
import type { OpenReportCycleDto, ReportCycleListQuery } from './report-cycles.dto';

/** How long POST /report-cycles waits for the new cycle's tasks. */
const OPEN_DEADLINE_MS = 60_000;

/** Who may download the consolidated report: the consolidating agency, leaders, administrators. */
const REPORT_READERS = 'HT-SNGV, LEADER or ADMIN';

const MEDIA_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

@Injectable()
export class ReportCyclesService {
  constructor(
    private readonly db: DataSource,
    private readonly temporal: TemporalClientService,
  ) {}

  private present(r: ReportCycleRow) {
    return {
      id: r.id,
      kind: r.kind,
      year: r.year,
      title: r.title,
      period: { from: r.period_from, to: r.period_to },
      openedOn: r.opened_on,
      dueOn: r.due_on,
      status: r.status,
      consolidator: { code: r.consolidator_agency_code, name: r.consolidator_name },
      workflowId: r.workflow_id,
      openedBy: r.opened_by ? { id: r.opened_by, fullName: r.opened_by_name } : null,
      openedAt: r.opened_at.toISOString(),
      consolidatedAt: r.consolidated_at?.toISOString() ?? null,
      consolidatedBy: r.consolidated_by ? { id: r.consolidated_by, fullName: r.consolidated_by_name } : null,
      progress: { total: r.total, submitted: r.submitted, open: r.open, overdue: r.overdue, cancelled: r.cancelled },
    };
  }

  async list(q: ReportCycleListQuery) {
    const limit = q.limit ?? 50;
    const rows = await listReportCycles(
      this.db,
      { kind: q.kind, status: q.status },
      decodeCursor(q.cursor, ['timestamptz', 'uuid']),
      limit + 1,
    );
    return toPage(
      rows,
      limit,
      (r) => this.present(r),
      (r) => [r.opened_at.toISOString(), r.id],
    );
  }

  /** The cycle with each reporting agency's PERIODIC_REPORT (status, SLA, submission) and the stored report documents. */
  async detail(user: AuthUser, id: string) {
    const row = await findReportCycle(this.db, id);
    if (!row) throw notFound(`No reporting cycle ${id}`, 'REPORT_CYCLE_NOT_FOUND');
    const tasks = await listReportCycleTasks(this.db, id);
    const documents = await listReportCycleDocuments(this.db, id);
    const officialDocuments = await listCycleOfficialDocuments(this.db, id);
    const now = new Date();
    return {
      ...this.present(row),
      // Another agency's comment and attachment ids are withheld (seesAgencyReportContent): status and dates stay public.
      reports: tasks.map((t) => ({
        agency: { code: t.candidate_agency_code, name: t.candidate_agency_name },
        taskId: t.id,
        status: t.status === 'COMPLETED' ? 'SUBMITTED' : t.status === 'OPEN' ? 'OPEN' : 'MISSING',
        sla:
          t.status === 'OPEN' ? slaAt(now, t.created_at, t.due_at) : t.completed_at && t.completed_at > t.due_at ? 'OVERDUE' : 'ON_TRACK',
        dueAt: t.due_at.toISOString(),
        escalated: t.escalated_at != null,
        submittedAt: t.completed_at?.toISOString() ?? null,
        submittedBy: t.completed_by ? { id: t.completed_by, fullName: t.completed_by_name } : null,
        late: !!t.completed_at && t.completed_at > t.due_at,
        comment: seesAgencyReportContent(user, t.candidate_agency_code) ? t.comment : null,
        attachmentIds: seesAgencyReportContent(user, t.candidate_agency_code) ? (t.attachment_ids ?? []) : [],
      })),
      documents: documents.map((d) => ({
        format: d.format,
        sha256: d.sha256,
        bytes: Number(d.bytes),
        generatedAt: d.generated_at.toISOString(),
      })),
      // The consolidated cycle's official REPORT (GET /documents/:id to issue, render and sign it).
      officialDocuments: officialDocuments.map(presentDocument),
    };
  }

  /** An administrator opens a cycle by hand: its workflow starts at once, and the answer comes once its tasks exist. */
  async open(user: AuthUser, body: OpenReportCycleDto, idempotencyKey?: string) {
    // Not runIdempotent: the cycle is created by its workflow, outside any transaction of ours; the key is recorded
    // once the workflow has answered, and a workflow started twice is refused by the one-cycle-per-year check.
    const key = checkIdempotencyKey(idempotencyKey);
    const idem = key ? { userId: user.id, scope: 'report-cycle', key } : null;
    if (idem) {
      const hit = await findIdempotentResource(this.db, idem);
      if (hit) return this.detail(user, hit);
    }
    const policy = await findReportCyclePolicy(this.db, body.kind);
    if (!policy) throw badRequest(`No policy for ${body.kind}`, [{ field: 'kind', message: 'no reporting cycle policy for this kind' }]);
    const year = body.year ?? cycleYearCovering(policy, isoDateInVietnam(new Date()));
    const existing = await findReportCycleIdOfYear(this.db, body.kind, year);
    if (existing) throw conflict(`The ${body.kind} cycle of ${year} is open already (${existing})`, 'REPORT_CYCLE_ALREADY_OPEN');

    const cycleId = randomUUID();
    const input: ReportCycleWorkflowInput = {
      kind: body.kind,
      year,
      cycleId,
      openedBy: { id: user.id, fullName: user.fullName },
      ...(body.dueOn ? { dueOn: body.dueOn } : {}),
    };
    let state;
    try {
      const workflowId = manualReportCycleWorkflowId(user.province, body.kind, year, cycleId);
      const handle = await this.temporal.client.workflow.start('reportCycleWorkflow', {
        workflowId,
        typedSearchAttributes: startSearchAttributes(workflowId),
        taskQueue: TASK_QUEUE,
        args: [input],
      });
      // Bounded: a cycle that cannot open (its activities failing and retrying) is reported, not waited for forever.
      state = await this.temporal.connection.withDeadline(Date.now() + OPEN_DEADLINE_MS, () => handle.executeUpdate(syncReportCycleUpdate));
    } catch (err) {
      throw unavailable(
        `The reporting cycle ${cycleId} was started but has not opened yet: ${(err as Error).message}`,
        'FOLLOW_UP_PENDING',
      );
    }
    if (state.status === 'SKIPPED') throw conflict(`The ${body.kind} cycle of ${year} was opened meanwhile`, 'REPORT_CYCLE_ALREADY_OPEN');
    if (idem) await recordIdempotencyKeyOnce(this.db, idem, cycleId);
    return this.detail(user, cycleId);
  }

  /** HT-SNGV (the consolidating agency) closes the cycle; the consolidated report is generated and kept. */
  async consolidate(user: AuthUser, id: string) {
    const row = await findReportCycle(this.db, id);
    if (!row) throw notFound(`No reporting cycle ${id}`, 'REPORT_CYCLE_NOT_FOUND');
    if (user.agencyCode !== row.consolidator_agency_code && !hasRole(user, 'ADMIN')) {
      throw forbidden(`Only members of ${row.consolidator_agency_code} may consolidate this cycle`, 'consolidator', 'NOT_CONSOLIDATOR');
    }
    if (row.status !== 'OPEN') throw conflict('The cycle is already consolidated', 'REPORT_CYCLE_CONSOLIDATED');
    try {
      await this.temporal.client.workflow.getHandle(row.workflow_id).executeUpdate(consolidateReportCycleUpdate, {
        args: [{ actor: { id: user.id, fullName: user.fullName, agencyCode: user.agencyCode, roles: user.roles } }],
      });
    } catch (err) {
      throw workflowUpdateError(err);
    }
    return this.detail(user, id);
  }

  /** The consolidated report: the stored one once consolidated, else a draft built now (marked DỰ THẢO). */
  async report(user: AuthUser, id: string, format: 'docx' | 'xlsx') {
    if (user.agencyCode !== provinceAgency(user.province, 'SNGV') && !hasRole(user, 'LEADER', 'ADMIN'))
      throw forbidden(`Only ${REPORT_READERS} may download the consolidated report`);
    const row = await findReportCycle(this.db, id);
    if (!row) throw notFound(`No reporting cycle ${id}`, 'REPORT_CYCLE_NOT_FOUND');
    const stored = await findReportCycleDocumentContent(this.db, id, format);
    let content = stored;
    if (!content) {
      const data = await loadConsolidatedReportData(this.db.manager, id, new Date());
      content = format === 'docx' ? await buildReportDocx(data!) : await buildReportXlsx(data!);
    }
    const name = `bao-cao-${row.kind.toLowerCase().replace(/_/g, '-')}-${row.year}${stored ? '' : '-du-thao'}.${format}`;
    return new StreamableFile(content, {
      type: MEDIA_TYPES[format],
      disposition: `attachment; filename="${name}"`,
      length: content.length,
    });
  }

  /** POST /tasks/:id/complete for a PERIODIC_REPORT task: the report goes to the cycle's workflow. */
  async completeReportTask(user: AuthUser, row: TaskRow & { report_cycle_id: string }, body: CompleteTaskDto, idempotencyKey?: string) {
    if (!row.allowed_decisions.includes(body.decision)) {
      const message = `${body.decision} is not allowed for a ${row.kind} task; allowed: ${row.allowed_decisions.join(', ')}`;
      throw badRequest(message, [{ field: 'decision', message }], 'DECISION_NOT_ALLOWED');
    }
    if (body.changes || body.signing) {
      throw badRequest('A periodic report takes a comment and attachments only', [
        { field: body.changes ? 'changes' : 'signing', message: 'not allowed with SUBMITTED on a PERIODIC_REPORT' },
      ]);
    }
    const ids = body.attachmentIds ?? [];
    if (ids.length) {
      // Only the reporting agency's own uploads: a report must not become a way to read another agency's files.
      const unknown = await unusableAttachments(this.db.manager, user, ids);
      if (unknown.length) throw badRequest('Unknown attachments', unknown, 'ATTACHMENT_NOT_USABLE');
    }
    const workflowId = await findReportCycleWorkflowId(this.db, row.report_cycle_id);
    const request: CompleteTaskRequest = {
      taskId: row.id,
      decision: body.decision,
      actor: { id: user.id, fullName: user.fullName, agencyCode: user.agencyCode, roles: user.roles },
      ...(body.comment !== undefined ? { comment: body.comment } : {}),
      ...(ids.length ? { attachmentIds: ids } : {}),
    };
    const updateId = idempotencyKey ? `${row.id}:${user.id}:${idempotencyKey}` : randomUUID();
    let result;
    try {
      result = await this.temporal.client.workflow
        .getHandle(workflowId!)
        .executeUpdate(completeReportTaskUpdate, { args: [request], updateId });
    } catch (err) {
      throw workflowUpdateError(err);
    }
    const task = await findTask(this.db, row.id);
    return { task: presentTask(task!), proposal: null, reportCycle: result.reportCycle };
  }
}
