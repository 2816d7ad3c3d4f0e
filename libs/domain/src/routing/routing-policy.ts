import type { Clock, TaskKind } from '../tasks/task.types';
import type { RoutableProposal } from '../proposal/proposal.types';
import type { Plan, PlannedStage, PlannedTask, Stage } from './plan.types';

/** A rule on the proposal's fields; `field` is a path such as `details.touchesDefence` or `procedure`. */
export type Condition =
  | { field: string; equals: string | number | boolean }
  | { field: string; in: (string | number | boolean)[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export interface PolicyTask {
  kind: TaskKind;
  candidateAgency: string;
  externalBody?: string;
  clock: Clock;
  /** Clock under the shortened procedure (Law 70/2020 Art 35, 39). */
  shortenedClock?: Clock;
  when?: Condition;
}

export interface PolicyStage {
  stage: Stage;
  tasks: PolicyTask[];
  when?: Condition;
}

export interface PolicyRoute {
  name: string;
  when: Condition;
  stages: PolicyStage[];
}

/** Versioned routing policy: data an administrator can change, never code (domain.md). */
export interface RoutingPolicy {
  version: string;
  routes: PolicyRoute[];
  gates: {
    supplement: Clock;
    revision: Clock;
    pmConsent: PolicyTask;
    postSigningReport: Clock;
    /** Days before an agreement's term ends on which its lead agency is reminded (domain.md: 180 and 60). */
    expiryReminderDays?: number[];
  };
}

export class NoRouteError extends Error {
  constructor(readonly proposal: RoutableProposal) {
    super(`No route of the routing policy matches this proposal (kind ${proposal.kind})`);
  }
}

function valueAt(proposal: RoutableProposal, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => {
    if (value === null || typeof value !== 'object') return undefined;
    return (value as Record<string, unknown>)[key];
  }, proposal);
}

export function matches(condition: Condition | undefined, proposal: RoutableProposal): boolean {
  if (!condition) return true;
  if ('all' in condition) return condition.all.every((c) => matches(c, proposal));
  if ('any' in condition) return condition.any.some((c) => matches(c, proposal));
  if ('not' in condition) return !matches(condition.not, proposal);
  const value = valueAt(proposal, condition.field);
  if ('in' in condition) return condition.in.some((v) => v === value);
  return value === condition.equals;
}

function planTask(task: PolicyTask, proposal: RoutableProposal): PlannedTask {
  const clock = proposal.procedure === 'SHORTENED' && task.shortenedClock ? task.shortenedClock : task.clock;
  return {
    kind: task.kind,
    candidateAgency: task.candidateAgency,
    ...(task.externalBody ? { externalBody: task.externalBody } : {}),
    clock: { ...clock },
  };
}

/** Maps a proposal to its plan under the policy: the first matching route, its matching stages and tasks. */
export function computePlan(policy: RoutingPolicy, proposal: RoutableProposal): Plan {
  const route = policy.routes.find((r) => matches(r.when, proposal));
  if (!route) throw new NoRouteError(proposal);
  const stages: PlannedStage[] = route.stages
    .filter((s) => matches(s.when, proposal))
    .map((s) => ({ stage: s.stage, tasks: s.tasks.filter((t) => matches(t.when, proposal)).map((t) => planTask(t, proposal)) }))
    .filter((s) => s.tasks.length > 0);
  return {
    policyVersion: policy.version,
    stages,
    gates: {
      supplement: { ...policy.gates.supplement },
      revision: { ...policy.gates.revision },
      pmConsent: planTask(policy.gates.pmConsent, proposal),
      postSigningReport: { ...policy.gates.postSigningReport },
      ...(policy.gates.expiryReminderDays ? { expiryReminderDays: [...policy.gates.expiryReminderDays] } : {}),
    },
  };
}
