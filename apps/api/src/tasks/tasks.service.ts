import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  amendPlan,
  computePlan,
  CONSULTED_CENTRAL_BODIES,
  DuplicateConsulteeError,
  NoRouteError,
  provinceAgency,
  provinceOfAgency,
  REVIEW_TASK_KINDS,
  type AddedConsultee,
  type Plan,
  type PlanAmendment,
  type Procedure,
  type ProposalKind,
  type RoutingPolicy,
  type TaskKind,
} from '@accord/domain';
import {
  existingAgencyCodes,
  findProposalRouting,
  completedTaskRow,
  findTask,
  latestDossierContent,
  listTasks,
  type ProposalRoutingRow,
} from '@accord/persistence';
import {
  completeTaskUpdate,
  LEGACY_PROVINCE,
  proposalWorkflowId,
  type CompleteTaskRequest,
  type CompleteTaskResult,
} from '@accord/temporal';
import { TemporalClientService } from '../temporal/temporal-client.module';
import { unusableAttachments } from '../attachments/attachment-references';
import type { AuthUser } from '../auth/auth-user';
import { hasRole } from '../auth/auth-user';
import { mayActOnTask, visibleProposalsSql } from '../common/access-policy';
import { decodeCursor, toPage } from '../common/pagination';
import { searchWords } from '../common/search-words';
import { badRequest, conflict, forbidden, notFound, ProblemException } from '../common/problem-details.filter';
import { workflowUpdateError } from '../common/workflow-errors';
import { ProposalsService } from '../proposals/proposals.service';
import { PolicyService } from '../policies/policy.service';
import { ReportCyclesService } from '../report-cycles/report-cycles.service';
import { absenteesOf, holdersOf } from '../substitutes/stand-in';
import type { CompleteTaskDto, TaskListQuery } from './tasks.dto';
import { presentTask } from './task.presenter';

type ProposalForTask = ProposalRoutingRow;

@Injectable()
export class TasksService {
  constructor(
    private readonly db: DataSource,
    private readonly temporal: TemporalClientService,
    private readonly proposals: ProposalsService,
    private readonly reportCycles: ReportCyclesService,
    private readonly policies: PolicyService,
  ) {}

  async list(user: AuthUser, q: TaskListQuery) {
    const limit = q.limit ?? 50;
    // Without a status or proposal filter an agency member sees the tasks they may act on (their inbox);
    // otherwise every task of the proposals they may see.
    const inbox = user.agencyCode && !q.status && !q.proposalId;
    // "Mine" includes the tasks of whoever named the caller their substitute for today.
    const mine = holdersOf(user.id);
    const rows = await listTasks(this.db, {
      scope: inbox
        ? { inbox: true, agencyCode: user.agencyCode!, mine }
        : { inbox: false, visible: (from) => visibleProposalsSql(user, from), agencyCode: user.agencyCode },
      status: q.status ?? 'OPEN',
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.proposalId ? { proposalId: q.proposalId } : {}),
      ...(q.assignee === 'me' ? { assignee: { mine } } : q.assignee === 'unassigned' ? { assignee: 'unassigned' as const } : {}),
      ...(q.overdue ? { overdue: q.overdue === 'true' } : {}),
      words: searchWords(q.q),
      after: decodeCursor(q.cursor, ['timestamptz', 'uuid']),
      limit,
    });
    const now = new Date();
    return toPage(
      rows,
      limit,
      (r) => presentTask(r, now),
      (r) => [r.due_at.toISOString(), r.id],
    );
  }

  private row(id: string) {
    return findTask(this.db, id);
  }

  async get(user: AuthUser, id: string) {
    const row = await this.row(id);
    if (!row) throw notFound(`No task ${id}`, 'TASK_UNKNOWN');
    const candidate = user.agencyCode === row.candidate_agency_code;
    if (!candidate && !hasRole(user, 'LEADER', 'ADMIN', 'AUDITOR'))
      throw forbidden('Only the candidate agency, leaders, administrators and auditors may read this task');
    return presentTask(row);
  }

  async complete(user: AuthUser, id: string, body: CompleteTaskDto, idempotencyKey?: string) {
    const row = await this.row(id);
    if (!row) throw notFound(`No task ${id}`, 'TASK_UNKNOWN');
    if (user.agencyCode !== row.candidate_agency_code) {
      throw forbidden(`Only members of ${row.candidate_agency_code} may complete this task`, 'candidate-agency', 'NOT_CANDIDATE');
    }
    if (row.status !== 'OPEN') throw conflict(`The task is already ${row.status.toLowerCase()}`, 'TASK_NOT_OPEN');
    const absentees = row.assignee_id && row.assignee_id !== user.id ? await absenteesOf(this.db, user.id) : [];
    if (!mayActOnTask(user, { candidateAgencyCode: row.candidate_agency_code, assigneeId: row.assignee_id }, absentees)) {
      throw conflict(`The task is claimed by ${row.assignee_name ?? 'someone else'}`, 'TASK_CLAIMED');
    }
    // A PERIODIC_REPORT belongs to a reporting cycle: the report goes to the cycle's workflow.
    if (row.report_cycle_id)
      return this.reportCycles.completeReportTask(user, { ...row, report_cycle_id: row.report_cycle_id }, body, idempotencyKey);
    if (REVIEW_TASK_KINDS.includes(row.kind as TaskKind) && row.proposal_submitting_agency_code === user.agencyCode) {
      throw forbidden('Four-eyes: the submitting agency cannot review, appraise or decide its own proposal', 'four-eyes', 'FOUR_EYES');
    }
    if (!row.allowed_decisions.includes(body.decision)) {
      const message = `${body.decision} is not allowed for a ${row.kind} task; allowed: ${row.allowed_decisions.join(', ')}`;
      throw badRequest(message, [{ field: 'decision', message }], 'DECISION_NOT_ALLOWED');
    }
    const request: CompleteTaskRequest = {
      taskId: id,
      decision: body.decision,
      actor: { id: user.id, fullName: user.fullName, agencyCode: user.agencyCode, roles: user.roles },
      ...(body.comment !== undefined ? { comment: body.comment } : {}),
      ...(body.attachmentIds ? { attachmentIds: body.attachmentIds } : {}),
      // Standing in for the absent assignee: the audit records whose task it was.
      ...(row.assignee_id && row.assignee_id !== user.id
        ? { onBehalfOf: { id: row.assignee_id, fullName: row.assignee_name ?? row.assignee_id } }
        : {}),
    };
    if (body.decision === 'SIGNED') {
      if (!body.signing)
        throw badRequest('SIGNED needs the signing record', [{ field: 'signing', message: 'signing is required with SIGNED' }]);
      if (Date.parse(body.signing.signedAt) > Date.now()) {
        throw badRequest('signedAt is in the future', [{ field: 'signing.signedAt', message: 'signedAt cannot be in the future' }]);
      }
      request.signing = {
        ...body.signing,
        signatories: body.signing.signatories.map((s) => ({ name: s.name, title: s.title, party: s.party })),
      };
    }
    // The proposal's plan and dossier (large JSON) only for the decisions that change them.
    const amending = body.addConsultees !== undefined || body.procedure !== undefined;
    const proposal = amending || body.decision === 'RESUBMIT' ? await findProposalRouting(this.db, row.proposal_id!) : null;
    if (amending) request.planAmendment = await this.planAmendment(user, row.kind, proposal!, body);
    if (body.decision === 'RESUBMIT') request.dossier = await this.mergedDossier(user, row.proposal_id!, proposal!.kind, body);
    const unknownAttachments = await unusableAttachments(this.db.manager, user, body.attachmentIds, { proposalId: row.proposal_id });
    if (unknownAttachments.length) throw badRequest('Unknown attachments', unknownAttachments, 'ATTACHMENT_NOT_USABLE');

    const updateId = idempotencyKey ? `${id}:${user.id}:${idempotencyKey}` : randomUUID();
    let result: CompleteTaskResult;
    try {
      // The stored id: proposals from before provinces keep their unprefixed one.
      const handle = this.temporal.client.workflow.getHandle(
        row.proposal_workflow_id ?? proposalWorkflowId(user.province, row.proposal_id!),
      );
      result = await handle.executeUpdate(completeTaskUpdate, { args: [request], updateId });
    } catch (err) {
      throw workflowUpdateError(err);
    }
    // The Update answers once the step's projection is committed, with what it recorded for the task: no second read.
    const done = result.completed;
    const task = done?.id === id && done.completedBy === user.id ? completedTaskRow(row, done, user.fullName) : await this.row(id);
    return { task: presentTask(task!), proposal: { id: row.proposal_id, status: result.proposal.status } };
  }

  /**
   * INTAKE_CHECK COMPLETE with `addConsultees` and/or `procedure: "STANDARD"` (docs/api.md "Routing corrections"):
   * the plan from here on. Refusing the shortened procedure replans under the proposal's own policy version with the
   * standard procedure (its clocks); added consultees join the consultation stage.
   */
  private async planAmendment(
    user: AuthUser,
    kind: string,
    proposal: ProposalForTask,
    body: CompleteTaskDto,
  ): Promise<{ plan: Plan; amendment: PlanAmendment }> {
    if (kind !== 'INTAKE_CHECK' || body.decision !== 'COMPLETE') {
      const message = 'only the intake officer completing INTAKE_CHECK with COMPLETE may add consultees or refuse the shortened procedure';
      throw badRequest(message, [{ field: body.addConsultees !== undefined ? 'addConsultees' : 'procedure', message }]);
    }
    if (body.procedure === 'STANDARD' && proposal.procedure !== 'SHORTENED') {
      throw badRequest('The proposal did not ask for the shortened procedure', [
        { field: 'procedure', message: 'procedure STANDARD refuses a SHORTENED request; this proposal is STANDARD already' },
      ]);
    }
    const added = await this.consultees(body.addConsultees ?? [], proposal.submitting_agency_code);
    const amendment: PlanAmendment = {
      at: new Date().toISOString(),
      by: { id: user.id, fullName: user.fullName },
      ...(body.comment ? { comment: body.comment } : {}),
      ...(added.length ? { addedConsultees: added } : {}),
      ...(body.procedure ? { procedure: body.procedure } : {}),
    };
    let base = proposal.plan;
    const procedure: Procedure = body.procedure ?? (proposal.procedure as Procedure);
    if (body.procedure === 'STANDARD') {
      const { document } = await this.policies.get(proposal.policy_version);
      try {
        base = {
          ...computePlan(document as RoutingPolicy, { kind: proposal.kind, procedure: 'STANDARD', details: proposal.details }),
          amendments: proposal.plan.amendments ?? [],
        };
        if (!base.amendments?.length) delete base.amendments;
      } catch (err) {
        if (!(err instanceof NoRouteError)) throw err;
        throw badRequest(
          `Routing policy ${proposal.policy_version} has no standard route for this proposal`,
          [{ field: 'procedure', message: 'no route under the standard procedure' }],
          'NO_ROUTE',
        );
      }
    }
    try {
      return { plan: amendPlan(base, amendment, procedure), amendment };
    } catch (err) {
      if (err instanceof DuplicateConsulteeError)
        throw badRequest(err.message, [{ field: `addConsultees.${err.index}`, message: err.message }]);
      throw err;
    }
  }

  /** Parses `addConsultees`: agency codes of existing agencies, or {agency: HT-SNGV, externalBody} for a central body. */
  private async consultees(entries: unknown[], submittingAgency: string): Promise<AddedConsultee[]> {
    const errors: { field: string; message: string }[] = [];
    const out: AddedConsultee[] = [];
    // Central bodies answer through the SNGV of the proposal's own province.
    const recorder = provinceAgency(provinceOfAgency(submittingAgency) ?? LEGACY_PROVINCE, 'SNGV');
    entries.forEach((e, i) => {
      const field = `addConsultees.${i}`;
      if (typeof e === 'string') {
        if (e === submittingAgency) errors.push({ field, message: 'four-eyes: the submitting agency cannot review its own proposal' });
        else if (!/^[A-Z0-9][A-Z0-9_-]{0,31}$/.test(e)) errors.push({ field, message: 'must be an agency code such as HT-BCHQS' });
        else out.push({ agency: e });
      } else if (e && typeof e === 'object' && !Array.isArray(e)) {
        const { agency, externalBody, ...rest } = e as Record<string, unknown>;
        if (Object.keys(rest).length)
          errors.push({ field, message: `unknown property ${Object.keys(rest)[0]} (allowed: agency, externalBody)` });
        else if (agency !== recorder)
          errors.push({
            field: `${field}.agency`,
            message: `a central body's answer is recorded by ${recorder}`,
          });
        else if (!CONSULTED_CENTRAL_BODIES.includes(externalBody as (typeof CONSULTED_CENTRAL_BODIES)[number])) {
          errors.push({ field: `${field}.externalBody`, message: `must be one of ${CONSULTED_CENTRAL_BODIES.join(', ')}` });
        } else out.push({ agency, externalBody: externalBody as string });
      } else errors.push({ field, message: 'must be an agency code or {agency, externalBody}' });
    });
    const codes = [...new Set(out.filter((c) => !c.externalBody).map((c) => c.agency))];
    if (codes.length) {
      const known = await existingAgencyCodes(this.db, codes);
      entries.forEach((e, i) => {
        if (typeof e === 'string' && codes.includes(e) && !known.has(e))
          errors.push({ field: `addConsultees.${i}`, message: `no agency has the code ${e}` });
      });
    }
    if (errors.length) throw badRequest('Invalid consultees', errors);
    return out;
  }

  /** RESUBMIT: the current dossier with `changes` merged (details shallowly), validated as a whole. */
  private async mergedDossier(
    user: AuthUser,
    proposalId: string,
    kind: ProposalKind,
    body: CompleteTaskDto,
  ): Promise<Record<string, unknown>> {
    const current = (await latestDossierContent(this.db, proposalId))!;
    const changes = body.changes ?? {};
    const merged = {
      title: changes.title ?? current.title,
      summary: changes.summary ?? current.summary,
      details: { ...current.details, ...(changes.details ?? {}) },
      attachmentIds: changes.attachmentIds ?? current.attachmentIds ?? [],
    };
    try {
      await this.proposals.validateBody(user, { kind, details: merged.details, attachmentIds: merged.attachmentIds }, proposalId);
    } catch (e) {
      if (e instanceof ProblemException && e.errors) {
        throw badRequest(
          'The changed dossier has invalid fields',
          e.errors.map((x) => ({ ...x, field: `changes.${x.field}` })),
        );
      }
      throw e;
    }
    return merged;
  }
}
