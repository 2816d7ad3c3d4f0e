import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DataSource, type EntityManager } from 'typeorm';
import {
  computePlan,
  isoDateInVietnam,
  type CalendarDay,
  NoRouteError,
  REFERENCE_PREFIX,
  RouteNotInForceError,
  RouteRefusedError,
  type Plan,
  type ProposalKind,
} from '@accord/domain';
import {
  appendAudit,
  dossierHash,
  enqueueCommand,
  findProposal,
  insertDossierVersion,
  insertProposal,
  listDossierVersions,
  listProposalEvents,
  listProposals,
  listProposalTasks,
  markCommandSent,
  nextProposalNumber,
  pendingStart,
  pinAttachments,
  relatedAgreementStatus,
  type OutboxCommand,
  type ProposalRow,
} from '@accord/persistence';
import { dispatchCommand, proposalWorkflowId, startWithUpdate, syncUpdate, type ProposalWorkflowInput } from '@accord/temporal';
import { TemporalClientService } from '../temporal/temporal-client.module';
import type { AuthUser } from '../auth/auth-user';
import { unusableAttachments } from '../attachments/attachment-references';
import { visibleProposalsSql } from '../common/access-policy';
import { decodeCursor, toPage, type PageQuery } from '../common/pagination';
import { searchWords } from '../common/search-words';
import { idempotent } from '../common/idempotency';
import { badRequest, forbidden, notFound, type FieldError } from '../common/problem-details.filter';
import { validateNested } from '../common/validation';
import { faultPoint } from '../common/fault-point';
import { CalendarService } from '../calendar/calendar.service';
import { PolicyService } from '../policies/policy.service';
import { presentTask } from '../tasks/task.presenter';
import type { CreateProposalDto } from './dto/create-proposal.dto';
import { DETAILS_DTO_BY_KIND } from './dto/proposal-details.dto';

/** How long a submission waits for the workflow's first step (read-your-writes) before answering SUBMITTED. */
const FIRST_STEP_WAIT_MS = 10_000;

/** What signing an agreement proposal does to the registry (new entry, or a change to a registered one). */
function agreementOf(details: Record<string, unknown>): NonNullable<ProposalWorkflowInput['agreement']> {
  return {
    action: details.action as NonNullable<ProposalWorkflowInput['agreement']>['action'],
    ...(typeof details.relatedAgreementId === 'string' ? { relatedAgreementId: details.relatedAgreementId } : {}),
    ...(typeof details.termMonths === 'number' ? { termMonths: details.termMonths } : {}),
  };
}

export interface ProposalFilters extends PageQuery {
  status?: string;
  kind?: string;
  agency?: string;
  q?: string;
}

@Injectable()
export class ProposalsService {
  private readonly logger = new Logger(ProposalsService.name);

  constructor(
    private readonly db: DataSource,
    private readonly temporal: TemporalClientService,
    private readonly calendar: CalendarService,
    private readonly policies: PolicyService,
  ) {}

  /** Validates the kind-specific details and references; returns the plan the proposal would get. */
  async preview(user: AuthUser, body: CreateProposalDto): Promise<{ plan: Plan }> {
    this.requireAgency(user);
    await this.validateBody(user, body);
    return { plan: await this.plan(user, body) };
  }

  /** The plan under the current published policy; preview and create both plan here, so they agree. */
  private async plan(user: AuthUser, body: CreateProposalDto): Promise<Plan> {
    const policy = await this.policies.current(user.province);
    try {
      return computePlan(
        policy,
        { kind: body.kind, procedure: body.procedure ?? 'STANDARD', details: body.details },
        { today: isoDateInVietnam(new Date()) },
      );
    } catch (err) {
      if (err instanceof RouteRefusedError) throw badRequest(err.message, [{ field: err.field, message: err.message }], 'ROUTE_REFUSED');
      if (err instanceof RouteNotInForceError) {
        throw badRequest(
          `${err.message} (routing policy ${policy.version})`,
          [{ field: 'kind', message: `not accepted before ${err.effectiveFrom}` }],
          'KIND_NOT_YET_ACCEPTED',
        );
      }
      if (!(err instanceof NoRouteError)) throw err;
      throw badRequest(
        `No route of routing policy ${policy.version} applies to this proposal`,
        [{ field: 'details', message: 'the current routing policy has no route for this kind and these details' }],
        'NO_ROUTE',
      );
    }
  }

  private requireAgency(user: AuthUser): string {
    if (!user.agencyCode) throw forbidden('Only users of an agency can submit proposals', undefined, 'NOT_AGENCY_MEMBER');
    return user.agencyCode;
  }

  /**
   * The kind-specific details, the related agreement and the attachments: only ones the caller may reference
   * (its agency's uploads, or ones already on `proposalId` — see unusableAttachments).
   */
  async validateBody(
    user: AuthUser,
    body: { kind: ProposalKind; details: Record<string, unknown>; attachmentIds?: string[] },
    proposalId?: string,
    manager: EntityManager = this.db.manager,
  ): Promise<void> {
    const { value, errors } = await validateNested<object>(DETAILS_DTO_BY_KIND[body.kind], body.details, 'details');
    const problems: FieldError[] = [...errors];
    const related = (value as { relatedAgreementId?: string }).relatedAgreementId;
    if (!errors.some((e) => e.field === 'details.relatedAgreementId') && typeof related === 'string') {
      const status = await relatedAgreementStatus(manager, related);
      if (status === null) problems.push({ field: 'details.relatedAgreementId', message: 'No registered agreement has this id' });
      else if (status !== 'IN_FORCE')
        problems.push({
          field: 'details.relatedAgreementId',
          message: `The agreement is ${status}; only an agreement in force can be amended, extended or terminated`,
        });
    }
    problems.push(...(await unusableAttachments(manager, user, body.attachmentIds, { proposalId: proposalId ?? null })));
    if (problems.length) throw badRequest('The proposal has invalid fields', problems);
  }

  /** Creates and submits: one row set in one transaction, then the workflow; the same Idempotency-Key returns the first result. */
  async create(user: AuthUser, body: CreateProposalDto, idempotencyKey?: string) {
    const agency = this.requireAgency(user);
    return idempotent(
      this.db,
      { userId: user.id, scope: 'proposal', key: idempotencyKey },
      {
        replay: async (id) => {
          const existing = await this.row(id);
          return existing && this.ensureStarted(existing);
        },
        work: async (recordKey) => {
          await this.validateBody(user, body);
          const plan = await this.plan(user, body);
          const id = randomUUID();
          // Read before the transaction: a second pool connection taken while the transaction holds one deadlocks the pool
          // once as many submissions arrive at once as it has connections (the 200-submission drill found it).
          const calendar = await this.calendar.days();
          const now = new Date().toISOString();
          // A duplicate Idempotency-Key fails this transaction: idempotent() answers with the winner's proposal.
          await this.db.transaction(async (m) => {
            const n = await nextProposalNumber(m);
            const reference = `${REFERENCE_PREFIX[body.kind]}-${now.slice(0, 4)}-${n.padStart(5, '0')}`;
            const details = body.details;
            await insertProposal(m, {
              id,
              reference,
              kind: body.kind,
              title: body.title,
              summary: body.summary,
              details,
              procedure: body.procedure ?? 'STANDARD',
              urgency: body.urgency ?? 'NORMAL',
              submittingAgencyCode: agency,
              submittedBy: user.id,
              plan,
              policyVersion: plan.policyVersion,
              workflowId: proposalWorkflowId(user.province, id),
              createdAt: now,
              shortenedReason: body.procedure === 'SHORTENED' ? (body.shortenedReason ?? null) : null,
            });
            const content = { title: body.title, summary: body.summary, details, attachmentIds: body.attachmentIds ?? [] };
            const attachments = await pinAttachments(m, body.attachmentIds ?? []);
            const hash = dossierHash(content, attachments);
            await insertDossierVersion(m, {
              id: randomUUID(),
              proposalId: id,
              version: 1,
              content,
              attachments,
              hash,
              createdBy: user.id,
              createdAt: now,
            });
            await recordKey(m, id);
            // The workflow start is part of what this transaction accepts (docs/reliability.md): if this process dies right
            // after the commit, or Temporal is unreachable, the worker's relay starts the workflow from this row.
            await enqueueCommand(
              m,
              this.startCommand(calendar, {
                id,
                reference,
                kind: body.kind,
                title: body.title,
                details,
                submitting_agency_code: agency,
                submitted_by: user.id,
                submitted_by_name: user.fullName,
                plan,
                workflow_id: proposalWorkflowId(user.province, id),
              }),
              id,
            );
            await appendAudit(m, [
              {
                at: now,
                actor: { id: user.id, name: user.fullName, type: 'USER' },
                action: 'PROPOSAL_SUBMITTED',
                proposalId: id,
                stage: null,
                workflowId: proposalWorkflowId(user.province, id),
                payload: {
                  reference,
                  kind: body.kind,
                  title: body.title,
                  dossierVersion: 1,
                  dossierHash: hash,
                  policyVersion: plan.policyVersion,
                },
              },
            ]);
          });
          faultPoint('after-proposal-commit');
          return this.ensureStarted((await this.row(id))!);
        },
      },
    );
  }

  /** The command that starts a proposal's workflow, fixed at submission (plan, calendar, submitter). */
  private startCommand(
    calendar: CalendarDay[],
    row: Pick<
      ProposalRow,
      | 'id'
      | 'reference'
      | 'kind'
      | 'title'
      | 'details'
      | 'submitting_agency_code'
      | 'submitted_by'
      | 'submitted_by_name'
      | 'plan'
      | 'workflow_id'
    >,
  ): OutboxCommand {
    const input: ProposalWorkflowInput = {
      proposalId: row.id,
      reference: row.reference,
      kind: row.kind,
      title: row.title,
      submittingAgency: row.submitting_agency_code,
      submittedBy: { id: row.submitted_by, fullName: row.submitted_by_name },
      plan: row.plan,
      calendar,
      ...(row.kind === 'INTERNATIONAL_AGREEMENT' ? { agreement: agreementOf(row.details) } : {}),
    };
    return {
      kind: 'START_WORKFLOW',
      workflowType: 'proposalWorkflow',
      workflowId: row.workflow_id,
      args: [input],
      searchAttributes: { ProposalKind: row.kind, ProposalStatus: 'SUBMITTED', SubmittingAgency: row.submitting_agency_code },
    };
  }

  /**
   * Sends the proposal's start command unless it went already, then waits a bounded time for the workflow's first step
   * (read-your-writes). The proposal is accepted once its row is committed: when Temporal is unreachable or slow the
   * answer is still 201, with status SUBMITTED, and the relay routes it when Temporal is back (no client retry needed).
   */
  private async ensureStarted(row: ProposalRow) {
    const accepted = { id: row.id, reference: row.reference, kind: row.kind, status: row.status, plan: row.plan };
    try {
      let pending = await pendingStart(this.db, row.id);
      if (!pending && row.status === 'SUBMITTED' && !(await this.workflowExists(row.workflow_id))) {
        // Saved before the outbox existed and never started: give it its start command now.
        const command = this.startCommand(await this.calendar.days(), row);
        const id = await this.db.transaction((m) => enqueueCommand(m, command, row.id));
        pending = { id, proposalId: row.id, command, attempts: 0 };
      }
      // One deadline for every call to Temporal here: a server that accepts connections but does not answer (restarting,
      // overloaded) must not hold the request; the relay carries on from the outbox.
      const deadline = Date.now() + FIRST_STEP_WAIT_MS;
      if (pending?.command.kind === 'START_WORKFLOW') {
        // The start and the wait for the first step in one call (update-with-start): one workflow task, one round trip.
        const start = pending.command;
        const state = await this.temporal.connection.withDeadline(deadline, () => startWithUpdate(this.temporal.client, start, syncUpdate));
        await markCommandSent(this.db, pending.id);
        return { ...accepted, status: state.status };
      }
      if (pending) {
        const command = pending;
        await this.temporal.connection.withDeadline(deadline, () => dispatchCommand(this.temporal.client, command.id, command.command));
        await markCommandSent(this.db, pending.id);
      }
      const handle = this.temporal.client.workflow.getHandle(row.workflow_id);
      const state = await this.temporal.connection.withDeadline(deadline, () => handle.executeUpdate(syncUpdate));
      return { ...accepted, status: state.status };
    } catch (err) {
      this.logger.warn(`${row.reference} accepted; its workflow is started by the outbox relay (${String((err as Error).message ?? err)})`);
      return accepted;
    }
  }

  private async workflowExists(workflowId: string): Promise<boolean> {
    try {
      await this.temporal.client.workflow.getHandle(workflowId).describe();
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  }

  async row(id: string, user?: AuthUser): Promise<ProposalRow | null> {
    return findProposal(this.db, id, user ? (from) => visibleProposalsSql(user, from) : undefined);
  }

  private present(row: ProposalRow) {
    return {
      id: row.id,
      reference: row.reference,
      kind: row.kind,
      title: row.title,
      summary: row.summary,
      status: row.status,
      stage: row.stage,
      procedure: row.procedure,
      ...(row.shortened_reason ? { shortenedReason: row.shortened_reason } : {}),
      urgency: row.urgency,
      details: row.details,
      submittingAgency: { code: row.submitting_agency_code, name: row.submitting_agency_name },
      submittedBy: { id: row.submitted_by, fullName: row.submitted_by_name },
      policyVersion: row.policy_version,
      workflowId: row.workflow_id,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    };
  }

  async list(user: AuthUser, f: ProposalFilters) {
    const limit = f.limit ?? 50;
    const rows = await listProposals(this.db, {
      visible: (from) => visibleProposalsSql(user, from),
      ...(f.status ? { status: f.status } : {}),
      ...(f.kind ? { kind: f.kind } : {}),
      ...(f.agency ? { agency: f.agency } : {}),
      words: searchWords(f.q),
      after: decodeCursor(f.cursor, ['timestamptz', 'uuid']),
      limit,
    });
    return toPage(
      rows,
      limit,
      (r) => this.present(r),
      (r) => [r.created_at.toISOString(), r.id],
    );
  }

  async detail(user: AuthUser, id: string) {
    const row = await this.row(id, user);
    if (!row) throw notFound(`No proposal ${id} that you may see`, 'PROPOSAL_NOT_FOUND');
    const [versions, tasks] = await Promise.all([listDossierVersions(this.db, id), listProposalTasks(this.db, id)]);
    const presented = tasks.map((t) => presentTask(t));
    return {
      ...this.present(row),
      plan: row.plan,
      dossierVersions: versions.map((v) => ({
        version: v.version,
        hash: v.hash,
        content: v.content,
        attachments: v.attachments,
        createdAt: v.created_at.toISOString(),
        createdBy: { id: v.created_by, fullName: v.full_name },
      })),
      tasks: presented,
      decisions: presented
        .filter((t) => t.status === 'COMPLETED')
        .map((t) => ({
          taskId: t.id,
          kind: t.kind,
          stage: t.stage,
          decision: t.decision,
          comment: t.comment ?? null,
          ...(t.externalBody ? { externalBody: t.externalBody } : {}),
          decidedBy: t.completedBy,
          decidedAt: t.completedAt,
          // A substitute's decision names the absent person it was taken for.
          ...(t.completedOnBehalfOf ? { onBehalfOf: t.completedOnBehalfOf } : {}),
        })),
    };
  }

  async timeline(user: AuthUser, id: string) {
    const row = await this.row(id, user);
    if (!row) throw notFound(`No proposal ${id} that you may see`, 'PROPOSAL_NOT_FOUND');
    const events = await listProposalEvents(this.db, id);
    return {
      events: events.map((e) => ({
        at: e.at.toISOString(),
        actor: { id: e.actor_id, name: e.actor_name, type: e.actor_type },
        action: e.action,
        stage: e.stage,
        details: e.payload,
        // Named beside the actor, not only inside details: who decided, and for whom.
        ...(isPerson(e.payload.onBehalfOf) ? { onBehalfOf: { id: e.payload.onBehalfOf.id, fullName: e.payload.onBehalfOf.fullName } } : {}),
      })),
    };
  }
}

const isPerson = (v: unknown): v is { id: string; fullName: string } =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as { id?: unknown }).id === 'string' &&
  typeof (v as { fullName?: unknown }).fullName === 'string';
