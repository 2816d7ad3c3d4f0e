/**
 * The proposal state machine: pure and deterministic (no clock, no randomness, no I/O of its own).
 * The workflow feeds it decisions and persists the transitions it returns; tests drive it directly.
 */
import {
  ALLOWED_DECISIONS,
  BusinessCalendar,
  REVIEW_TASK_KINDS,
  STATUS_OF_STAGE,
  SUBMITTING_AGENCY,
  endOfDayInstant,
  isoDateInVietnam,
} from '@accord/domain';
import type { CalendarDay, Clock, Decision, IsoDate, Plan, PlannedTask, ProposalStatus, Stage, TaskKind } from '@accord/domain';
import type {
  Actor,
  CompleteTaskRequest,
  ProposalState,
  ProposalWorkflowInput,
  TaskProjection,
  Transition,
} from '@accord/temporal/contracts';
import { UpdateRejection } from '@accord/temporal/contracts';

/** A transition before the workflow stamps it with its key, sequence number and run. */
export type TransitionDraft = Omit<Transition, 'key' | 'seq' | 'workflowId' | 'runId'>;

export interface EngineDeps {
  newId(): string;
  now(): Date;
  /** Temporal's patched() inside a workflow; true elsewhere. Guards behaviour added after histories exist. */
  patched?(patchId: string): boolean;
}

const CHANGE_ACTION = { AMEND: 'AGREEMENT_AMENDED', EXTEND: 'AGREEMENT_EXTENDED', TERMINATE: 'AGREEMENT_TERMINATED' } as const;

/** Patch ids (see proposal.workflow.ts and the replay test). */
export const PATCHES = { AGREEMENT_LIFECYCLE: 'agreement-lifecycle', INTAKE_PLAN_AMENDMENT: 'intake-plan-amendment' } as const;

interface PausedClock {
  since: IsoDate;
  remaining: number;
  reason: string;
}

/** The clock that is running for a task: from `start` (not counted), `length` days of its type. */
interface RunningClock {
  start: IsoDate;
  length: number;
  sent: ClockEventKind[];
}

interface EngineTask extends TaskProjection {
  status: 'OPEN' | 'COMPLETED' | 'CANCELLED';
  decision?: Decision;
  completedBy?: string;
  paused?: PausedClock;
  running: RunningClock;
}

export type ClockEventKind = 'REMINDER_50' | 'REMINDER_80' | 'OVERDUE';

/** Reminders at 50 % and 80 % of the clock, overdue (and escalation) at 100 % (docs/domain.md: silence is never consent). */
const CLOCK_EVENTS: { kind: ClockEventKind; fraction: number }[] = [
  { kind: 'REMINDER_50', fraction: 0.5 },
  { kind: 'REMINDER_80', fraction: 0.8 },
  { kind: 'OVERDUE', fraction: 1 },
];

export interface ClockEvent {
  at: number;
  taskId: string;
  kind: ClockEventKind;
}

/** Failure raised by validation; the workflow turns it into a non-retryable ApplicationFailure. */
export class EngineRejection extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'EngineRejection';
  }
}

const SYSTEM_ACTOR = { id: 'system', name: 'Accord', type: 'SYSTEM' as const };
const FINAL_STATUSES: readonly ProposalStatus[] = ['REJECTED', 'WITHDRAWN', 'CANCELLED', 'IN_FORCE', 'APPROVED'];
/** Statuses the submitting agency is told about. */
const NOTIFIED_STATUSES: readonly ProposalStatus[] = [
  'APPROVED',
  'REJECTED',
  'CANCELLED',
  'AWAITING_PM_CONSENT',
  'SUPPLEMENT_REQUESTED',
  'REVISION_REQUESTED',
];
/** A decision has been taken: WITHDRAW is refused from here on. */
const DECIDED_STATUSES: readonly ProposalStatus[] = [
  'APPROVED',
  'SIGNED',
  'IN_FORCE',
  'REJECTED',
  'WITHDRAWN',
  'CANCELLED',
  'AWAITING_CENTRAL_DECISION',
];

export class ProposalEngine {
  private calendar: BusinessCalendar;
  private status: ProposalStatus = 'SUBMITTED';
  private stageIndex = -1;
  private readonly tasks: EngineTask[] = [];
  private round = 0;
  private disagreed = false;
  private pmConsented = false;
  private approvedAt: string | null = null;
  /** userId -> the review stage that user decided (four-eyes: one person, one review stage). */
  private readonly reviewStageOf = new Map<string, Stage>();
  /** Who asked for the open supplement: they get a fresh task on resubmission. */
  private supplementRequesters: PlannedTask[] = [];
  private finished = false;
  /** The plan being followed: the one given at submission, until the intake officer amends it (INTAKE_CHECK). */
  private plan: Plan;

  constructor(
    private readonly input: ProposalWorkflowInput,
    private readonly deps: EngineDeps,
  ) {
    this.calendar = new BusinessCalendar(input.calendar);
    this.plan = input.plan;
  }

  get done(): boolean {
    return this.finished;
  }

  get state(): ProposalState {
    return {
      status: this.status,
      stage: this.currentStage,
      openTaskIds: this.tasks.filter((t) => t.status === 'OPEN').map((t) => t.id),
    };
  }

  private get currentStage(): Stage | null {
    if (this.status === 'SIGNED' || this.status === 'IN_FORCE') return 'POST_SIGNING';
    return this.plan.stages[this.stageIndex]?.stage ?? null;
  }

  /** Opens the first stage of the plan. */
  start(): TransitionDraft {
    const draft = this.draft();
    this.advance(draft);
    return this.seal(draft);
  }

  /** Throws EngineRejection when the request may not be applied; writes nothing. */
  validate(request: CompleteTaskRequest): void {
    const task = this.tasks.find((t) => t.id === request.taskId);
    if (!task) throw new EngineRejection(UpdateRejection.TASK_NOT_FOUND, `Task ${request.taskId} is not part of this proposal`);
    if (task.status !== 'OPEN') throw new EngineRejection(UpdateRejection.TASK_NOT_OPEN, `Task is ${task.status.toLowerCase()}`);
    if (task.paused) {
      throw new EngineRejection(UpdateRejection.TASK_PAUSED, 'The task clock is stopped until the requested supplement arrives');
    }
    const { actor } = request;
    if (actor.agencyCode !== task.candidateAgency) {
      throw new EngineRejection(UpdateRejection.NOT_CANDIDATE, `Only members of ${task.candidateAgency} may complete this task`);
    }
    if (!task.allowedDecisions.includes(request.decision)) {
      throw new EngineRejection(
        UpdateRejection.DECISION_NOT_ALLOWED,
        `Decision ${request.decision} is not allowed for a ${task.kind} task; allowed: ${task.allowedDecisions.join(', ')}`,
      );
    }
    if (REVIEW_TASK_KINDS.includes(task.kind)) {
      if (actor.agencyCode === this.input.submittingAgency) {
        throw new EngineRejection(
          UpdateRejection.FOUR_EYES,
          'Four-eyes: the submitting agency cannot review, appraise or decide its own proposal',
        );
      }
      const decidedStage = this.reviewStageOf.get(actor.id);
      if (decidedStage && decidedStage !== task.stage) {
        throw new EngineRejection(
          UpdateRejection.FOUR_EYES,
          `Four-eyes: this person already decided the ${decidedStage} stage of this proposal`,
        );
      }
    }
    if (request.decision === 'SIGNED') this.validateSigning(request);
    if (request.planAmendment && (task.kind !== 'INTAKE_CHECK' || request.decision !== 'COMPLETE')) {
      throw new EngineRejection(
        UpdateRejection.INVALID_INPUT,
        'Consultees and the procedure can only be changed when completing INTAKE_CHECK with COMPLETE',
      );
    }
    // The amended plan replaces the one being followed from the next stage on: its first stage must still be the intake.
    if (request.planAmendment && this.plan.stages[this.stageIndex]?.stage !== request.planAmendment.plan.stages[this.stageIndex]?.stage) {
      throw new EngineRejection(UpdateRejection.INVALID_INPUT, 'The amended plan must keep the stages already run');
    }
    if (request.decision === 'RESUBMIT' && !request.dossier) {
      throw new EngineRejection(UpdateRejection.INVALID_INPUT, 'RESUBMIT needs the changed dossier');
    }
  }

  private validateSigning(request: CompleteTaskRequest): void {
    const signing = request.signing;
    if (!signing) throw new EngineRejection(UpdateRejection.INVALID_INPUT, 'SIGNED needs the signing record');
    const signedAt = Date.parse(signing.signedAt);
    if (Number.isNaN(signedAt)) throw new EngineRejection(UpdateRejection.INVALID_INPUT, 'signing.signedAt is not a valid time');
    if (signedAt > this.deps.now().getTime()) {
      throw new EngineRejection(UpdateRejection.INVALID_INPUT, 'signing.signedAt cannot be in the future');
    }
    if (this.approvedAt && signedAt < Date.parse(this.approvedAt)) {
      throw new EngineRejection(UpdateRejection.INVALID_INPUT, 'signing.signedAt cannot be before the approval');
    }
  }

  /** Applies a validated decision and returns what must be persisted. */
  complete(request: CompleteTaskRequest): TransitionDraft {
    this.validate(request);
    const task = this.tasks.find((t) => t.id === request.taskId) as EngineTask;
    const draft = this.draft();
    const now = this.deps.now().toISOString();
    task.status = 'COMPLETED';
    task.decision = request.decision;
    task.completedBy = request.actor.id;
    draft.completedTasks.push({
      id: task.id,
      decision: request.decision,
      ...(request.comment !== undefined ? { comment: request.comment } : {}),
      ...(request.attachmentIds?.length ? { attachmentIds: request.attachmentIds } : {}),
      completedBy: request.actor.id,
      completedAt: now,
      ...(request.onBehalfOf ? { onBehalfOf: request.onBehalfOf } : {}),
    });
    draft.audit.push({
      action: 'TASK_COMPLETED',
      stage: task.stage,
      actor: { id: request.actor.id, name: request.actor.fullName, type: 'USER' },
      payload: {
        taskId: task.id,
        kind: task.kind,
        decision: request.decision,
        ...(task.externalBody ? { externalBody: task.externalBody } : {}),
        ...(request.comment ? { comment: request.comment } : {}),
        ...(request.attachmentIds?.length ? { attachmentIds: request.attachmentIds } : {}),
        ...(request.onBehalfOf ? { onBehalfOf: request.onBehalfOf } : {}),
      },
    });
    if (request.onBehalfOf) {
      // Accountability: the absent assignee learns that a substitute decided in their name, and who (issue 12, item 14).
      // Only the activity's input grows (no new command), so histories recorded before this replay unchanged.
      draft.notifications.push({
        kind: 'TASK_COMPLETED_ON_BEHALF',
        taskId: task.id,
        agencyCode: task.candidateAgency,
        audience: 'USER',
        userId: request.onBehalfOf.id,
        params: {
          taskKind: task.kind,
          decision: request.decision,
          byId: request.actor.id,
          byName: request.actor.fullName,
          onBehalfOfId: request.onBehalfOf.id,
          onBehalfOfName: request.onBehalfOf.fullName,
        },
      });
    }
    if (REVIEW_TASK_KINDS.includes(task.kind)) this.reviewStageOf.set(request.actor.id, task.stage);
    // Asked only when an amendment comes: histories from before it never carried one, so they replay unchanged.
    if (request.planAmendment && (this.deps.patched?.(PATCHES.INTAKE_PLAN_AMENDMENT) ?? true)) this.amendPlan(request, draft);
    this.route(task, request, draft);
    return this.seal(draft);
  }

  /** The earliest reminder, overdue or escalation instant still to fire, or null when no clock runs. */
  nextClockEvent(): ClockEvent | null {
    let next: ClockEvent | null = null;
    for (const task of this.tasks) {
      if (task.status !== 'OPEN' || task.paused) continue;
      for (const event of CLOCK_EVENTS) {
        if (task.running.sent.includes(event.kind)) continue;
        const at = this.eventInstant(task, event.fraction);
        if (!next || at < next.at) next = { at, taskId: task.id, kind: event.kind };
      }
    }
    return next;
  }

  /** Fires every clock event due by now: reminders to the candidates; at 100 % overdue and escalation to the agency head. */
  fireClockEvents(): TransitionDraft | null {
    const now = this.deps.now().getTime();
    const draft = this.draft();
    for (const task of this.tasks) {
      if (task.status !== 'OPEN' || task.paused) continue;
      for (const event of CLOCK_EVENTS) {
        if (task.running.sent.includes(event.kind) || this.eventInstant(task, event.fraction) > now) continue;
        task.running.sent.push(event.kind);
        const payload = { taskId: task.id, kind: task.kind, candidateAgency: task.candidateAgency, dueAt: task.dueAt };
        if (event.kind === 'OVERDUE') {
          draft.audit.push({ action: 'TASK_OVERDUE', stage: task.stage, actor: SYSTEM_ACTOR, payload });
          draft.audit.push({
            action: 'TASK_ESCALATED',
            stage: task.stage,
            actor: SYSTEM_ACTOR,
            payload: { ...payload, to: 'AGENCY_HEAD' },
          });
          draft.escalatedTaskIds.push(task.id);
          draft.notifications.push({
            kind: 'TASK_OVERDUE',
            taskId: task.id,
            agencyCode: task.candidateAgency,
            audience: 'AGENCY',
            params: { taskKind: task.kind, dueAt: task.dueAt },
          });
          draft.notifications.push({
            kind: 'TASK_ESCALATED',
            taskId: task.id,
            agencyCode: task.candidateAgency,
            audience: 'AGENCY_HEAD',
            params: { taskKind: task.kind, dueAt: task.dueAt },
          });
        } else {
          const percent = event.kind === 'REMINDER_50' ? 50 : 80;
          draft.audit.push({ action: 'TASK_REMINDER', stage: task.stage, actor: SYSTEM_ACTOR, payload: { ...payload, percent } });
          draft.notifications.push({
            kind: 'TASK_REMINDER',
            taskId: task.id,
            agencyCode: task.candidateAgency,
            audience: 'AGENCY',
            params: { taskKind: task.kind, dueAt: task.dueAt, percent },
          });
        }
      }
    }
    return draft.audit.length ? this.seal(draft) : null;
  }

  /** Instant a fraction of the task's clock has run: the end of its n-th day (24:00 Hanoi time). */
  private eventInstant(task: EngineTask, fraction: number): number {
    if (fraction >= 1) return Date.parse(task.dueAt) + 1;
    const n = Math.max(1, Math.floor(task.running.length * fraction));
    return Date.parse(endOfDayInstant(this.addClock(task.running.start, { type: task.clockType, length: n }))) + 1;
  }

  /**
   * Applies an edited holiday calendar to the running clocks: each open, running task's due date is recounted from its
   * clock start; paused clocks keep their remaining days and use the new calendar when they restart.
   */
  recomputeDeadlines(calendar: CalendarDay[], actor: Actor, reason: string): TransitionDraft {
    this.calendar = new BusinessCalendar(calendar);
    const draft = this.draft();
    draft.rescheduledTasks = [];
    const changes: { taskId: string; from: string; to: string }[] = [];
    for (const task of this.tasks) {
      if (task.status !== 'OPEN' || task.paused) continue;
      const dueAt = endOfDayInstant(this.addClock(task.running.start, { type: task.clockType, length: task.running.length }));
      if (dueAt === task.dueAt) continue;
      changes.push({ taskId: task.id, from: task.dueAt, to: dueAt });
      task.dueAt = dueAt;
      draft.rescheduledTasks.push({ id: task.id, dueAt });
    }
    draft.audit.push({
      action: 'DEADLINES_RECOMPUTED',
      stage: this.currentStage,
      actor: { id: actor.id, name: actor.fullName, type: 'USER' },
      payload: { reason, changes },
    });
    return this.seal(draft);
  }

  /** WITHDRAW any time before the decision (docs/api.md: 409 once decided). */
  validateWithdraw(actor: Actor): void {
    if (actor.agencyCode !== this.input.submittingAgency) {
      throw new EngineRejection(UpdateRejection.NOT_CANDIDATE, 'Only the submitting agency may withdraw its proposal');
    }
    if (this.finished || DECIDED_STATUSES.includes(this.status)) {
      throw new EngineRejection(UpdateRejection.NOT_WITHDRAWABLE, `The proposal is ${this.status} and can no longer be withdrawn`);
    }
  }

  withdraw(actor: Actor, reason: string): TransitionDraft {
    this.validateWithdraw(actor);
    const draft = this.draft();
    draft.audit.push({
      action: 'PROPOSAL_WITHDRAWN',
      stage: this.currentStage,
      actor: { id: actor.id, name: actor.fullName, type: 'USER' },
      payload: { reason },
    });
    this.finish('WITHDRAWN', draft);
    return this.seal(draft);
  }

  /** An administrator cancels a running proposal, with a reason (audited). */
  validateCancel(): void {
    if (this.finished) throw new EngineRejection(UpdateRejection.NOT_WITHDRAWABLE, `The proposal has ended (${this.status})`);
  }

  cancel(actor: Actor, reason: string): TransitionDraft {
    this.validateCancel();
    const draft = this.draft();
    draft.audit.push({
      action: 'PROPOSAL_CANCELLED',
      stage: this.currentStage,
      actor: { id: actor.id, name: actor.fullName, type: 'USER' },
      payload: { reason },
    });
    this.finish('CANCELLED', draft);
    return this.seal(draft);
  }

  private route(task: EngineTask, request: CompleteTaskRequest, draft: TransitionDraft): void {
    switch (request.decision) {
      case 'REQUEST_SUPPLEMENT':
        return this.requestSupplement(task, draft);
      case 'NOT_CONFORMS':
      case 'RETURN_FOR_REVISION':
        return this.requestRevision(task, draft);
      case 'RESUBMIT':
        return this.resubmit(task, request, draft);
      case 'WITHDRAW':
      case 'ABANDONED':
        return this.finish('WITHDRAWN', draft);
      case 'REJECT':
      case 'REFUSE':
        return this.finish('REJECTED', draft);
      case 'DISAGREE':
        this.disagreed = true;
        return this.advanceWhenStageComplete(draft);
      case 'APPROVE':
        // Law 70/2020 Art 19(4): only plans with a pmConsent gate (provincial agreements) wait for the Prime Minister.
        if (task.kind === 'DECISION' && this.disagreed && !this.pmConsented && this.plan.gates.pmConsent) return this.awaitPmConsent(draft);
        return this.advance(draft);
      case 'CONSENT':
        this.pmConsented = true;
        return this.advance(draft);
      case 'SIGNED':
        return this.sign(request, draft);
      case 'SUBMITTED':
        if (task.kind === 'POST_SIGNING_REPORT') return this.finish('IN_FORCE', draft);
        return this.advanceWhenStageComplete(draft);
      default:
        return this.advanceWhenStageComplete(draft);
    }
  }

  private advanceWhenStageComplete(draft: TransitionDraft): void {
    const stage = this.currentStage;
    const stillOpen = this.tasks.some((t) => t.status === 'OPEN' && t.stage === stage);
    if (!stillOpen) this.advance(draft);
  }

  /** Opens the next stage of the plan, or ends as APPROVED when the plan has no more. */
  private advance(draft: TransitionDraft): void {
    this.stageIndex += 1;
    const next = this.plan.stages[this.stageIndex];
    if (!next) return this.finish('APPROVED', draft);
    if (next.stage === 'SIGNING') this.approvedAt = this.deps.now().toISOString();
    this.round += 1;
    for (const planned of next.tasks) this.openTask(planned, next.stage, this.today(), draft);
    if (next.stage === 'DECISION' && this.disagreed && !this.plan.gates.pmConsent) this.referDisagreement(draft);
    this.setStatus(STATUS_OF_STAGE[next.stage], draft);
  }

  /**
   * Without a Prime Minister's consent gate (department and border-commune routes) a disagreement goes to the
   * Chairman's decision: the audit names who disagreed, so the decider sees it (issue 13).
   */
  private referDisagreement(draft: TransitionDraft): void {
    const disagreements = this.tasks
      .filter((t) => t.status === 'COMPLETED' && t.decision === 'DISAGREE')
      .map((t) => ({
        taskId: t.id,
        kind: t.kind,
        candidateAgency: t.candidateAgency,
        ...(t.externalBody ? { externalBody: t.externalBody } : {}),
      }));
    draft.audit.push({
      action: 'DISAGREEMENT_REFERRED',
      stage: 'DECISION',
      actor: SYSTEM_ACTOR,
      payload: { to: 'DECISION', disagreements },
    });
  }

  /** The intake officer's changes (added consultees, shortened procedure refused): the plan from here on, recorded. */
  private amendPlan(request: CompleteTaskRequest, draft: TransitionDraft): void {
    const { plan, amendment } = request.planAmendment!;
    this.plan = plan;
    draft.plan = plan;
    if (amendment.procedure) draft.procedure = amendment.procedure;
    draft.audit.push({
      action: 'PLAN_AMENDED',
      stage: 'INTAKE',
      actor: { id: request.actor.id, name: request.actor.fullName, type: 'USER' },
      payload: {
        ...(amendment.addedConsultees?.length ? { addedConsultees: amendment.addedConsultees } : {}),
        ...(amendment.procedure ? { procedure: amendment.procedure, shortenedRefused: true } : {}),
        ...(amendment.comment ? { comment: amendment.comment } : {}),
      },
    });
  }

  private awaitPmConsent(draft: TransitionDraft): void {
    this.openTask(this.plan.gates.pmConsent!, 'DECISION', this.today(), draft);
    this.setStatus('AWAITING_PM_CONSENT', draft);
  }

  private requestSupplement(task: EngineTask, draft: TransitionDraft): void {
    this.supplementRequesters.push(this.plannedFrom(task));
    const reason = `Supplement requested at ${task.kind}`;
    for (const other of this.tasks) {
      if (other.status !== 'OPEN' || other.stage !== task.stage || other.paused || other.kind === 'SUPPLEMENT') continue;
      other.paused = { since: this.today(), remaining: this.remainingDays(other), reason };
      draft.pausedTasks.push({ id: other.id, reason });
    }
    const alreadyOpen = this.tasks.some((t) => t.status === 'OPEN' && t.kind === 'SUPPLEMENT');
    if (!alreadyOpen) {
      const supplement = { kind: 'SUPPLEMENT' as const, candidateAgency: SUBMITTING_AGENCY, clock: this.plan.gates.supplement };
      this.openTask(supplement, task.stage, this.today(), draft);
    }
    this.setStatus('SUPPLEMENT_REQUESTED', draft);
  }

  private requestRevision(task: EngineTask, draft: TransitionDraft): void {
    for (const other of this.tasks) {
      if (other.status === 'OPEN' && other.stage === task.stage) this.cancelTask(other, draft);
    }
    const revision = { kind: 'REVISION' as const, candidateAgency: SUBMITTING_AGENCY, clock: this.plan.gates.revision };
    this.openTask(revision, task.stage, this.today(), draft);
    this.setStatus('REVISION_REQUESTED', draft);
  }

  private resubmit(task: EngineTask, request: CompleteTaskRequest, draft: TransitionDraft): void {
    draft.dossier = { content: request.dossier as Record<string, unknown>, createdBy: request.actor.id };
    const today = this.today();
    const stage = task.stage;
    if (task.kind === 'SUPPLEMENT') {
      // Stop-the-clock ends: paused clocks restart from the resubmission day with the days they had left.
      for (const paused of this.tasks) {
        if (paused.status !== 'OPEN' || !paused.paused) continue;
        const dueAt = endOfDayInstant(this.addClock(today, { type: paused.clockType, length: paused.paused.remaining }));
        paused.dueAt = dueAt;
        paused.running = { start: today, length: paused.paused.remaining, sent: paused.running.sent };
        delete paused.paused;
        draft.resumedTasks.push({ id: paused.id, dueAt });
      }
      for (const requester of this.supplementRequesters) this.openTask(requester, stage, today, draft);
      this.supplementRequesters = [];
    } else {
      // After a revision the proposal comes back to the same stage with fresh tasks.
      this.round += 1;
      // The stage the revision came from is the current one (a plan may repeat a stage name, e.g. CONSULTATION).
      const planned = this.plan.stages[this.stageIndex];
      for (const t of planned?.tasks ?? []) this.openTask(t, stage, today, draft);
    }
    this.setStatus(STATUS_OF_STAGE[stage], draft);
  }

  private sign(request: CompleteTaskRequest, draft: TransitionDraft): void {
    const signing = request.signing!;
    const { agreement } = this.input;
    const lifecycle = this.deps.patched?.(PATCHES.AGREEMENT_LIFECYCLE) ?? true;
    if (lifecycle && agreement && agreement.action !== 'SIGN' && agreement.relatedAgreementId) {
      // Law 70/2020 Art 33-34: amending, extending or terminating follows the signing procedure and changes the registered agreement.
      draft.agreementChange = {
        agreementId: agreement.relatedAgreementId,
        action: agreement.action,
        signing,
        proposalId: this.input.proposalId,
        reference: this.input.reference,
        ...(agreement.termMonths !== undefined ? { termMonths: agreement.termMonths } : {}),
      };
      draft.audit.push({
        action: CHANGE_ACTION[agreement.action],
        stage: 'SIGNING',
        actor: SYSTEM_ACTOR,
        payload: { agreementId: agreement.relatedAgreementId, ...signing },
      });
    } else {
      draft.agreement = lifecycle ? { id: this.deps.newId(), signing } : { signing };
      draft.audit.push({
        action: 'AGREEMENT_REGISTERED',
        stage: 'SIGNING',
        actor: SYSTEM_ACTOR,
        payload: { ...(draft.agreement.id ? { agreementId: draft.agreement.id } : {}), ...signing },
      });
    }
    // Law 70/2020 Art 19(5): report to the Prime Minister, copy to MOFA, within 15 days of signing.
    const report = { kind: 'POST_SIGNING_REPORT' as const, candidateAgency: SUBMITTING_AGENCY, clock: this.plan.gates.postSigningReport };
    this.setStatus('SIGNED', draft);
    this.openTask(report, 'POST_SIGNING', isoDateInVietnam(new Date(signing.signedAt)), draft);
  }

  private finish(status: ProposalStatus, draft: TransitionDraft): void {
    for (const t of this.tasks) if (t.status === 'OPEN') this.cancelTask(t, draft);
    this.setStatus(status, draft);
    this.finished = FINAL_STATUSES.includes(status);
  }

  private cancelTask(task: EngineTask, draft: TransitionDraft): void {
    task.status = 'CANCELLED';
    draft.cancelledTaskIds.push(task.id);
  }

  private openTask(planned: PlannedTask, stage: Stage, from: IsoDate, draft: TransitionDraft): void {
    const candidateAgency = planned.candidateAgency === SUBMITTING_AGENCY ? this.input.submittingAgency : planned.candidateAgency;
    const task: EngineTask = {
      id: this.deps.newId(),
      kind: planned.kind,
      stage,
      candidateAgency,
      ...(planned.externalBody ? { externalBody: planned.externalBody } : {}),
      createdAt: this.deps.now().toISOString(),
      dueAt: endOfDayInstant(this.addClock(from, planned.clock)),
      clockType: planned.clock.type,
      clockLength: planned.clock.length,
      allowedDecisions: [...ALLOWED_DECISIONS[planned.kind]],
      round: this.round,
      status: 'OPEN',
      running: { start: from, length: planned.clock.length, sent: [] },
    };
    this.tasks.push(task);
    const { status: _status, running: _running, ...projection } = task;
    draft.openTasks.push(projection);
    draft.notifications.push({
      kind: 'TASK_OPENED',
      taskId: task.id,
      agencyCode: candidateAgency,
      audience: 'AGENCY',
      params: { taskKind: task.kind, dueAt: task.dueAt },
    });
  }

  private setStatus(status: ProposalStatus, draft: TransitionDraft): void {
    if (status !== this.status && NOTIFIED_STATUSES.includes(status)) {
      draft.notifications.push({
        kind: 'PROPOSAL_DECIDED',
        agencyCode: this.input.submittingAgency,
        audience: 'AGENCY',
        params: { status },
      });
    }
    if (status !== this.status) {
      draft.audit.push({
        action: 'STATUS_CHANGED',
        stage: this.currentStageFor(status),
        actor: SYSTEM_ACTOR,
        payload: { from: this.status, to: status },
      });
    }
    this.status = status;
  }

  private currentStageFor(status: ProposalStatus): Stage | null {
    return status === 'SIGNED' || status === 'IN_FORCE' ? 'POST_SIGNING' : this.currentStage;
  }

  private plannedFrom(task: EngineTask): PlannedTask {
    return {
      kind: task.kind as TaskKind,
      candidateAgency: task.candidateAgency,
      ...(task.externalBody ? { externalBody: task.externalBody } : {}),
      clock: { type: task.clockType, length: task.clockLength },
    };
  }

  private addClock(from: IsoDate, clock: Clock): IsoDate {
    return clock.type === 'WORKING_DAYS'
      ? this.calendar.addWorkingDays(from, clock.length)
      : this.calendar.addCalendarDays(from, clock.length);
  }

  /** Days of the clock left from today to the task's due date, in the clock's own unit. */
  private remainingDays(task: EngineTask): number {
    const today = this.today();
    const due = task.dueAt.slice(0, 10);
    if (task.clockType === 'WORKING_DAYS') return this.calendar.workingDaysBetween(today, due);
    return Math.max(0, Math.round((Date.parse(due) - Date.parse(today)) / 86_400_000));
  }

  private today(): IsoDate {
    return isoDateInVietnam(this.deps.now());
  }

  private draft(): TransitionDraft {
    return {
      proposalId: this.input.proposalId,
      at: this.deps.now().toISOString(),
      status: this.status,
      stage: this.currentStage,
      openTasks: [],
      completedTasks: [],
      cancelledTaskIds: [],
      pausedTasks: [],
      resumedTasks: [],
      escalatedTaskIds: [],
      audit: [],
      notifications: [],
    };
  }

  /** Stamps the draft with the state it leads to. */
  private seal(draft: TransitionDraft): TransitionDraft {
    draft.status = this.status;
    draft.stage = this.currentStage;
    if (draft.openTasks.length) {
      draft.audit.push({
        action: 'TASKS_OPENED',
        stage: this.currentStage,
        actor: SYSTEM_ACTOR,
        payload: {
          tasks: draft.openTasks.map((t) => ({
            id: t.id,
            kind: t.kind,
            candidateAgency: t.candidateAgency,
            externalBody: t.externalBody,
            dueAt: t.dueAt,
          })),
        },
      });
    }
    if (draft.pausedTasks.length) {
      draft.audit.push({ action: 'CLOCKS_PAUSED', stage: this.currentStage, actor: SYSTEM_ACTOR, payload: { tasks: draft.pausedTasks } });
    }
    if (draft.resumedTasks.length) {
      draft.audit.push({ action: 'CLOCKS_RESUMED', stage: this.currentStage, actor: SYSTEM_ACTOR, payload: { tasks: draft.resumedTasks } });
    }
    if (draft.cancelledTaskIds.length) {
      draft.audit.push({
        action: 'TASKS_CANCELLED',
        stage: this.currentStage,
        actor: SYSTEM_ACTOR,
        payload: { taskIds: draft.cancelledTaskIds },
      });
    }
    return draft;
  }
}
