/** Task kinds and decisions (docs/api.md "Tasks"). */

export const TASK_KINDS = [
  'INTAKE_CHECK',
  'OPINION',
  'EXTERNAL_OPINION',
  'SUPPLEMENT',
  'REVISION',
  'ABSORPTION',
  'APPRAISAL',
  'DECISION',
  'PM_CONSENT',
  'CENTRAL_DECISION',
  'SIGNING',
  'POST_SIGNING_REPORT',
  'PERIODIC_REPORT',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const DECISIONS = [
  'COMPLETE',
  'REQUEST_SUPPLEMENT',
  'AGREE',
  'AGREE_WITH_COMMENTS',
  'DISAGREE',
  'RESUBMIT',
  'WITHDRAW',
  'SUBMIT',
  'CONFORMS',
  'NOT_CONFORMS',
  'APPROVE',
  'REJECT',
  'RETURN_FOR_REVISION',
  'CONSENT',
  'REFUSE',
  'SIGNED',
  'ABANDONED',
  'SUBMITTED',
] as const;
export type Decision = (typeof DECISIONS)[number];

export const ALLOWED_DECISIONS: Record<TaskKind, readonly Decision[]> = {
  INTAKE_CHECK: ['COMPLETE', 'REQUEST_SUPPLEMENT'],
  OPINION: ['AGREE', 'AGREE_WITH_COMMENTS', 'DISAGREE', 'REQUEST_SUPPLEMENT'],
  EXTERNAL_OPINION: ['AGREE', 'AGREE_WITH_COMMENTS', 'DISAGREE'],
  SUPPLEMENT: ['RESUBMIT', 'WITHDRAW'],
  REVISION: ['RESUBMIT', 'WITHDRAW'],
  ABSORPTION: ['SUBMIT'],
  APPRAISAL: ['CONFORMS', 'NOT_CONFORMS', 'REQUEST_SUPPLEMENT'],
  DECISION: ['APPROVE', 'REJECT', 'RETURN_FOR_REVISION'],
  PM_CONSENT: ['CONSENT', 'REFUSE'],
  CENTRAL_DECISION: ['APPROVE', 'REJECT'],
  SIGNING: ['SIGNED', 'ABANDONED'],
  POST_SIGNING_REPORT: ['SUBMITTED'],
  PERIODIC_REPORT: ['SUBMITTED'],
};

/** Review stages for four-eyes: the submitting agency never decides them, one person decides at most one. */
export const REVIEW_TASK_KINDS: readonly TaskKind[] = ['OPINION', 'APPRAISAL', 'DECISION'];

export type TaskStatus = 'OPEN' | 'COMPLETED' | 'CANCELLED';
export type ClockType = 'WORKING_DAYS' | 'CALENDAR_DAYS';
export type Sla = 'ON_TRACK' | 'DUE_SOON' | 'OVERDUE';

export interface Clock {
  type: ClockType;
  length: number;
}

/** Fraction of a clock after which a task counts as due soon (the 80 % reminder, docs/domain.md). */
export const DUE_SOON_FRACTION = 0.8;

/** SLA at read time: OVERDUE past dueAt, DUE_SOON past 80 % of the clock, else ON_TRACK. */
export function slaAt(now: Date, createdAt: Date, dueAt: Date): Sla {
  if (now.getTime() > dueAt.getTime()) return 'OVERDUE';
  const total = dueAt.getTime() - createdAt.getTime();
  if (total <= 0) return 'DUE_SOON';
  return (now.getTime() - createdAt.getTime()) / total >= DUE_SOON_FRACTION ? 'DUE_SOON' : 'ON_TRACK';
}
