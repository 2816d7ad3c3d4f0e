import type { Clock, TaskKind } from '../tasks/task.types';

/** Stages a proposal moves through; each maps to the proposal status shown while it is open. */
export const STAGES = [
  'INTAKE',
  'CONSULTATION',
  'ABSORPTION',
  'APPRAISAL',
  'DECISION',
  'CENTRAL_DECISION',
  'SIGNING',
  'POST_SIGNING',
] as const;
export type Stage = (typeof STAGES)[number];

/** The candidate agency `SUBMITTER` stands for the proposal's submitting agency. */
export const SUBMITTING_AGENCY = 'SUBMITTER';

export interface PlannedTask {
  kind: TaskKind;
  /** Agency code whose members may act, or SUBMITTING_AGENCY. */
  candidateAgency: string;
  /** Central body whose written answer the candidate records (MOFA, MND, MPS, MOF, PM, GOV). */
  externalBody?: string;
  clock: Clock;
  /** Why the task is there: the legal citation, or "policy" when the province chose it (issue 13). */
  basis?: string;
  /** Set on a consultee the intake officer added (INTAKE_CHECK `addConsultees`). */
  addedBy?: { id: string; fullName: string };
}

/** A gate's clock with the reason it exists. */
export type BasedClock = Clock & { basis?: string };

export interface PlannedStage {
  stage: Stage;
  tasks: PlannedTask[];
}

/** Tasks that open only on a branch, with their clocks. */
export interface PlannedGates {
  supplement: BasedClock;
  revision: BasedClock;
  /** Absent where the law gives no Prime Minister's consent gate (Law 70/2020 Art 19(4): provincial agreements only). */
  pmConsent?: PlannedTask;
  postSigningReport: BasedClock;
  /** Days before an agreement's term ends on which its lead agency is reminded (policy: 180 and 60). */
  expiryReminderDays?: number[];
  /** Clock of a consultee the intake officer adds (policy data; absent in plans made before version 2026.2). */
  addedConsultee?: BasedClock;
}

/** What a proposal will go through: computed once at submission and never changed under it. */
export interface Plan {
  policyVersion: string;
  stages: PlannedStage[];
  gates: PlannedGates;
  /** Changes the intake officer made when completing INTAKE_CHECK (added consultees, shortened procedure refused). */
  amendments?: PlanAmendment[];
}

/** A consultee the intake officer adds: an agency, or a central body whose answer HT-SNGV records. */
export interface AddedConsultee {
  agency: string;
  externalBody?: string;
}

export interface PlanAmendment {
  at: string;
  by: { id: string; fullName: string };
  comment?: string;
  addedConsultees?: AddedConsultee[];
  /** STANDARD when the intake officer refused the shortened procedure. */
  procedure?: 'STANDARD';
}
