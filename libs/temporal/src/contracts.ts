/**
 * The one contracts module (style.md): workflow ids, task queue, Updates/Queries and their payloads,
 * shared by api, worker and workflows. Imports only @temporalio/workflow (safe in the sandbox) and types.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { CalendarDay, ClockType, Decision, Plan, ProposalKind, ProposalStatus, Stage, TaskKind } from '../../domain/src';

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

/** Failure types raised by the completeTask validator; the api maps them to HTTP statuses. */
export const UpdateRejection = {
  TASK_NOT_FOUND: 'TaskNotFound',
  TASK_NOT_OPEN: 'TaskNotOpen',
  TASK_PAUSED: 'TaskPaused',
  NOT_CANDIDATE: 'NotCandidate',
  DECISION_NOT_ALLOWED: 'DecisionNotAllowed',
  FOUR_EYES: 'FourEyes',
  INVALID_INPUT: 'InvalidInput',
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
  signing: SigningRecord;
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
  dossier?: { content: Record<string, unknown>; createdBy: string };
  agreement?: AgreementRegistration;
  audit: AuditEntry[];
}

export interface ProposalActivities {
  applyTransition(transition: Transition): Promise<void>;
}
