import { AGREEMENT_ACTIONS, PARTICIPATION_LEVELS, PROCEDURES, PROPOSAL_KINDS, SIGNING_LEVELS } from '../proposal/proposal.types';
import type { ProposalKind } from '../proposal/proposal.types';
import type { TaskKind } from '../tasks/task.types';
import { SUBMITTING_AGENCY, type Stage } from './plan.types';
import type { Condition, RoutingPolicy } from './routing-policy';

/**
 * Structural validation of a routing policy document (docs/domain.md "Routing policy (data, versioned)"): an
 * administrator publishes policies as data, so everything the planner and the engine rely on is checked here
 * before a version can be published. Pure: agency codes are checked for form only (the api checks they exist).
 */
export interface PolicyFieldError {
  /** Dotted path inside the document (`routes.0.stages.1.tasks.0.clock.length`); '' for the document itself. */
  field: string;
  message: string;
}

/** Longest clock a policy may set: ten years, like GET /calendar/deadline accepts. */
export const MAX_CLOCK_LENGTH = 3650;
/** Versions end up in proposal.policy_version varchar(32). */
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;
/** Agency codes end up in task.candidate_agency_code varchar(32). */
const AGENCY_CODE = /^[A-Z0-9][A-Z0-9_-]{0,31}$/;
/** External bodies end up in task.external_body varchar(16). */
const EXTERNAL_BODY = /^[A-Z][A-Z0-9_]{0,15}$/;
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
/** Nesting bound for conditions, so a hostile document cannot exhaust the stack. */
const MAX_CONDITION_DEPTH = 16;

/**
 * Which task kinds a planned stage may hold. The engine's behaviour depends on the kind (an APPROVE at DECISION
 * advances at once; SIGNED registers the agreement), so a kind outside its stage would misroute a proposal.
 * POST_SIGNING is opened by signing (gates.postSigningReport) and SUPPLEMENT, REVISION, PM_CONSENT by decisions:
 * they are gates, never planned stages.
 */
export const TASK_KINDS_OF_STAGE: Readonly<Partial<Record<Stage, readonly TaskKind[]>>> = {
  INTAKE: ['INTAKE_CHECK'],
  CONSULTATION: ['OPINION', 'EXTERNAL_OPINION'],
  ABSORPTION: ['ABSORPTION'],
  APPRAISAL: ['APPRAISAL'],
  DECISION: ['DECISION'],
  CENTRAL_DECISION: ['CENTRAL_DECISION'],
  SIGNING: ['SIGNING'],
};

/** Tasks by which HT-SNGV records a central body's written answer: they must name that body, others must not. */
const RECORDING_KINDS: readonly TaskKind[] = ['EXTERNAL_OPINION', 'PM_CONSENT', 'CENTRAL_DECISION'];

/** Fields a condition may read, and the values it may compare them with where the vocabulary is closed. */
const ROOT_FIELDS = ['kind', 'procedure', 'details'];
const KNOWN_VALUES: Record<string, readonly string[]> = {
  kind: PROPOSAL_KINDS,
  procedure: PROCEDURES,
  'details.level': SIGNING_LEVELS,
  'details.action': AGREEMENT_ACTIONS,
  'details.participationLevel': PARTICIPATION_LEVELS,
};

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
// Number.isFinite is false for anything that is not a number.
const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'boolean' || Number.isFinite(v);
const at = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key));

class Collector {
  readonly errors: PolicyFieldError[] = [];

  add(field: string, message: string): void {
    this.errors.push({ field, message });
  }

  /** Reports keys not in `allowed`; returns false when `value` is not an object at all. */
  object(value: unknown, path: string, allowed: readonly string[]): value is Json {
    if (!isObject(value)) {
      this.add(path, 'must be an object');
      return false;
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.add(at(path, key), `unknown property ${key} (allowed: ${allowed.join(', ')})`);
    }
    return true;
  }

  required(value: Json, path: string, key: string): boolean {
    if (value[key] === undefined) {
      this.add(at(path, key), `${key} is required`);
      return false;
    }
    return true;
  }

  nonEmptyArray(value: unknown, path: string): value is unknown[] {
    if (!Array.isArray(value)) {
      this.add(path, 'must be an array');
      return false;
    }
    if (value.length === 0) {
      this.add(path, 'must not be empty');
      // Stryker disable next-line BooleanLiteral: every caller only iterates the array, and an empty one adds nothing
      return false;
    }
    return true;
  }
}

/** A legal citation or "policy" (issue 13): short text, since it is shown in every plan. */
function validateBasis(c: Collector, value: unknown, path: string): void {
  if (typeof value !== 'string' || !value.trim() || value.length > 300)
    c.add(path, 'must be a legal citation or "policy", 1-300 characters');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function validateClock(c: Collector, value: unknown, path: string, opts: { basis?: boolean } = {}): void {
  if (!c.object(value, path, ['type', 'length', ...(opts.basis ? ['basis'] : [])])) return;
  if (value.basis !== undefined) validateBasis(c, value.basis, at(path, 'basis'));
  if (c.required(value, path, 'type') && value.type !== 'WORKING_DAYS' && value.type !== 'CALENDAR_DAYS') {
    c.add(at(path, 'type'), 'must be WORKING_DAYS or CALENDAR_DAYS');
  }
  if (c.required(value, path, 'length')) {
    // Anything but a whole number (text, a fraction, a list) is out of range.
    const length = Number.isInteger(value.length) ? (value.length as number) : 0;
    if (length < 1 || length > MAX_CLOCK_LENGTH) {
      c.add(at(path, 'length'), `must be an integer from 1 to ${MAX_CLOCK_LENGTH}`);
    }
  }
}

function validateCondition(c: Collector, value: unknown, path: string, depth = 0): void {
  if (!isObject(value)) {
    c.add(path, 'must be a condition object ({field, equals} | {field, in} | {all} | {any} | {not})');
    return;
  }
  if (depth > MAX_CONDITION_DEPTH) {
    c.add(path, `conditions may be nested at most ${MAX_CONDITION_DEPTH} deep`);
    return;
  }
  const keys = Object.keys(value);
  if ('field' in value) {
    const operator = keys.filter((k) => k === 'equals' || k === 'in' || k === 'contains');
    if (!c.object(value, path, ['field', 'equals', 'in', 'contains'])) return;
    const field = value.field;
    const validField = typeof field === 'string' && FIELD_PATH.test(field) && ROOT_FIELDS.includes(field.split('.')[0]!);
    if (!validField) c.add(at(path, 'field'), 'must be a field path: kind, procedure or details.<name>');
    if (operator.length !== 1) {
      c.add(path, 'a field condition needs exactly one of equals, in or contains');
      return;
    }
    const known = validField ? KNOWN_VALUES[field as string] : undefined;
    const checkValue = (v: unknown, p: string) => {
      if (!isScalar(v)) c.add(p, 'must be a string, number or boolean');
      else if (known && !known.includes(v as string)) c.add(p, `must be one of ${known.join(', ')}`);
    };
    if (operator[0] === 'equals') checkValue(value.equals, at(path, 'equals'));
    else if (operator[0] === 'contains') {
      // `contains` reads a list field (e.g. details.fields): its value is one element, not the list's own vocabulary.
      if (!isScalar(value.contains)) c.add(at(path, 'contains'), 'must be a string, number or boolean');
    } else if (c.nonEmptyArray(value.in, at(path, 'in'))) (value.in as unknown[]).forEach((v, i) => checkValue(v, at(at(path, 'in'), i)));
    return;
  }
  const combinator = keys.filter((k) => k === 'all' || k === 'any' || k === 'not');
  if (combinator.length !== 1) {
    c.object(value, path, ['field', 'equals', 'in', 'contains', 'all', 'any', 'not']);
    c.add(path, 'a condition needs field with equals or in, or exactly one of all, any, not');
    return;
  }
  const op = combinator[0]!;
  if (!c.object(value, path, [op])) return;
  if (op === 'not') return validateCondition(c, value.not, at(path, 'not'), depth + 1);
  const list = value[op];
  if (c.nonEmptyArray(list, at(path, op))) list.forEach((cond, i) => validateCondition(c, cond, at(at(path, op), i), depth + 1));
}

function validateTask(c: Collector, value: unknown, path: string, allowedKinds: readonly TaskKind[], opts: { gate?: boolean } = {}): void {
  const keys = ['kind', 'candidateAgency', 'externalBody', 'clock', 'shortenedClock', 'basis', ...(opts.gate ? [] : ['when'])];
  if (!c.object(value, path, keys)) return;
  let kind: TaskKind | undefined;
  if (c.required(value, path, 'kind')) {
    if (!allowedKinds.includes(value.kind as TaskKind)) {
      c.add(at(path, 'kind'), `must be ${allowedKinds.join(' or ')} here`);
    } else kind = value.kind as TaskKind;
  }
  if (c.required(value, path, 'candidateAgency')) {
    const agency = value.candidateAgency;
    // SUBMITTER has the form of an agency code (policy-validation-messages.spec.ts checks it stays accepted).
    if (typeof agency !== 'string' || !AGENCY_CODE.test(agency)) {
      c.add(at(path, 'candidateAgency'), `must be an agency code (e.g. HT-SNGV) or ${SUBMITTING_AGENCY}`);
    }
  }
  if (value.externalBody !== undefined) {
    if (typeof value.externalBody !== 'string' || !EXTERNAL_BODY.test(value.externalBody)) {
      c.add(at(path, 'externalBody'), 'must be the code of a central body (e.g. MOFA, MOF, PM, GOV)');
    } else if (kind && !RECORDING_KINDS.includes(kind)) {
      c.add(at(path, 'externalBody'), `only ${RECORDING_KINDS.join(', ')} tasks record a central body's answer`);
    }
  } else if (kind && RECORDING_KINDS.includes(kind)) {
    c.add(at(path, 'externalBody'), `a ${kind} task must name the central body whose answer it records`);
  }
  if (c.required(value, path, 'clock')) validateClock(c, value.clock, at(path, 'clock'));
  if (value.shortenedClock !== undefined) validateClock(c, value.shortenedClock, at(path, 'shortenedClock'));
  if (value.when !== undefined) validateCondition(c, value.when, at(path, 'when'));
  if (value.basis !== undefined) validateBasis(c, value.basis, at(path, 'basis'));
}

function validateStage(c: Collector, value: unknown, path: string): void {
  if (!c.object(value, path, ['stage', 'tasks', 'when'])) return;
  let allowedKinds: readonly TaskKind[] | undefined;
  if (c.required(value, path, 'stage')) {
    const stage = value.stage;
    // Own keys only: "constructor" or "toString" would otherwise find Object.prototype's members.
    allowedKinds = typeof stage === 'string' && Object.hasOwn(TASK_KINDS_OF_STAGE, stage) ? TASK_KINDS_OF_STAGE[stage as Stage] : undefined;
    if (!allowedKinds) c.add(at(path, 'stage'), `must be one of ${Object.keys(TASK_KINDS_OF_STAGE).join(', ')}`);
  }
  if (value.when !== undefined) validateCondition(c, value.when, at(path, 'when'));
  // Without a valid stage the kinds cannot be judged; the stage error says what is wrong.
  if (c.nonEmptyArray(value.tasks, at(path, 'tasks'))) {
    value.tasks.forEach((t, i) => validateTask(c, t, at(at(path, 'tasks'), i), allowedKinds ?? Object.values(TASK_KINDS_OF_STAGE).flat()));
  }
}

function validateRoute(c: Collector, value: unknown, path: string): void {
  if (!c.object(value, path, ['name', 'when', 'stages', 'basis', 'effectiveFrom', 'refuse', 'gates'])) return;
  if (value.basis !== undefined) validateBasis(c, value.basis, at(path, 'basis'));
  if (value.effectiveFrom !== undefined) {
    const d = value.effectiveFrom;
    const ok =
      typeof d === 'string' &&
      ISO_DATE.test(d) &&
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
      new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
    if (!ok) c.add(at(path, 'effectiveFrom'), 'must be a calendar date YYYY-MM-DD');
  }
  const refusing = value.refuse !== undefined;
  if (refusing && c.object(value.refuse, at(path, 'refuse'), ['message', 'field', 'basis'])) {
    const refuse = value.refuse as Json;
    if (typeof refuse.message !== 'string' || !refuse.message.trim() || refuse.message.length > 1000) {
      c.add(at(at(path, 'refuse'), 'message'), 'must be the message a refused submitter reads, 1-1000 characters');
    }
    if (refuse.field !== undefined && (typeof refuse.field !== 'string' || !FIELD_PATH.test(refuse.field)))
      c.add(at(at(path, 'refuse'), 'field'), 'must be a field path');
    if (refuse.basis !== undefined) validateBasis(c, refuse.basis, at(at(path, 'refuse'), 'basis'));
  }
  if (value.gates !== undefined && c.object(value.gates, at(path, 'gates'), ['pmConsent', 'postSigningReport'])) {
    const gates = value.gates as Json;
    if (gates.pmConsent !== undefined) validateTask(c, gates.pmConsent, at(at(path, 'gates'), 'pmConsent'), ['PM_CONSENT'], { gate: true });
    if (gates.postSigningReport !== undefined)
      validateClock(c, gates.postSigningReport, at(at(path, 'gates'), 'postSigningReport'), { basis: true });
  }
  if (c.required(value, path, 'name') && (typeof value.name !== 'string' || !value.name.trim() || value.name.length > 200)) {
    c.add(at(path, 'name'), 'must be a non-empty string of at most 200 characters');
  }
  if (c.required(value, path, 'when')) validateCondition(c, value.when, at(path, 'when'));
  // A refusing route plans nothing: its stages may be empty.
  if (refusing && Array.isArray(value.stages) && value.stages.length === 0) return;
  if (!c.nonEmptyArray(value.stages, at(path, 'stages'))) return;
  value.stages.forEach((s, i) => validateStage(c, s, at(at(path, 'stages'), i)));
  // A revision (NOT_CONFORMS, RETURN_FOR_REVISION) brings the proposal back to its stage by name, so these stages
  // may not repeat; alternatives belong in one stage as tasks with `when`. CONSULTATION may repeat (sequential
  // consultation, Decree 64/2021 Art 7).
  const seen = new Set<unknown>();
  value.stages.forEach((s, i) => {
    const name = isObject(s) ? s.stage : undefined;
    if ((name === 'APPRAISAL' || name === 'DECISION') && seen.has(name)) {
      c.add(
        at(at(at(path, 'stages'), i), 'stage'),
        `${name} may appear only once in a route (a revision returns to it by name); put alternative tasks with when in one stage`,
      );
    }
    seen.add(name);
  });
}

function validateGates(c: Collector, value: unknown, path: string): void {
  if (!c.object(value, path, ['supplement', 'revision', 'pmConsent', 'postSigningReport', 'expiryReminderDays', 'addedConsultee'])) return;
  for (const clock of ['supplement', 'revision', 'postSigningReport']) {
    if (c.required(value, path, clock)) validateClock(c, value[clock], at(path, clock), { basis: true });
  }
  const added = value.addedConsultee;
  if (added !== undefined && c.object(added, at(path, 'addedConsultee'), ['clock', 'shortenedClock', 'basis'])) {
    const a = added as Json;
    if (c.required(a, at(path, 'addedConsultee'), 'clock')) validateClock(c, a.clock, at(at(path, 'addedConsultee'), 'clock'));
    if (a.shortenedClock !== undefined) validateClock(c, a.shortenedClock, at(at(path, 'addedConsultee'), 'shortenedClock'));
    if (a.basis !== undefined) validateBasis(c, a.basis, at(at(path, 'addedConsultee'), 'basis'));
  }
  // Optional: days before an agreement's term ends on which its lead agency is reminded.
  const days = value.expiryReminderDays;
  if (days !== undefined) {
    const ok =
      Array.isArray(days) && days.length <= 10 && days.every((d) => Number.isInteger(d) && (d as number) >= 1 && (d as number) <= 3650);
    if (!ok)
      c.errors.push({
        field: at(path, 'expiryReminderDays'),
        message: 'expiryReminderDays must be a list of at most 10 whole numbers of days, 1-3650',
      });
  }
  // Optional since 2026.2: the gate belongs on the routes the law gives it to (routes.N.gates.pmConsent).
  if (value.pmConsent !== undefined) validateTask(c, value.pmConsent, at(path, 'pmConsent'), ['PM_CONSENT'], { gate: true });
}

/**
 * Kleene (three-valued) evaluation with only some fields known: true or false when the known fields decide,
 * undefined when the outcome depends on fields not given. Used to find which routes can apply to a kind.
 */
export function evaluatePartially(condition: Condition | undefined, known: Readonly<Record<string, unknown>>): boolean | undefined {
  if (!condition) return true;
  if ('all' in condition) {
    const results = condition.all.map((c) => evaluatePartially(c, known));
    if (results.includes(false)) return false;
    return results.every((r) => r === true) ? true : undefined;
  }
  if ('any' in condition) {
    const results = condition.any.map((c) => evaluatePartially(c, known));
    if (results.includes(true)) return true;
    return results.every((r) => r === false) ? false : undefined;
  }
  if ('not' in condition) {
    const result = evaluatePartially(condition.not, known);
    return result === undefined ? undefined : !result;
  }
  if (!(condition.field in known)) return undefined;
  const value = known[condition.field];
  if ('contains' in condition) return Array.isArray(value) ? value.includes(condition.contains) : false;
  return 'in' in condition ? condition.in.some((v) => v === value) : value === condition.equals;
}

/** Every proposal kind needs a route that can apply to it, or its submissions would have no plan. */
function validateCoverage(c: Collector, routes: { when: Condition }[]): void {
  const uncovered: ProposalKind[] = PROPOSAL_KINDS.filter((kind) => !routes.some((r) => evaluatePartially(r.when, { kind }) !== false));
  for (const kind of uncovered) c.add('routes', `no route can apply to proposals of kind ${kind}`);
}

/** Checks a routing policy document; returns one entry per problem, [] when the document may be published. */
export function validatePolicy(doc: unknown): PolicyFieldError[] {
  const c = new Collector();
  if (!c.object(doc, '', ['version', 'routes', 'gates'])) return c.errors;
  if (c.required(doc, '', 'version') && (typeof doc.version !== 'string' || !VERSION.test(doc.version))) {
    c.add('version', 'must be 1-32 characters: letters, digits, dot, hyphen or underscore, starting with a letter or digit');
  }
  if (c.nonEmptyArray(doc.routes, 'routes')) {
    doc.routes.forEach((r, i) => validateRoute(c, r, at('routes', i)));
    // Coverage is only meaningful once the routes' conditions are well-formed.
    if (!c.errors.some((e) => e.field.startsWith('routes'))) validateCoverage(c, doc.routes as { when: Condition }[]);
  }
  if (c.required(doc, '', 'gates')) validateGates(c, doc.gates, 'gates');
  return c.errors;
}

/**
 * Where a policy's tasks and gates lack a `basis` (issue 13: every planned task and gate says why it is there).
 * Not enforced on publication, so versions published before `basis` existed stay valid; the default policy must
 * have none missing (policy-validation.spec.ts).
 */
export function missingBasis(policy: RoutingPolicy): string[] {
  const out: string[] = [];
  policy.routes.forEach((r, i) => {
    if (r.refuse && !r.refuse.basis && !r.basis) out.push(`routes.${i}.refuse.basis`);
    r.stages.forEach((s, j) =>
      s.tasks.forEach((t, k) => {
        if (!t.basis?.trim()) out.push(`routes.${i}.stages.${j}.tasks.${k}.basis`);
      }),
    );
    if (r.gates?.pmConsent && !r.gates.pmConsent.basis) out.push(`routes.${i}.gates.pmConsent.basis`);
    if (r.gates?.postSigningReport && !r.gates.postSigningReport.basis) out.push(`routes.${i}.gates.postSigningReport.basis`);
  });
  for (const gate of ['supplement', 'revision', 'postSigningReport'] as const) {
    if (!policy.gates[gate].basis?.trim()) out.push(`gates.${gate}.basis`);
  }
  if (policy.gates.pmConsent && !policy.gates.pmConsent.basis) out.push('gates.pmConsent.basis');
  if (policy.gates.addedConsultee && !policy.gates.addedConsultee.basis) out.push('gates.addedConsultee.basis');
  return out;
}
