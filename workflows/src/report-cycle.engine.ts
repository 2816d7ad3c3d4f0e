/**
 * A reporting cycle as a pure state machine (like engine.ts for proposals): one PERIODIC_REPORT task per reporting
 * agency, the clocks of review tasks (reminders at 50 % and 80 %, overdue and escalation to the agency head at
 * 100 %), submissions, and consolidation by the consolidating agency. No clock, randomness or I/O of its own.
 */
import { ALLOWED_DECISIONS, addDays, endOfDayInstant } from '@accord/domain';
import {
  REPORTING_STAGE,
  UpdateRejection,
  type Actor,
  type CompleteTaskRequest,
  type OpenedReportCycle,
  type ReportCycleState,
  type ReportCycleStatus,
  type ReportCycleTransition,
  type ReportTaskProjection,
} from '@accord/temporal/contracts';
import { EngineRejection, type ClockEvent, type ClockEventKind } from './engine';

export type ReportCycleDraft = Omit<ReportCycleTransition, 'key' | 'seq' | 'workflowId' | 'runId'>;

interface CycleTask extends ReportTaskProjection {
  status: 'OPEN' | 'COMPLETED' | 'CANCELLED';
  sent: ClockEventKind[];
}

const SYSTEM_ACTOR = { id: 'system', name: 'Accord', type: 'SYSTEM' as const };
const CLOCK_EVENTS: { kind: ClockEventKind; fraction: number }[] = [
  { kind: 'REMINDER_50', fraction: 0.5 },
  { kind: 'REMINDER_80', fraction: 0.8 },
  { kind: 'OVERDUE', fraction: 1 },
];
const MS_PER_DAY = 86_400_000;

export class ReportCycleEngine {
  private readonly tasks: CycleTask[] = [];
  private status: ReportCycleStatus = 'OPEN';
  private readyAnnounced = false;

  constructor(
    private readonly cycle: OpenedReportCycle,
    private readonly deps: { newId(): string; now(): Date },
  ) {}

  get done(): boolean {
    return this.status === 'CONSOLIDATED';
  }

  get state(): ReportCycleState {
    return {
      cycleId: this.cycle.cycleId,
      status: this.status,
      openTaskIds: this.tasks.filter((t) => t.status === 'OPEN').map((t) => t.id),
      submittedAgencies: this.tasks.filter((t) => t.status === 'COMPLETED').map((t) => t.candidateAgency),
    };
  }

  /** Opens a PERIODIC_REPORT task per reporting agency, due at the end of the cycle's due day. */
  open(): ReportCycleDraft {
    const draft = this.draft();
    const { openedOn, dueOn } = this.cycle;
    const length = Math.max(0, Math.round((Date.parse(dueOn) - Date.parse(openedOn)) / MS_PER_DAY));
    const dueAt = endOfDayInstant(dueOn);
    for (const reporter of this.cycle.reporters) {
      const task: CycleTask = {
        id: this.deps.newId(),
        kind: 'PERIODIC_REPORT',
        stage: REPORTING_STAGE,
        candidateAgency: reporter.agencyCode,
        createdAt: this.deps.now().toISOString(),
        dueAt,
        clockType: 'CALENDAR_DAYS',
        clockLength: length,
        allowedDecisions: [...ALLOWED_DECISIONS.PERIODIC_REPORT],
        round: 1,
        prefill: reporter.prefill,
        status: 'OPEN',
        sent: [],
      };
      this.tasks.push(task);
      const { status: _status, sent: _sent, ...projection } = task;
      draft.openTasks.push(projection);
      draft.notifications.push({
        kind: 'TASK_OPENED',
        taskId: task.id,
        agencyCode: task.candidateAgency,
        audience: 'AGENCY',
        params: { taskKind: task.kind, dueAt },
      });
    }
    draft.notifications.push({
      kind: 'REPORT_CYCLE_OPENED',
      agencyCode: this.cycle.consolidator,
      audience: 'AGENCY',
      params: { title: this.cycle.title, dueAt, reporters: this.tasks.length },
    });
    draft.audit.push({
      action: 'REPORT_CYCLE_OPENED',
      stage: null,
      actor: SYSTEM_ACTOR,
      payload: {
        reportCycleId: this.cycle.cycleId,
        title: this.cycle.title,
        dueOn,
        periodFrom: this.cycle.periodFrom,
        periodTo: this.cycle.periodTo,
        tasks: this.tasks.map((t) => ({ id: t.id, candidateAgency: t.candidateAgency, dueAt: t.dueAt })),
      },
    });
    return draft;
  }

  validate(request: CompleteTaskRequest): void {
    const task = this.tasks.find((t) => t.id === request.taskId);
    if (!task) throw new EngineRejection(UpdateRejection.TASK_NOT_FOUND, `Task ${request.taskId} is not part of this reporting cycle`);
    if (task.status !== 'OPEN') throw new EngineRejection(UpdateRejection.TASK_NOT_OPEN, `Task is ${task.status.toLowerCase()}`);
    if (request.actor.agencyCode !== task.candidateAgency) {
      throw new EngineRejection(UpdateRejection.NOT_CANDIDATE, `Only members of ${task.candidateAgency} may submit this report`);
    }
    if (!task.allowedDecisions.includes(request.decision)) {
      throw new EngineRejection(
        UpdateRejection.DECISION_NOT_ALLOWED,
        `Decision ${request.decision} is not allowed for a PERIODIC_REPORT task; allowed: SUBMITTED`,
      );
    }
  }

  /** An agency's report is in; when the last one arrives the consolidating agency is told. */
  complete(request: CompleteTaskRequest): ReportCycleDraft {
    this.validate(request);
    const task = this.tasks.find((t) => t.id === request.taskId)!;
    const draft = this.draft();
    const at = this.deps.now().toISOString();
    task.status = 'COMPLETED';
    draft.completedTasks.push({
      id: task.id,
      decision: request.decision,
      completedBy: request.actor.id,
      completedAt: at,
      ...(request.comment !== undefined ? { comment: request.comment } : {}),
      ...(request.attachmentIds?.length ? { attachmentIds: request.attachmentIds } : {}),
    });
    draft.audit.push({
      action: 'TASK_COMPLETED',
      stage: null,
      actor: { id: request.actor.id, name: request.actor.fullName, type: 'USER' },
      payload: {
        reportCycleId: this.cycle.cycleId,
        taskId: task.id,
        kind: task.kind,
        decision: request.decision,
        candidateAgency: task.candidateAgency,
        late: Date.parse(at) > Date.parse(task.dueAt),
        ...(request.comment ? { comment: request.comment } : {}),
        ...(request.attachmentIds?.length ? { attachmentIds: request.attachmentIds } : {}),
      },
    });
    if (!this.readyAnnounced && this.tasks.every((t) => t.status !== 'OPEN')) {
      this.readyAnnounced = true;
      draft.notifications.push({
        kind: 'REPORT_CYCLE_READY',
        agencyCode: this.cycle.consolidator,
        audience: 'AGENCY',
        params: { title: this.cycle.title },
      });
    }
    return draft;
  }

  validateConsolidate(actor: Actor): void {
    if (this.status !== 'OPEN') throw new EngineRejection(UpdateRejection.TASK_NOT_OPEN, 'The cycle is already consolidated');
    if (actor.agencyCode !== this.cycle.consolidator && !actor.roles.includes('ADMIN')) {
      throw new EngineRejection(UpdateRejection.NOT_CANDIDATE, `Only members of ${this.cycle.consolidator} may consolidate this cycle`);
    }
  }

  /** Closes the cycle: reports still open are cancelled and reported as missing. */
  consolidate(actor: Actor): ReportCycleDraft {
    this.validateConsolidate(actor);
    const draft = this.draft();
    const missing = this.tasks.filter((t) => t.status === 'OPEN');
    for (const t of missing) {
      t.status = 'CANCELLED';
      draft.cancelledTaskIds.push(t.id);
    }
    this.status = 'CONSOLIDATED';
    draft.status = 'CONSOLIDATED';
    draft.consolidatedBy = actor.id;
    draft.audit.push({
      action: 'REPORT_CYCLE_CONSOLIDATED',
      stage: null,
      actor: { id: actor.id, name: actor.fullName, type: 'USER' },
      payload: {
        reportCycleId: this.cycle.cycleId,
        submitted: this.tasks.filter((t) => t.status === 'COMPLETED').map((t) => t.candidateAgency),
        missing: missing.map((t) => t.candidateAgency),
      },
    });
    return draft;
  }

  nextClockEvent(): ClockEvent | null {
    let next: ClockEvent | null = null;
    for (const task of this.tasks) {
      if (task.status !== 'OPEN') continue;
      for (const event of CLOCK_EVENTS) {
        if (task.sent.includes(event.kind)) continue;
        const at = this.eventInstant(task, event.fraction);
        if (!next || at < next.at) next = { at, taskId: task.id, kind: event.kind };
      }
    }
    return next;
  }

  /** Reminders to the reporting agency; at 100 % overdue, and escalation to its head. A reminder that comes due only once the task is overdue is dropped. */
  fireClockEvents(): ReportCycleDraft | null {
    if (this.status !== 'OPEN') return null;
    const now = this.deps.now().getTime();
    const draft = this.draft();
    for (const task of this.tasks) {
      if (task.status !== 'OPEN') continue;
      const overdue = this.eventInstant(task, 1) <= now;
      for (const event of CLOCK_EVENTS) {
        if (task.sent.includes(event.kind) || this.eventInstant(task, event.fraction) > now) continue;
        task.sent.push(event.kind);
        const payload = {
          reportCycleId: this.cycle.cycleId,
          taskId: task.id,
          kind: task.kind,
          candidateAgency: task.candidateAgency,
          dueAt: task.dueAt,
        };
        const params = { taskKind: task.kind, dueAt: task.dueAt };
        if (event.kind === 'OVERDUE') {
          draft.audit.push({ action: 'TASK_OVERDUE', stage: null, actor: SYSTEM_ACTOR, payload });
          draft.audit.push({ action: 'TASK_ESCALATED', stage: null, actor: SYSTEM_ACTOR, payload: { ...payload, to: 'AGENCY_HEAD' } });
          draft.escalatedTaskIds.push(task.id);
          draft.notifications.push({ kind: 'TASK_OVERDUE', taskId: task.id, agencyCode: task.candidateAgency, audience: 'AGENCY', params });
          draft.notifications.push({
            kind: 'TASK_ESCALATED',
            taskId: task.id,
            agencyCode: task.candidateAgency,
            audience: 'AGENCY_HEAD',
            params,
          });
        } else if (!overdue) {
          const percent = event.kind === 'REMINDER_50' ? 50 : 80;
          draft.audit.push({ action: 'TASK_REMINDER', stage: null, actor: SYSTEM_ACTOR, payload: { ...payload, percent } });
          draft.notifications.push({
            kind: 'TASK_REMINDER',
            taskId: task.id,
            agencyCode: task.candidateAgency,
            audience: 'AGENCY',
            params: { ...params, percent },
          });
        }
      }
    }
    return draft.audit.length ? draft : null;
  }

  /** Like review tasks: the n-th day of the clock ends at 24:00 Hanoi time; 100 % is the end of the due day. */
  private eventInstant(task: CycleTask, fraction: number): number {
    if (fraction >= 1 || task.clockLength <= 1) return Date.parse(task.dueAt) + 1;
    const n = Math.max(1, Math.floor(task.clockLength * fraction));
    return Date.parse(endOfDayInstant(addDays(this.cycle.openedOn, n))) + 1;
  }

  private draft(): ReportCycleDraft {
    return {
      cycleId: this.cycle.cycleId,
      at: this.deps.now().toISOString(),
      status: this.status,
      openTasks: [],
      completedTasks: [],
      cancelledTaskIds: [],
      escalatedTaskIds: [],
      audit: [],
      notifications: [],
    };
  }
}
