/** Shapes of the api's JSON (api-contract.md); only what the screens read. */

export interface Agency {
  code: string;
  name: string;
}

export interface User {
  id: string;
  email: string;
  fullName: string;
  agency: Agency | null;
  roles: string[];
}

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Clock {
  type: 'WORKING_DAYS' | 'CALENDAR_DAYS';
  length: number;
}

export interface PlannedTask {
  kind: string;
  candidateAgency: string;
  externalBody?: string;
  clock: Clock;
}

export interface Plan {
  policyVersion: string;
  stages: { stage: string; tasks: PlannedTask[] }[];
  gates?: { supplement?: Clock; revision?: Clock; pmConsent?: PlannedTask; postSigningReport?: Clock };
}

export type Sla = 'ON_TRACK' | 'DUE_SOON' | 'OVERDUE';

export interface Task {
  id: string;
  proposalId: string;
  proposalReference: string;
  proposalTitle: string;
  kind: string;
  stage: string;
  candidateAgency: Agency;
  externalBody?: string;
  assignee: { id: string; fullName: string } | null;
  status: 'OPEN' | 'COMPLETED' | 'CANCELLED';
  createdAt: string;
  dueAt: string;
  clock: Clock & { paused: boolean; reason?: string };
  sla: Sla;
  allowedDecisions: string[];
  decision?: string;
  comment?: string;
  completedAt?: string;
  completedBy?: { id: string; fullName: string };
}

export interface ProposalSummary {
  id: string;
  reference: string;
  kind: string;
  title: string;
  summary: string;
  status: string;
  stage: string | null;
  procedure: string;
  urgency: string;
  details: Record<string, unknown>;
  submittingAgency: Agency;
  submittedBy: { id: string; fullName: string };
  createdAt: string;
  updatedAt: string;
}

export interface AttachmentRef {
  id: string;
  filename: string;
  size?: number;
  sha256: string;
  mediaType?: string;
}

export interface DossierVersion {
  version: number;
  hash: string;
  content: { title: string; summary: string; details: Record<string, unknown>; attachmentIds?: string[] };
  attachments: AttachmentRef[] | null;
  createdAt: string;
  createdBy: { id: string; fullName: string };
}

export interface DecisionRecord {
  taskId: string;
  kind: string;
  stage: string;
  decision: string;
  comment: string | null;
  externalBody?: string;
  decidedBy?: { id: string; fullName: string };
  decidedAt?: string;
}

export interface ProposalDetail extends ProposalSummary {
  plan: Plan;
  policyVersion: string;
  workflowId: string;
  dossierVersions: DossierVersion[];
  tasks: Task[];
  decisions: DecisionRecord[];
}

export interface TimelineEvent {
  at: string;
  actor: { id: string; name: string; type: 'USER' | 'SYSTEM' };
  action: string;
  stage: string | null;
  details: Record<string, unknown> | null;
}

export interface Agreement {
  id: string;
  proposalId: string;
  proposalReference: string;
  number: string | null;
  title: string;
  country: string;
  status: string;
}

export interface AuditVerify {
  ok: boolean;
  checked: number;
  brokenAt?: number | string;
}

export interface AuditEvent {
  seq: number;
  at: string;
  actor: { id: string; name: string; type: string };
  action: string;
  proposalId: string | null;
  hash: string;
}

export interface WorkflowHistory {
  workflowId: string;
  runId: string;
  status?: string;
  events: { eventId: number; type: string; time: string | null; details: Record<string, unknown> }[];
}
