/**
 * The one contracts module (style.md): workflow ids, task queue, Updates/Queries and their payloads,
 * shared by api, worker and workflows. Imports only @temporalio/workflow (safe in the sandbox) and types.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AgreementAction, CalendarDay, ClockType, Decision, Plan, ProposalKind, ProposalStatus, Stage, TaskKind } from '../../domain/src';

export const TASK_QUEUE = 'accord-proposals';
export const proposalWorkflowId = (proposalId: string): string => `proposal-${proposalId}`;

/** Search attributes registered on the Temporal server (architecture.md). */
export const SEARCH_ATTRIBUTES = ['ProposalKind', 'ProposalStatus', 'Stage', 'SubmittingAgency'] as const;

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
}

export interface CompleteTaskResult {
  taskId: string;
  proposal: { id: string; status: ProposalStatus };
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
export const recomputeDeadlinesUpdate = defineUpdate<{ id: string; rescheduled: number }, [{ calendar: CalendarDay[]; reason: string; actor: Actor }]>('recomputeDeadlines');
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
  actor: { id: string; name: string; type: 'USER' | 'SYSTEM' } ;
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

/** An in-app notification for an agency's members (or its heads); recipients are resolved when it is projected. */
export interface NotificationDraft {
  kind: 'TASK_OPENED' | 'TASK_REMINDER' | 'TASK_OVERDUE' | 'TASK_ESCALATED' | 'PROPOSAL_DECIDED' | 'AGREEMENT_EXPIRING' | 'AGREEMENT_EXPIRED';
  taskId?: string;
  agencyCode: string;
  audience: 'AGENCY' | 'AGENCY_HEAD';
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
  completedTasks: { id: string; decision: Decision; comment?: string; attachmentIds?: string[]; completedBy: string; completedAt: string }[];
  cancelledTaskIds: string[];
  pausedTasks: { id: string; reason: string }[];
  resumedTasks: { id: string; dueAt: string }[];
  escalatedTaskIds: string[];
  /** New due dates after a calendar change (absent in histories from before it existed). */
  rescheduledTasks?: { id: string; dueAt: string }[];
  dossier?: { content: Record<string, unknown>; createdBy: string };
  agreement?: AgreementRegistration;
  agreementChange?: AgreementChange;
  audit: AuditEntry[];
  notifications: NotificationDraft[];
}

export interface ProposalActivities {
  applyTransition(transition: Transition): Promise<void>;
}

// ---- Agreement lifecycle: one long-lived workflow per registered agreement ----

export const agreementWorkflowId = (agreementId: string): string => `agreement-${agreementId}`;
/** Expiry reminders, days before the term ends (domain.md: policy 180 and 60). */
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
