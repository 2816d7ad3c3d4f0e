/**
 * Shapes of the api's JSON (docs/api.md); only what the screens read. The domain's vocabulary (stages, task kinds,
 * decisions, statuses, plans, the routing policy, calendar days) comes from libs/domain, the same source the api's
 * DTOs use; the types here are the web's view of the responses around it.
 */
import type { CalendarDay } from '@accord/domain/calendar/calendar.types';
import type { PlanItemStatus } from '@accord/domain/plans/plan-item-schedule';
import type { Procedure, ProposalKind, ProposalStatus, Urgency } from '@accord/domain/proposal/proposal.types';
import type { ReportCycleKind } from '@accord/domain/reporting/report-cycle-policy';
import type { Plan, Stage } from '@accord/domain/routing/plan.types';
import type { Condition, PolicyTask, RoutingPolicy } from '@accord/domain/routing/routing-policy';
import type { Clock, Decision, Sla, TaskKind, TaskStatus } from '@accord/domain/tasks/task.types';

export type { BasedClock, Plan, PlanAmendment, PlannedTask, Stage } from '@accord/domain/routing/plan.types';
export type { CalendarDay, Clock, Decision, PlanItemStatus, PolicyTask, Sla, TaskKind, TaskStatus };

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
  /** A province code (`PLATFORM` for a platform administrator) and its name. */
  province?: string;
  provinceName?: string | null;
}

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  /** The api's error code (docs/api.md, "Error codes"), which the web app translates; absent on a network failure. */
  code?: string;
  detail: string;
  errors?: FieldError[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Task {
  id: string;
  proposalId: string;
  proposalReference: string;
  proposalTitle: string;
  kind: TaskKind;
  stage: Stage;
  candidateAgency: Agency;
  externalBody?: string;
  assignee: { id: string; fullName: string } | null;
  status: TaskStatus;
  createdAt: string;
  dueAt: string;
  clock: Clock & { paused: boolean; reason?: string };
  sla: Sla;
  allowedDecisions: Decision[];
  decision?: Decision;
  comment?: string;
  completedAt?: string;
  completedBy?: { id: string; fullName: string };
  /** The absent assignee a substitute completed the task for. */
  completedOnBehalfOf?: { id: string; fullName: string };
}

export interface ProposalSummary {
  id: string;
  reference: string;
  kind: ProposalKind;
  title: string;
  summary: string;
  status: ProposalStatus;
  stage: Stage | null;
  procedure: Procedure;
  /** Why the shortened procedure was asked for (with SHORTENED). */
  shortenedReason?: string;
  urgency: Urgency;
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
  kind: TaskKind;
  stage: Stage;
  decision: Decision;
  comment: string | null;
  externalBody?: string;
  decidedBy?: { id: string; fullName: string };
  decidedAt?: string;
  onBehalfOf?: { id: string; fullName: string };
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
  stage: Stage | null;
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
  /** The latest signed checkpoint of the chain's head, checked against the database; null before the first one. */
  checkpoint?: { seq: number; at: string; ok: boolean; reason?: string } | null;
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

/** GET /admin/stats. */
export interface AdminStats {
  byStatus: Record<string, number>;
  byStage: Record<string, number>;
  overdueTasks: number;
  overdueByAgency: Record<string, number>;
  /** Agency names by code (an agency created by a plan import has no catalog label). */
  agencyNames?: Record<string, string>;
  medianWorkingDaysPerStage: Record<string, number | null>;
  slaCompliance: { completed: number; onTime: number; rate: number | null };
  /** By month of completion in Viet Nam (YYYY-MM), ascending and gapless; rate null for a month without completed tasks. */
  slaComplianceByMonth: { month: string; completed: number; onTime: number; rate: number | null }[];
  slaComplianceByStage: Record<string, { completed: number; onTime: number; rate: number | null }>;
  generatedAt: string;
}

export type PolicyCondition = Condition;

/** GET /policies/current. */
export interface PolicyVersion {
  version: string;
  publishedAt: string | null;
  note: string | null;
  document: RoutingPolicy;
}

export interface PlanAgency {
  code: string;
  name: string;
  group: boolean;
}

export interface PlanItemUpdate {
  id: string;
  status: PlanItemStatus;
  note: string;
  by: { id: string; fullName: string };
  agency: Agency | null;
  at: string;
}

export interface PlanItem {
  id: string;
  planId: string;
  no: number;
  task: string;
  lead: PlanAgency;
  coordinators: PlanAgency[];
  timeFrame: string;
  recurrence: string | null;
  dueOn: string | null;
  output: string | null;
  status: PlanItemStatus;
  overdue: boolean;
  escalated: boolean;
  updates: PlanItemUpdate[];
}

export interface PlanSummary {
  id: string;
  title: string;
  source: string | null;
  createdAt: string;
  summary: { items: number; byStatus: Record<string, number>; byLead: Record<string, number>; overdue: number };
}

export interface PlanDetail extends PlanSummary {
  items: PlanItem[];
}

export interface ReportCycle {
  id: string;
  kind: ReportCycleKind;
  year: number;
  title: string;
  period: { from: string; to: string };
  openedOn: string;
  dueOn: string;
  status: string;
  consolidator: Agency;
  consolidatedAt: string | null;
  progress: { total: number; submitted: number; open: number; overdue: number; cancelled: number };
}

export interface ReportCycleDetail extends ReportCycle {
  reports: {
    agency: Agency;
    taskId: string;
    status: 'SUBMITTED' | 'OPEN' | 'MISSING';
    sla: Sla;
    dueAt: string;
    submittedAt: string | null;
    submittedBy: { fullName: string } | null;
    late: boolean;
  }[];
  documents: { format: string; sha256: string; bytes: number; generatedAt: string }[];
  /** The consolidated cycle's official REPORT (issued, rendered and signed like a decision). */
  officialDocuments?: OfficialDocument[];
}

/** GET /notifications item; `message` is in the language asked for. */
export interface AppNotification {
  id: string;
  kind: string;
  message: string;
  proposal: { id: string; reference: string | null; title: string | null } | null;
  taskId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage extends Page<AppNotification> {
  unread: number;
}

/** One entry of the users directory (GET /users): the colleagues a person may pick by name. */
export interface DirectoryUser {
  id: string;
  fullName: string;
  email: string;
  agency: Agency | null;
  roles: string[];
}

/** GET /admin/incidents: a workflow step waiting for an administrator (docs/reliability.md). */
export interface Incident {
  id: string;
  status: 'OPEN' | 'RETRYING' | 'RESOLVED';
  proposal: { id: string; reference: string; title: string } | null;
  step: { key: string; seq: number; action: string; status: string; stage: string | null };
  activity: string;
  error: { type: string; message: string };
  openedAt: string;
  retryCount: number;
  lastRetryAt: string | null;
  resolvedAt: string | null;
  resolution: string | null;
}

/** An official document of Decree 30/2020/NĐ-CP (GET /documents/:id, GET /proposals/:id/documents). */
export interface OfficialDocument {
  id: string;
  proposalId: string | null;
  reportCycleId: string | null;
  type: 'DECISION' | 'OFFICIAL_LETTER' | 'REPORT' | 'POST_SIGNING_REPORT';
  issuer: { code: string; name: string };
  number: number | null;
  notation: string;
  /** Số, ký hiệu ("15/QĐ-UBND"): null until issued. */
  codeNumber: string | null;
  place: string;
  issuedOn: string | null;
  /** Trích yếu. */
  subject: string;
  body: string;
  signer: { name: string; title: string | null; authority: string | null } | null;
  recipients: string[];
  priority: string;
  status: 'DRAFT' | 'ISSUED' | 'SIGNED';
  sha256: string | null;
  signature?: { subject: string; issuer: string; serial: string; signedAt: string; chainTrusted: boolean };
  createdAt: string;
  issuedAt: string | null;
}

/** One line of an outgoing-document register (sổ đăng ký văn bản đi). */
export interface RegisterEntry {
  number: number;
  codeNumber: string;
  issuedOn: string;
  type: OfficialDocument['type'];
  subject: string;
  signerName: string | null;
  recipients: string[];
  documentId: string;
  proposalId: string | null;
  status: 'ISSUED' | 'SIGNED';
}

export interface DocumentRegister {
  agency: { code: string; name: string };
  year: number;
  items: RegisterEntry[];
}

export type IncomingStatus = 'RECEIVED' | 'ACCEPTED' | 'REJECTED';

/** A document another organ sent as an edXML package (văn bản đến). */
export interface IncomingDocument {
  id: string;
  recipient: { code: string; name: string };
  from: { organId: string; organName: string };
  edxmlDocumentId: string;
  codeNumber: string;
  promulgationDate: string;
  place: string;
  documentType: string;
  subject: string;
  signerName: string;
  priority: string;
  dueDate: string | null;
  attachments: { name: string; contentType: string; sha256: string; size: number }[];
  packageSha256: string;
  linkedDocumentId: string | null;
  proposalId: string | null;
  status: IncomingStatus;
  statusReason: string | null;
  statusAt: string | null;
  statusBy: { id: string; name: string | null } | null;
  receivedAt: string;
}
