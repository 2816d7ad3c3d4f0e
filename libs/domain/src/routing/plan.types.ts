import type { Clock, TaskKind } from '../tasks/task.types';

/** Stages a proposal moves through; each maps to the proposal status shown while it is open. */
export const STAGES = [
  'INTAKE', 'CONSULTATION', 'ABSORPTION', 'APPRAISAL', 'DECISION', 'CENTRAL_DECISION', 'SIGNING', 'POST_SIGNING',
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
}

export interface PlannedStage {
  stage: Stage;
  tasks: PlannedTask[];
}

/** Tasks that open only on a branch, with their clocks. */
export interface PlannedGates {
  supplement: Clock;
  revision: Clock;
  pmConsent: PlannedTask;
  postSigningReport: Clock;
  /** Days before an agreement's term ends on which its lead agency is reminded (policy: 180 and 60). */
  expiryReminderDays?: number[];
}

/** What a proposal will go through: computed once at submission and never changed under it. */
export interface Plan {
  policyVersion: string;
  stages: PlannedStage[];
  gates: PlannedGates;
}
