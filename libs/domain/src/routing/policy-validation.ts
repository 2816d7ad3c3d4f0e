import { AGREEMENT_ACTIONS, PARTICIPATION_LEVELS, PROCEDURES, PROPOSAL_KINDS, SIGNING_LEVELS } from '../proposal/proposal.types';
import type { ProposalKind } from '../proposal/proposal.types';
import type { TaskKind } from '../tasks/task.types';
import { SUBMITTING_AGENCY, type Stage } from './plan.types';
import type { Condition } from './routing-policy';

/**
 * Structural validation of a routing policy document (domain.md "Routing policy (data, versioned)"): an
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
const isScalar = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));
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
      return false;
    }
    return true;
  }
}

function validateClock(c: Collector, value: unknown, path: string): void {
  if (!c.object(value, path, ['type', 'length'])) return;
  if (c.required(value, path, 'type') && value.type !== 'WORKING_DAYS' && value.type !== 'CALENDAR_DAYS') {
    c.add(at(path, 'type'), 'must be WORKING_DAYS or CALENDAR_DAYS');
  }
  if (c.required(value, path, 'length')) {
    const length = value.length;
    if (typeof length !== 'number' || !Number.isInteger(length) || length < 1 || length > MAX_CLOCK_LENGTH) {
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
    const operator = keys.filter((k) => k === 'equals' || k === 'in');
    if (!c.object(value, path, ['field', 'equals', 'in'])) return;
    const field = value.field;
    const validField = typeof field === 'string' && FIELD_PATH.test(field) && ROOT_FIELDS.includes(field.split('.')[0]!);
    if (!validField) c.add(at(path, 'field'), 'must be a field path: kind, procedure or details.<name>');
    if (operator.length !== 1) {
      c.add(path, 'a field condition needs exactly one of equals or in');
      return;
    }
    const known = validField ? KNOWN_VALUES[field as string] : undefined;
    const checkValue = (v: unknown, p: string) => {
      if (!isScalar(v)) c.add(p, 'must be a string, number or boolean');
      else if (known && !known.includes(v as string)) c.add(p, `must be one of ${known.join(', ')}`);
    };
    if (operator[0] === 'equals') checkValue(value.equals, at(path, 'equals'));
    else if (c.nonEmptyArray(value.in, at(path, 'in'))) (value.in as unknown[]).forEach((v, i) => checkValue(v, at(at(path, 'in'), i)));
    return;
  }
  const combinator = keys.filter((k) => k === 'all' || k === 'any' || k === 'not');
  if (combinator.length !== 1) {
    c.object(value, path, ['field', 'equals', 'in', 'all', 'any', 'not']);
    c.add(path, 'a condition needs field with equals or in, or exactly one of all, any, not');
    return;
  }
  const op = combinator[0]!;
  if (!c.object(value, path, [op])) return;
  if (op === 'not') return validateCondition(c, value.not, at(path, 'not'), depth + 1);
  const list = value[op];
  if (c.nonEmptyArray(list, at(path, op))) list.forEach((cond, i) => validateCondition(c, cond, at(at(path, op), i), depth + 1));
}

function validateTask(c: Collector, value: unknown, path: string, allowedKinds: readonly TaskKind[] | undefined, opts: { gate?: boolean } = {}): void {
  const keys = ['kind', 'candidateAgency', 'externalBody', 'clock', 'shortenedClock', ...(opts.gate ? [] : ['when'])];
  if (!c.object(value, path, keys)) return;
  let kind: TaskKind | undefined;
  if (c.required(value, path, 'kind')) {
    if (typeof value.kind !== 'string' || !allowedKinds?.includes(value.kind as TaskKind)) {
      c.add(at(path, 'kind'), allowedKinds?.length ? `must be ${allowedKinds.join(' or ')} here` : 'no task kind belongs in this stage');
    } else kind = value.kind as TaskKind;
  }
  if (c.required(value, path, 'candidateAgency')) {
    const agency = value.candidateAgency;
    if (typeof agency !== 'string' || (agency !== SUBMITTING_AGENCY && !AGENCY_CODE.test(agency))) {
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
}

function validateStage(c: Collector, value: unknown, path: string): void {
  if (!c.object(value, path, ['stage', 'tasks', 'when'])) return;
  let allowedKinds: readonly TaskKind[] | undefined;
  if (c.required(value, path, 'stage')) {
    allowedKinds = typeof value.stage === 'string' ? TASK_KINDS_OF_STAGE[value.stage as Stage] : undefined;
    if (!allowedKinds) c.add(at(path, 'stage'), `must be one of ${Object.keys(TASK_KINDS_OF_STAGE).join(', ')}`);
  }
  if (value.when !== undefined) validateCondition(c, value.when, at(path, 'when'));
  // Without a valid stage the kinds cannot be judged; the stage error says what is wrong.
  if (c.nonEmptyArray(value.tasks, at(path, 'tasks'))) {
    value.tasks.forEach((t, i) => validateTask(c, t, at(at(path, 'tasks'), i), allowedKinds ?? Object.values(TASK_KINDS_OF_STAGE).flat()));
  }
}

function validateRoute(c: Collector, value: unknown, path: string): void {
  if (!c.object(value, path, ['name', 'when', 'stages'])) return;
  if (c.required(value, path, 'name') && (typeof value.name !== 'string' || !value.name.trim() || value.name.length > 200)) {
    c.add(at(path, 'name'), 'must be a non-empty string of at most 200 characters');
  }
  if (c.required(value, path, 'when')) validateCondition(c, value.when, at(path, 'when'));
  if (!c.nonEmptyArray(value.stages, at(path, 'stages'))) return;
  value.stages.forEach((s, i) => validateStage(c, s, at(at(path, 'stages'), i)));
  // A revision (NOT_CONFORMS, RETURN_FOR_REVISION) brings the proposal back to its stage by name, so these stages
  // may not repeat; alternatives belong in one stage as tasks with `when`. CONSULTATION may repeat (sequential
  // consultation, Decree 64/2021 Art 7).
  const seen = new Set<unknown>();
  value.stages.forEach((s, i) => {
    const name = isObject(s) ? s.stage : undefined;
    if ((name === 'APPRAISAL' || name === 'DECISION') && seen.has(name)) {
      c.add(at(at(at(path, 'stages'), i), 'stage'), `${name} may appear only once in a route (a revision returns to it by name); put alternative tasks with when in one stage`);
    }
    seen.add(name);
  });
}

function validateGates(c: Collector, value: unknown, path: string): void {
  if (!c.object(value, path, ['supplement', 'revision', 'pmConsent', 'postSigningReport', 'expiryReminderDays'])) return;
  for (const clock of ['supplement', 'revision', 'postSigningReport']) {
    if (c.required(value, path, clock)) validateClock(c, value[clock], at(path, clock));
  }
  // Optional: days before an agreement's term ends on which its lead agency is reminded.
  const days = value.expiryReminderDays;
  if (days !== undefined) {
    const ok = Array.isArray(days) && days.length <= 10 && days.every((d) => Number.isInteger(d) && (d as number) >= 1 && (d as number) <= 3650);
    if (!ok) c.errors.push({ field: at(path, 'expiryReminderDays'), message: 'expiryReminderDays must be a list of at most 10 whole numbers of days, 1-3650' });
  }
  if (c.required(value, path, 'pmConsent')) validateTask(c, value.pmConsent, at(path, 'pmConsent'), ['PM_CONSENT'], { gate: true });
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
