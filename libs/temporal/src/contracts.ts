/**
 * The one contracts module (docs/style.md): workflow ids, task queue, Updates/Queries and their payloads,
 * shared by api, worker and workflows. Imports only @temporalio/workflow (safe in the sandbox) and types.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AgreementAction,
  CalendarDay,
  ClockType,
  Decision,
  IsoDate,
  Plan,
  PlanAmendment,
  ProposalKind,
  ProposalStatus,
  ReportCycleKind,
  Stage,
  TaskKind,
} from '@accord/domain';

export const TASK_QUEUE = 'accord-proposals';

// ---- Provinces (issue 15, docs/provinces.md): every workflow and schedule id starts with its province ----

/**
 * The province of the workflows and schedules from before provinces existed: their ids carry no prefix. They keep
 * their ids (a running workflow's id cannot change, and replaying one must command the same child ids).
 */
export const LEGACY_PROVINCE = 'HT';
/** Like the province table's CHECK: 2-8 capital letters (PLATFORM is no province). */
const PROVINCE_CODE = /^[A-Z]{2,8}$/;
const PROVINCE_PREFIX = /^([A-Z]{2,8}):/;

/** `<PROVINCE>:<id>`: the id of a workflow or schedule acting for `province`. */
export function withProvince(province: string, id: string): string {
  if (!PROVINCE_CODE.test(province) || province === 'PLATFORM') throw new Error(`not a province code: ${JSON.stringify(province)}`);
  if (PROVINCE_PREFIX.test(id)) throw new Error(`${id} already names its province`);
  return `${province}:${id}`;
}

/** The province prefix of a workflow (or schedule) id; null for an id from before provinces. */
export function provincePrefixOf(workflowId: string): string | null {
  return PROVINCE_PREFIX.exec(workflowId)?.[1] ?? null;
}

/** The province a workflow (or schedule) acts for, from its id; an id without a prefix is a legacy Hà Tĩnh one. */
export function provinceOfWorkflowId(workflowId: string): string {
  return provincePrefixOf(workflowId) ?? LEGACY_PROVINCE;
}

/**
 * The id of a workflow that workflow code starts or signals, in the province of the workflow `parentId`: with its
 * prefix, or none when the parent has none (a legacy workflow replays the child ids its history recorded).
 */
export function inProvinceOf(parentId: string, id: string): string {
  const province = provincePrefixOf(parentId);
  return province ? withProvince(province, id) : id;
}

export const proposalWorkflowId = (province: string, proposalId: string): string => withProvince(province, `proposal-${proposalId}`);

/** Search attributes registered on the Temporal server (docs/architecture.md); keep scripts/tools.js in step. */
export const SEARCH_ATTRIBUTES = ['ProposalKind', 'ProposalStatus', 'Stage', 'SubmittingAgency', 'Province'] as const;
/** Keyword search attribute set at every workflow start: the province the workflow acts for. */
export const PROVINCE_SEARCH_ATTRIBUTE = 'Province';

export interface Actor {
  id: string;
  fullName: string;
  agencyCode: string | null;
  roles: string[];
}

export interface ProposalWorkflowInput {
  proposalId: string;
  reference: string;
  kind: ProposalKind;
  title: string;
  submittingAgency: string;
  submittedBy: { id: string; fullName: string };
  plan: Plan;
  /** Calendar data for deadline arithmetic; deterministic input, recomputed only by an explicit operation. */
  calendar: CalendarDay[];
  /** Turn off search-attribute upserts where the server has none registered (time-skipping test server). */
  searchAttributes?: boolean;
  /** For INTERNATIONAL_AGREEMENT: what signing does to the registry (absent in histories from before it existed). */
  agreement?: { action: AgreementAction; relatedAgreementId?: string; termMonths?: number };
}

export interface SigningRecord {
  signedAt: string;
  place: string;
  signatories: { name: string; title: string; party: string }[];
  agreementNumber?: string;
}

export interface CompleteTaskRequest {
  taskId: string;
  decision: Decision;
  comment?: string;
  attachmentIds?: string[];
  /** The full new dossier content with RESUBMIT, already merged and validated by the api. */
  dossier?: Record<string, unknown>;
  signing?: SigningRecord;
  actor: Actor;
  /** The assignee the actor stands in for (an out-of-office substitute completing the absent user's task). */
  onBehalfOf?: { id: string; fullName: string };
  /** INTAKE_CHECK COMPLETE only: the plan from here on (computed and validated by the api) and what changed. */
  planAmendment?: { plan: Plan; amendment: PlanAmendment };
}

export interface CompleteTaskResult {
  taskId: string;
  proposal: { id: string; status: ProposalStatus };
  /**
   * The task as the step's projection recorded it (the same values): the api answers with it instead of reading the task
   * again. Absent from answers given before it existed (an Update id seen again returns the first answer).
   */
  completed?: Transition['completedTasks'][number];
}

export interface ProposalState {
  status: ProposalStatus;
  stage: Stage | null;
  openTaskIds: string[];
}

export const completeTaskUpdate = defineUpdate<CompleteTaskResult, [CompleteTaskRequest]>('completeTask');
/** Returns once every projection the workflow has started is committed: read-your-writes after start. */
export const syncUpdate = defineUpdate<ProposalState, []>('sync');
export const stateQuery = defineQuery<ProposalState>('state');

export interface ReasonedRequest {
  reason: string;
  actor: Actor;
}
/** The submitting agency withdraws the proposal before the decision. */
export const withdrawUpdate = defineUpdate<CompleteTaskResult['proposal'], [ReasonedRequest]>('withdraw');
/** An administrator applies an edited holiday calendar to the running clocks (explicit and audited). */
export const recomputeDeadlinesUpdate = defineUpdate<
  { id: string; rescheduled: number },
  [{ calendar: CalendarDay[]; reason: string; actor: Actor }]
>('recomputeDeadlines');
/** An administrator cancels the proposal. */
export const cancelUpdate = defineUpdate<CompleteTaskResult['proposal'], [ReasonedRequest]>('cancel');

/** Failure types raised by the completeTask validator; the api maps them to HTTP statuses. */
export const UpdateRejection = {
  TASK_NOT_FOUND: 'TaskNotFound',
  TASK_NOT_OPEN: 'TaskNotOpen',
  TASK_PAUSED: 'TaskPaused',
  NOT_CANDIDATE: 'NotCandidate',
  DECISION_NOT_ALLOWED: 'DecisionNotAllowed',
  FOUR_EYES: 'FourEyes',
  INVALID_INPUT: 'InvalidInput',
  NOT_WITHDRAWABLE: 'NotWithdrawable',
  NO_INCIDENT: 'NoIncident',
} as const;

// ---- Projection written by activities (idempotent by `key`) ----

export interface TaskProjection {
  id: string;
  kind: TaskKind;
  stage: Stage;
  candidateAgency: string;
  externalBody?: string;
  createdAt: string;
  dueAt: string;
  clockType: ClockType;
  clockLength: number;
  allowedDecisions: Decision[];
  round: number;
}

export interface AuditEntry {
  action: string;
  stage: Stage | null;
  actor: { id: string; name: string; type: 'USER' | 'SYSTEM' };
  payload: Record<string, unknown>;
}

export interface AgreementRegistration {
  /** The registry id (also the agreement workflow's id suffix); absent in histories from before it existed. */
  id?: string;
  signing: SigningRecord;
}

/** A signed AMEND / EXTEND / TERMINATE proposal changes a registered agreement (Law 70/2020 Art 33-34). */
export interface AgreementChange {
  agreementId: string;
  action: Exclude<AgreementAction, 'SIGN'>;
  signing: SigningRecord;
  termMonths?: number;
  proposalId: string;
  reference: string;
}

/**
 * An in-app notification for an agency's members (or its heads); recipients are resolved when it is projected.
 * Audience USER: the one member `userId` of `agencyCode` (the absent assignee told that a substitute decided).
 */
export interface NotificationDraft {
  kind:
    | 'TASK_OPENED'
    | 'TASK_REMINDER'
    | 'TASK_OVERDUE'
    | 'TASK_ESCALATED'
    | 'PROPOSAL_DECIDED'
    | 'AGREEMENT_EXPIRING'
    | 'AGREEMENT_EXPIRED'
    | 'PLAN_ITEM_OVERDUE'
    | 'PLAN_ITEM_ESCALATED'
    | 'REPORT_CYCLE_OPENED'
    | 'REPORT_CYCLE_READY'
    | 'TASK_COMPLETED_ON_BEHALF';
  taskId?: string;
  agencyCode: string;
  audience: 'AGENCY' | 'AGENCY_HEAD' | 'USER';
  /** With audience USER (absent from drafts of other audiences and from older histories). */
  userId?: string;
  params: Record<string, string | number>;
}

export interface Transition {
  /** Unique per workflow step: `${workflowId}/${seq}`; a retried activity applies it once. */
  key: string;
  seq: number;
  proposalId: string;
  workflowId: string;
  runId: string;
  at: string;
  status: ProposalStatus;
  stage: Stage | null;
  openTasks: TaskProjection[];
  /** onBehalfOf: the absent assignee a substitute decided for (absent otherwise, and in histories from before it existed). */
  completedTasks: {
    id: string;
    decision: Decision;
    comment?: string;
    attachmentIds?: string[];
    completedBy: string;
    completedAt: string;
    onBehalfOf?: { id: string; fullName: string };
  }[];
  cancelledTaskIds: string[];
  pausedTasks: { id: string; reason: string }[];
  resumedTasks: { id: string; dueAt: string }[];
  escalatedTaskIds: string[];
  /** New due dates after a calendar change (absent in histories from before it existed). */
  rescheduledTasks?: { id: string; dueAt: string }[];
  dossier?: { content: Record<string, unknown>; createdBy: string };
  agreement?: AgreementRegistration;
  agreementChange?: AgreementChange;
  /** The amended plan (and procedure) after the intake officer changed it; absent otherwise. */
  plan?: Plan;
  procedure?: 'STANDARD';
  audit: AuditEntry[];
  notifications: NotificationDraft[];
}

/**
 * What a projection applied, as its result. A local activity's history marker keeps its result but not its input, so
 * this is what the history says of each step (its audit actions and notifications): what an administrator reading the
 * history, and the replay corpus's checks, see (test/support/history-facts.ts).
 */
export interface AppliedTransition {
  key: string;
  status: ProposalStatus;
  stage: Stage | null;
  audit: { action: string }[];
  notifications: { kind: string }[];
}

export function appliedTransition(t: Transition): AppliedTransition {
  return {
    key: t.key,
    status: t.status,
    stage: t.stage,
    audit: t.audit.map((a) => ({ action: a.action })),
    notifications: t.notifications.map((n) => ({ kind: n.kind })),
  };
}

export interface ProposalActivities {
  /** Resolves to what it applied (also when a retry finds the step applied already). */
  applyTransition(transition: Transition): Promise<AppliedTransition>;
  /** Records that a step keeps failing on the same input and now waits for an administrator (docs/reliability.md). */
  openIncident(incident: IncidentOpening): Promise<void>;
  /** The step went through after an administrator's retry. */
  closeIncident(request: { incidentId: string; at: string }): Promise<void>;
}

// ---- Incidents: a poisoned step waits for an administrator instead of retrying for ever in silence ----

/** The failure type an activity throws (non-retryable) when its error will not go away by retrying alone. */
export const POISONED_STEP = 'PoisonedStep';

export interface IncidentOpening {
  id: string;
  workflowId: string;
  runId: string;
  proposalId: string;
  /** The transition key of the step (idempotency key of its projection). */
  stepKey: string;
  step: { seq: number; action: string; status: string; stage: string | null };
  activity: string;
  errorType: string;
  errorMessage: string;
  openedAt: string;
  /** How many administrator retries came before this incident (0 for the first). */
  retryCount: number;
}

/** An administrator asks the workflow to run the failed step again (after fixing the cause). */
export const retryIncidentUpdate = defineUpdate<
  { incidentId: string; retrying: boolean },
  [{ incidentId: string; actor: Actor; comment?: string }]
>('retryIncident');

// ---- Agreement lifecycle: one long-lived workflow per registered agreement ----

/** Without the province prefix: workflow code derives the prefix from its own id (inProvinceOf). */
export const agreementWorkflowIdSuffix = (agreementId: string): string => `agreement-${agreementId}`;
export const agreementWorkflowId = (province: string, agreementId: string): string =>
  withProvince(province, agreementWorkflowIdSuffix(agreementId));
/** Expiry reminders, days before the term ends (docs/domain.md: policy 180 and 60). */
export const DEFAULT_EXPIRY_REMINDER_DAYS = [180, 60];

export interface AgreementWorkflowInput {
  agreementId: string;
  reminderDays: number[];
  /** Reminders already sent for the current expiry date (carried across continueAsNew). */
  sent?: number[];
}

export interface AgreementSnapshot {
  status: 'IN_FORCE' | 'EXPIRED' | 'TERMINATED';
  signedOn: string;
  expiresOn: string | null;
  leadAgency: string;
  proposalId: string;
}

export interface AgreementEvent {
  key: string;
  agreementId: string;
  at: string;
  kind: 'EXPIRY_REMINDER' | 'EXPIRED';
  daysBefore?: number;
  expiresOn: string;
}

/** Sent by a proposal whose signing changed the agreement; the agreement workflow re-reads it. */
export const agreementChangedSignal = defineSignal<[AgreementChange]>('agreementChanged');
export const agreementStateQuery = defineQuery<AgreementSnapshot & { sent: number[] }>('agreementState');

export interface AgreementActivities {
  loadAgreement(agreementId: string): Promise<AgreementSnapshot | null>;
  applyAgreementEvent(event: AgreementEvent): Promise<void>;
}

// ---- Implementation plans: one follow-up workflow per imported plan ----

export const planWorkflowId = (province: string, planId: string): string => withProvince(province, `plan-${planId}`);

export interface PlanFollowUpInput {
  planId: string;
}

/** Sent by the api after a status update, so the follow-up re-reads the plan before its next due date. */
export const planItemsChangedSignal = defineSignal<[]>('planItemsChanged');

export interface PlanFollowUpResult {
  /** Items escalated by this pass (each once per overdue due date). */
  escalated: number;
  /** The next instant an item of the plan can become overdue (end of its due day), or null when none can. */
  nextCheckAt: string | null;
}

export interface PlanActivities {
  followUpPlan(request: { planId: string; at: string }): Promise<PlanFollowUpResult>;
}

// ---- Reporting cycles (docs/domain.md "Reporting cycles"): one workflow per cycle, started by a Schedule or an ADMIN ----

export const REPORT_CYCLE_SCHEDULE_PREFIX = 'report-cycle-';
/** One schedule per province and kind; the workflows it starts get its id plus the start time, so the prefix too. */
export const reportCycleScheduleId = (province: string, kind: ReportCycleKind): string =>
  withProvince(province, `${REPORT_CYCLE_SCHEDULE_PREFIX}${kind}`);
/** The schedule of `kind` from before provinces existed (deleted at worker start: the HT-prefixed one replaces it). */
export const legacyReportCycleScheduleId = (kind: ReportCycleKind): string => `${REPORT_CYCLE_SCHEDULE_PREFIX}${kind}`;
/**
 * A cycle opened by hand (at most 64 characters, like every workflow id the audit log keeps: 47 with the longest kind
 * and province code); scheduled runs get the schedule's id plus the start time.
 */
export const manualReportCycleWorkflowId = (province: string, kind: ReportCycleKind, year: number, cycleId: string): string =>
  withProvince(province, `report-cycle-${kind}-${year}-${cycleId.slice(0, 8)}`);
/** PERIODIC_REPORT tasks live in this stage name (proposal stages do not apply). */
export const REPORTING_STAGE = 'REPORTING';

export interface ReportCycleWorkflowInput {
  kind: ReportCycleKind;
  /** Absent when a Schedule starts the cycle: the year of the workflow's start (Hanoi). */
  year?: number;
  /** Given by the api when an administrator opens a cycle by hand, so it can answer with the id. */
  cycleId?: string;
  /** An administrator's due date instead of the policy's. */
  dueOn?: IsoDate;
  openedBy?: { id: string; fullName: string };
}

export interface OpenReportCycleRequest {
  cycleId: string;
  kind: ReportCycleKind;
  year: number;
  dueOn?: IsoDate;
  openedBy?: { id: string; fullName: string };
  workflowId: string;
  at: string;
}

/** What the cycle works with, read from the policy, the registry and the plans when it opens. */
export interface OpenedReportCycle {
  cycleId: string;
  title: string;
  openedOn: IsoDate;
  dueOn: IsoDate;
  periodFrom: IsoDate;
  periodTo: IsoDate;
  consolidator: string;
  reporters: { agencyCode: string; prefill: Record<string, unknown> }[];
}

export interface ReportTaskProjection {
  id: string;
  kind: 'PERIODIC_REPORT';
  stage: typeof REPORTING_STAGE;
  candidateAgency: string;
  createdAt: string;
  dueAt: string;
  clockType: ClockType;
  clockLength: number;
  allowedDecisions: Decision[];
  round: number;
  prefill: Record<string, unknown>;
}

export type ReportCycleStatus = 'OPEN' | 'CONSOLIDATED';

export interface ReportCycleTransition {
  key: string;
  seq: number;
  cycleId: string;
  workflowId: string;
  runId: string;
  at: string;
  status: ReportCycleStatus;
  openTasks: ReportTaskProjection[];
  completedTasks: Transition['completedTasks'];
  cancelledTaskIds: string[];
  escalatedTaskIds: string[];
  consolidatedBy?: string;
  audit: AuditEntry[];
  notifications: NotificationDraft[];
}

export interface ReportCycleState {
  cycleId: string | null;
  status: ReportCycleStatus | 'SKIPPED';
  openTaskIds: string[];
  submittedAgencies: string[];
}

export interface CompleteReportTaskResult {
  taskId: string;
  reportCycle: { id: string; status: ReportCycleStatus };
}

export interface ReportDocumentsResult {
  cycleId: string;
  documents: { format: 'docx' | 'xlsx'; sha256: string; bytes: number }[];
}

/** An agency submits its PERIODIC_REPORT (decision SUBMITTED). */
export const completeReportTaskUpdate = defineUpdate<CompleteReportTaskResult, [CompleteTaskRequest]>('completeReportTask');
/** The consolidating agency (HT-SNGV) closes the cycle; open reports are cancelled and listed as missing. */
export const consolidateReportCycleUpdate = defineUpdate<ReportCycleState, [{ actor: Actor }]>('consolidateReportCycle');
/** Returns once every projection the cycle has started is committed. */
export const syncReportCycleUpdate = defineUpdate<ReportCycleState, []>('syncReportCycle');
export const reportCycleStateQuery = defineQuery<ReportCycleState>('reportCycleState');

export interface ReportCycleActivities {
  /** Creates the cycle row (idempotent per workflow); null when a cycle of that kind and year exists already. */
  openReportCycle(request: OpenReportCycleRequest): Promise<OpenedReportCycle | null>;
  applyReportCycleTransition(transition: ReportCycleTransition): Promise<void>;
  /** Builds the consolidated report (DOCX and XLSX, Vietnamese) and stores it with the cycle. */
  generateReportDocuments(request: { cycleId: string; at: string }): Promise<ReportDocumentsResult>;
}

// ---- Commitments database (Res. 250/2025/QH15 Art 6): an idempotent sync run by a Schedule ----

/** Each province syncs its own agreements, on its own schedule. */
export const commitmentsSyncScheduleId = (province: string): string => withProvince(province, 'commitments-sync');
export const commitmentsSyncWorkflowId = (province: string): string => withProvince(province, 'commitments-sync');
/** The one schedule from before provinces existed (deleted at worker start). */
export const LEGACY_COMMITMENTS_SYNC_SCHEDULE_ID = 'commitments-sync';

export interface CommitmentVersion {
  agreementId: string;
  version: number;
}

export interface CommitmentDelivery extends CommitmentVersion {
  outcome: 'DELIVERED' | 'ALREADY_DELIVERED' | 'REJECTED';
}

export interface CommitmentsSyncActivities {
  /** Records a new version for every agreement whose record changed since its last version; returns all undelivered versions. */
  collectCommitmentVersions(): Promise<CommitmentVersion[]>;
  /** POSTs one version to the national endpoint (at most once successfully); throws to be retried with backoff. */
  deliverCommitmentVersion(version: CommitmentVersion): Promise<CommitmentDelivery>;
}

// ---- Commands to Temporal stored in the outbox (libs/persistence/src/outbox), sent by the api or the relay ----

/**
 * A command for Temporal, stored in the transaction that accepts it (transactional outbox, docs/reliability.md).
 * The api sends it at once; when the api dies first or Temporal is unreachable, the worker's relay sends it later.
 * Sending twice is harmless: a start uses the workflow id (REJECT_DUPLICATE), an Update its outbox id as Update id.
 */
export type OutboxCommand =
  | {
      kind: 'START_WORKFLOW';
      workflowType: string;
      workflowId: string;
      args: unknown[];
      /** Keyword search attributes set at start (dispatchCommand adds Province, from the workflow id). */
      searchAttributes: Record<string, string>;
    }
  | { kind: 'WORKFLOW_UPDATE'; workflowId: string; updateName: string; args: unknown[] };
