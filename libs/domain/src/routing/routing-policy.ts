import type { Clock, TaskKind } from '../tasks/task.types';
import type { RoutableProposal } from '../proposal/proposal.types';
import type { AddedConsultee, BasedClock, Plan, PlanAmendment, PlannedStage, PlannedTask, Stage } from './plan.types';

/**
 * A rule on the proposal's fields; `field` is a path such as `details.touchesDefence` or `procedure`.
 * `contains` holds when the field is a list with that value (e.g. `details.fields` contains `DEFENCE`).
 */
export type Condition =
  | { field: string; equals: string | number | boolean }
  | { field: string; in: (string | number | boolean)[] }
  | { field: string; contains: string | number | boolean }
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
  /** The legal citation the task rests on, or "policy" (issue 13: every task and gate carries one). */
  basis?: string;
}

export interface PolicyStage {
  stage: Stage;
  tasks: PolicyTask[];
  when?: Condition;
}

export interface PolicyRoute {
  name: string;
  when: Condition;
  /** Empty only on a refusing route. */
  stages: PolicyStage[];
  /** Why the route exists, e.g. "Law 70/2020 Art 19". */
  basis?: string;
  /** First day (YYYY-MM-DD, Vietnam) the route may be used; before it submission and preview are refused. */
  effectiveFrom?: string;
  /** A route that matches but is not handled by the province: submission is refused with this message (400). */
  refuse?: { message: string; field?: string; basis?: string };
  /** Gates that differ on this route: `pmConsent` only where the law gives it, the post-signing report its own clock. */
  gates?: { pmConsent?: PolicyTask; postSigningReport?: BasedClock };
}

/** Versioned routing policy: data an administrator can change, never code (docs/domain.md). */
export interface RoutingPolicy {
  version: string;
  routes: PolicyRoute[];
  gates: {
    supplement: BasedClock;
    revision: BasedClock;
    /** Version 2026.1 had it here for every route; later versions put it on the routes the law gives it to. */
    pmConsent?: PolicyTask;
    postSigningReport: BasedClock;
    /** Clock of a consultee the intake officer adds (absent: 7 working days, 3 under the shortened procedure). */
    addedConsultee?: { clock: Clock; shortenedClock?: Clock; basis?: string };
    /** Days before an agreement's term ends on which its lead agency is reminded (docs/domain.md: 180 and 60). */
    expiryReminderDays?: number[];
  };
}

export class NoRouteError extends Error {
  constructor(readonly proposal: RoutableProposal) {
    super(`No route of the routing policy matches this proposal (kind ${proposal.kind})`);
  }
}

/** The matching route is not handled by the province (e.g. a ministry's own participation, Res. 250 Art 5). */
export class RouteRefusedError extends Error {
  constructor(
    readonly route: PolicyRoute,
    readonly field: string,
  ) {
    super(route.refuse!.message);
  }
}

/** The matching route is not in force yet (its `effectiveFrom` is after today). */
export class RouteNotInForceError extends Error {
  constructor(
    readonly route: PolicyRoute,
    readonly effectiveFrom: string,
  ) {
    super(`The route "${route.name}" applies from ${effectiveFrom}; it cannot be used before that day`);
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
  if ('contains' in condition) return Array.isArray(value) && value.includes(condition.contains);
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
    ...(task.basis ? { basis: task.basis } : {}),
  };
}

const copyClock = (c: BasedClock): BasedClock => ({ ...c });

/**
 * Maps a proposal to its plan under the policy: the first matching route, its matching stages and tasks.
 * With `today` (YYYY-MM-DD) a route whose `effectiveFrom` is later is refused (RouteNotInForceError).
 */
export function computePlan(policy: RoutingPolicy, proposal: RoutableProposal, opts: { today?: string } = {}): Plan {
  const route = policy.routes.find((r) => matches(r.when, proposal));
  if (!route) throw new NoRouteError(proposal);
  if (route.refuse) throw new RouteRefusedError(route, route.refuse.field ?? 'details');
  if (route.effectiveFrom && opts.today && opts.today < route.effectiveFrom) throw new RouteNotInForceError(route, route.effectiveFrom);
  const pmConsent = route.gates?.pmConsent ?? policy.gates.pmConsent;
  const added = policy.gates.addedConsultee;
  const stages: PlannedStage[] = route.stages
    .filter((s) => matches(s.when, proposal))
    .map((s) => ({ stage: s.stage, tasks: s.tasks.filter((t) => matches(t.when, proposal)).map((t) => planTask(t, proposal)) }))
    .filter((s) => s.tasks.length > 0);
  return {
    policyVersion: policy.version,
    stages,
    gates: {
      supplement: copyClock(policy.gates.supplement),
      revision: copyClock(policy.gates.revision),
      ...(pmConsent ? { pmConsent: planTask(pmConsent, proposal) } : {}),
      postSigningReport: copyClock(route.gates?.postSigningReport ?? policy.gates.postSigningReport),
      ...(policy.gates.expiryReminderDays ? { expiryReminderDays: [...policy.gates.expiryReminderDays] } : {}),
      ...(added
        ? {
            addedConsultee: {
              ...(proposal.procedure === 'SHORTENED' && added.shortenedClock ? added.shortenedClock : added.clock),
              ...(added.basis ? { basis: added.basis } : {}),
            },
          }
        : {}),
    },
  };
}

/** Central bodies whose written answers the province's SNGV records (the codes EXTERNAL_OPINION tasks use). */
export const CONSULTED_CENTRAL_BODIES = ['MND', 'MPS', 'MOF', 'MOFA'] as const;
/** A consultee already in the plan's consultation, or added twice: refused, so nobody is asked twice. */
export class DuplicateConsulteeError extends Error {
  constructor(
    readonly index: number,
    consultee: AddedConsultee,
  ) {
    super(`${consultee.externalBody ?? consultee.agency} is already consulted on this proposal`);
  }
}

/**
 * The plan after the intake officer completed INTAKE_CHECK (docs/api.md "Routing corrections"): `base` is the
 * plan to amend (the stored one, or the plan recomputed under the STANDARD procedure when a shortened request is
 * refused); added consultees join the first CONSULTATION stage (a new one after intake when the route has none),
 * each with `addedBy` and the clock of `gates.addedConsultee` (7 / 3 working days when the plan has none).
 * Pure; throws DuplicateConsulteeError.
 */
export function amendPlan(base: Plan, amendment: PlanAmendment, procedure: 'STANDARD' | 'SHORTENED'): Plan {
  const plan: Plan = JSON.parse(JSON.stringify(base));
  const added = amendment.addedConsultees ?? [];
  if (added.length) {
    let stage = plan.stages.find((s) => s.stage === 'CONSULTATION');
    if (!stage) {
      stage = { stage: 'CONSULTATION', tasks: [] };
      plan.stages.splice(plan.stages[0]?.stage === 'INTAKE' ? 1 : 0, 0, stage);
    }
    const fallback: Clock = { type: 'WORKING_DAYS', length: procedure === 'SHORTENED' ? 3 : 7 };
    const { basis: _basis, ...clock } = plan.gates.addedConsultee ?? { ...fallback, basis: undefined };
    // Stryker disable next-line MethodExpression,ConditionalExpression: equivalent (.filter dropped, or always true): only CONSULTATION stages hold OPINION and EXTERNAL_OPINION tasks (TASK_KINDS_OF_STAGE), so other stages add no duplicate.
    const consulted = plan.stages.filter((s) => s.stage === 'CONSULTATION').flatMap((s) => s.tasks);
    added.forEach((c, i) => {
      const task: PlannedTask = c.externalBody
        ? { kind: 'EXTERNAL_OPINION', candidateAgency: c.agency, externalBody: c.externalBody, clock: { ...clock } }
        : { kind: 'OPINION', candidateAgency: c.agency, clock: { ...clock } };
      // The kind need not be compared: an EXTERNAL_OPINION names its body and an OPINION never does (validatePolicy).
      if (consulted.some((t) => t.candidateAgency === task.candidateAgency && t.externalBody === task.externalBody)) {
        throw new DuplicateConsulteeError(i, c);
      }
      const placed = { ...task, basis: 'added at intake (INTAKE_CHECK addConsultees)', addedBy: amendment.by };
      stage!.tasks.push(placed);
      consulted.push(placed);
    });
  }
  plan.amendments = [...(base.amendments ?? []), amendment];
  return plan;
}
