/**
 * Where validatePolicy draws its lines beyond the plain cases (policy-validation.spec.ts, policy-validation-messages.spec.ts):
 * what each refusal tells the administrator, values that only look like valid ones once turned into text (a JSON list
 * holding a valid code), names an object inherits, and the optional parts a policy may leave out.
 */
import { DEFAULT_POLICY } from './default-policy';
import { evaluatePartially, validatePolicy } from './policy-validation';

/** A deep copy of the default policy to break in one place. */
const copy = (): any => JSON.parse(JSON.stringify(DEFAULT_POLICY));
const errorsAfter = (breakIt: (d: any) => void) => {
  const doc = copy();
  breakIt(doc);
  return validatePolicy(doc);
};

const TASK_KEYS = 'kind, candidateAgency, externalBody, clock, shortenedClock, basis';

describe('an unknown property is named with what is allowed in its place', () => {
  it.each<[string, (d: any) => void, string, string]>([
    [
      'route',
      (d) => (d.routes[0].priority = 1),
      'routes.0.priority',
      'unknown property priority (allowed: name, when, stages, basis, effectiveFrom, refuse, gates)',
    ],
    [
      'stage',
      (d) => (d.routes[0].stages[1].parallel = true),
      'routes.0.stages.1.parallel',
      'unknown property parallel (allowed: stage, tasks, when)',
    ],
    [
      'task',
      (d) => (d.routes[0].stages[0].tasks[0].assignee = 'x'),
      'routes.0.stages.0.tasks.0.assignee',
      `unknown property assignee (allowed: ${TASK_KEYS}, when)`,
    ],
    // A gate opens on a decision, never on a condition of the proposal.
    [
      'route PM consent gate',
      (d) => (d.routes[0].gates.pmConsent.when = { field: 'procedure', equals: 'SHORTENED' }),
      'routes.0.gates.pmConsent.when',
      `unknown property when (allowed: ${TASK_KEYS})`,
    ],
    [
      'global PM consent gate (2026.1 form)',
      (d) => (d.gates.pmConsent = { ...d.routes[0].gates.pmConsent, when: { field: 'procedure', equals: 'SHORTENED' } }),
      'gates.pmConsent.when',
      `unknown property when (allowed: ${TASK_KEYS})`,
    ],
    [
      'route gates',
      (d) => (d.routes[0].gates.supplement = { type: 'WORKING_DAYS', length: 1 }),
      'routes.0.gates.supplement',
      'unknown property supplement (allowed: pmConsent, postSigningReport)',
    ],
    [
      'policy gates',
      (d) => (d.gates.escalation = { type: 'WORKING_DAYS', length: 1 }),
      'gates.escalation',
      'unknown property escalation (allowed: supplement, revision, pmConsent, postSigningReport, expiryReminderDays, addedConsultee)',
    ],
    ['gate clock', (d) => (d.gates.supplement.unit = 'd'), 'gates.supplement.unit', 'unknown property unit (allowed: type, length, basis)'],
  ])('%s', (_name, breakIt, field, message) => {
    expect(errorsAfter(breakIt)).toEqual([{ field, message }]);
  });

  it('a condition with neither a field nor a combinator: its unknown keys, then what a condition needs', () => {
    expect(errorsAfter((d) => (d.routes[0].when = { foo: 1 }))).toEqual([
      { field: 'routes.0.when.foo', message: 'unknown property foo (allowed: field, equals, in, contains, all, any, not)' },
      { field: 'routes.0.when', message: 'a condition needs field with equals or in, or exactly one of all, any, not' },
    ]);
    // An operator without a field is not unknown, only incomplete.
    expect(errorsAfter((d) => (d.routes[0].when = { equals: 'OVERSEAS_OFFICE', in: [], contains: 'x' }))).toEqual([
      { field: 'routes.0.when', message: 'a condition needs field with equals or in, or exactly one of all, any, not' },
    ]);
  });
});

describe('a missing required part is reported as missing, not as malformed', () => {
  it.each<[string, (d: any) => void, string]>([
    ['route condition', (d) => delete d.routes[1].when, 'routes.1.when'],
    ['stage name', (d) => delete d.routes[0].stages[0].stage, 'routes.0.stages.0.stage'],
    ['task kind', (d) => delete d.routes[0].stages[0].tasks[0].kind, 'routes.0.stages.0.tasks.0.kind'],
    ['task agency', (d) => delete d.routes[0].stages[0].tasks[0].candidateAgency, 'routes.0.stages.0.tasks.0.candidateAgency'],
    ['task clock', (d) => delete d.routes[0].stages[0].tasks[0].clock, 'routes.0.stages.0.tasks.0.clock'],
    ['supplement gate', (d) => delete d.gates.supplement, 'gates.supplement'],
    ['revision gate', (d) => delete d.gates.revision, 'gates.revision'],
    ['post-signing report gate', (d) => delete d.gates.postSigningReport, 'gates.postSigningReport'],
    ['version', (d) => delete d.version, 'version'],
    ['routes', (d) => delete d.routes, 'routes'],
  ])('%s', (_name, breakIt, field) => {
    const errors = errorsAfter(breakIt);
    // `routes` missing is "not an array"; every other part says which key is required.
    const key = field.split('.').pop();
    expect(errors).toEqual([{ field, message: key === 'routes' ? 'must be an array' : `${key} is required` }]);
  });
});

describe('a JSON list holding a valid value is not that value', () => {
  it.each<[string, (d: any) => void, string, string]>([
    [
      'condition field',
      (d) => (d.routes[0].when.all[1].field = ['details', 'level']),
      'routes.0.when.all.1.field',
      'must be a field path: kind, procedure or details.<name>',
    ],
    [
      'condition field of one element',
      (d) => (d.routes[0].when.all[1].field = ['details.level']),
      'routes.0.when.all.1.field',
      'must be a field path: kind, procedure or details.<name>',
    ],
    [
      'stage',
      (d) => (d.routes[0].stages[0].stage = ['INTAKE']),
      'routes.0.stages.0.stage',
      'must be one of INTAKE, CONSULTATION, ABSORPTION, APPRAISAL, DECISION, CENTRAL_DECISION, SIGNING',
    ],
    [
      'central body',
      (d) => (d.routes[0].stages[1].tasks[3].externalBody = ['MOFA']),
      'routes.0.stages.1.tasks.3.externalBody',
      'must be the code of a central body (e.g. MOFA, MOF, PM, GOV)',
    ],
    ['effectiveFrom', (d) => (d.routes[5].effectiveFrom = ['2026-04-01']), 'routes.5.effectiveFrom', 'must be a calendar date YYYY-MM-DD'],
    ['refusal field', (d) => (d.routes[3].refuse.field = ['details']), 'routes.3.refuse.field', 'must be a field path'],
    [
      'reminder days',
      (d) => (d.gates.expiryReminderDays = '60'),
      'gates.expiryReminderDays',
      'expiryReminderDays must be a list of at most 10 whole numbers of days, 1-3650',
    ],
    ['clock length', (d) => (d.gates.revision.length = [5]), 'gates.revision.length', 'must be an integer from 1 to 3650'],
  ])('%s', (_name, breakIt, field, message) => {
    expect(errorsAfter(breakIt)).toEqual([{ field, message }]);
  });

  it('a citation or refusal message that is not text is refused, not read', () => {
    expect(errorsAfter((d) => (d.routes[0].stages[0].tasks[0].basis = 5))).toEqual([
      { field: 'routes.0.stages.0.tasks.0.basis', message: 'must be a legal citation or "policy", 1-300 characters' },
    ]);
    expect(errorsAfter((d) => (d.routes[3].refuse.message = 5))).toEqual([
      { field: 'routes.3.refuse.message', message: 'must be the message a refused submitter reads, 1-1000 characters' },
    ]);
    expect(errorsAfter((d) => delete d.routes[3].refuse.message)).toEqual([
      { field: 'routes.3.refuse.message', message: 'must be the message a refused submitter reads, 1-1000 characters' },
    ]);
  });
});

describe('names every object inherits are no stage and no field', () => {
  // These once made validatePolicy throw (TypeError: allowedKinds.includes is not a function): a 500 instead of a 400.
  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])('stage %s', (stage) => {
    expect(errorsAfter((d) => (d.routes[0].stages[0].stage = stage))).toEqual([
      {
        field: 'routes.0.stages.0.stage',
        message: 'must be one of INTAKE, CONSULTATION, ABSORPTION, APPRAISAL, DECISION, CENTRAL_DECISION, SIGNING',
      },
    ]);
  });

  it('a condition on "constructor" is refused for its field only', () => {
    expect(errorsAfter((d) => (d.routes[0].when = { field: 'constructor', equals: 'x' }))).toEqual([
      { field: 'routes.0.when.field', message: 'must be a field path: kind, procedure or details.<name>' },
    ]);
  });
});

describe('other edges', () => {
  it('an effectiveFrom of a month only is not a date', () => {
    expect(errorsAfter((d) => (d.routes[5].effectiveFrom = '2026-04'))).toEqual([
      { field: 'routes.5.effectiveFrom', message: 'must be a calendar date YYYY-MM-DD' },
    ]);
  });

  it('a stage that is null is reported as not an object, like any other non-object', () => {
    expect(errorsAfter((d) => (d.routes[0].stages[0] = null))).toEqual([{ field: 'routes.0.stages.0', message: 'must be an object' }]);
  });

  it('a stage with an unknown name still has its tasks checked against every planned kind', () => {
    expect(
      errorsAfter((d) => {
        d.routes[0].stages[0].stage = 'REVIEW';
        d.routes[0].stages[0].tasks[0].kind = 'SUPPLEMENT';
      }),
    ).toEqual([
      {
        field: 'routes.0.stages.0.stage',
        message: 'must be one of INTAKE, CONSULTATION, ABSORPTION, APPRAISAL, DECISION, CENTRAL_DECISION, SIGNING',
      },
      {
        field: 'routes.0.stages.0.tasks.0.kind',
        message:
          'must be INTAKE_CHECK or OPINION or EXTERNAL_OPINION or ABSORPTION or APPRAISAL or DECISION or CENTRAL_DECISION or SIGNING here',
      },
    ]);
  });

  it('a task of an unknown kind that names a central body is reported for its kind only', () => {
    expect(errorsAfter((d) => (d.routes[0].stages[1].tasks[3].kind = 'REVIEW'))).toEqual([
      { field: 'routes.0.stages.1.tasks.3.kind', message: 'must be OPINION or EXTERNAL_OPINION here' },
    ]);
  });

  it('coverage is judged even when only the version or the gates are wrong', () => {
    const errors = errorsAfter((d) => {
      d.version = '';
      d.routes = d.routes.filter((r: any) => r.when.field !== 'kind' || r.when.equals !== 'OVERSEAS_OFFICE');
    });
    expect(errors.map((e) => e.field)).toEqual(['version', 'routes']);
  });

  it('a refusing route that does have stages gets them checked', () => {
    expect(
      errorsAfter(
        (d) =>
          (d.routes[3].stages = [
            { stage: 'DECISION', tasks: [{ kind: 'OPINION', candidateAgency: 'HT-UBND', clock: { type: 'WORKING_DAYS', length: 5 } }] },
          ]),
      ),
    ).toEqual([{ field: 'routes.3.stages.0.tasks.0.kind', message: 'must be DECISION here' }]);
  });

  it('one reminder day out of range refuses the whole list', () => {
    expect(errorsAfter((d) => (d.gates.expiryReminderDays = [180, 0]))).toEqual([
      { field: 'gates.expiryReminderDays', message: 'expiryReminderDays must be a list of at most 10 whole numbers of days, 1-3650' },
    ]);
  });

  it('optional parts may be left out: reminder days, the added-consultee clock, the refusal field, route gates', () => {
    expect(
      errorsAfter((d) => {
        delete d.gates.expiryReminderDays;
        delete d.gates.addedConsultee;
        delete d.routes[3].refuse.field;
        delete d.routes[0].gates;
        delete d.routes[0].stages[1].tasks[0].shortenedClock;
      }),
    ).toEqual([]);
  });

  it('every citation is optional on publication (missingBasis reports them), and each route gate may come alone', () => {
    expect(
      errorsAfter((d) => {
        delete d.routes[0].basis;
        delete d.routes[3].basis;
        delete d.routes[3].refuse.basis;
        delete d.gates.addedConsultee.basis;
        delete d.gates.addedConsultee.shortenedClock;
        delete d.routes[0].gates.pmConsent;
      }),
    ).toEqual([]);
    expect(errorsAfter((d) => delete d.routes[0].gates.postSigningReport)).toEqual([]);
  });
});

describe('evaluatePartially (three-valued)', () => {
  const is = (field: string, equals: string) => ({ field, equals });
  const known = { kind: 'INTERNATIONAL_AGREEMENT', 'details.fields': ['DEFENCE'], procedure: 'STANDARD' };
  it.each<[string, unknown, boolean | undefined]>([
    ['no condition', undefined, true],
    ['all known and true', { all: [is('kind', 'INTERNATIONAL_AGREEMENT'), is('procedure', 'STANDARD')] }, true],
    ['all: one false beside an unknown', { all: [{ field: 'details.level', equals: 'X' }, is('procedure', 'SHORTENED')] }, false],
    ['any: all known and false', { any: [is('kind', 'OVERSEAS_OFFICE'), is('procedure', 'SHORTENED')] }, false],
    ['any: one true beside an unknown', { any: [is('details.level', 'X'), is('procedure', 'STANDARD')] }, true],
    ['not of a true one', { not: is('kind', 'INTERNATIONAL_AGREEMENT') }, false],
    ['not of an unknown one', { not: is('details.level', 'X') }, undefined],
    ['contains: in the list', { field: 'details.fields', contains: 'DEFENCE' }, true],
    ['contains: not in the list', { field: 'details.fields', contains: 'TRADE' }, false],
    ['contains on a field that is no list', { field: 'kind', contains: 'INTERNATIONAL_AGREEMENT' }, false],
    ['contains on an unknown field', { field: 'details.other', contains: 'x' }, undefined],
    ['in: one of them', { field: 'procedure', in: ['SHORTENED', 'STANDARD'] }, true],
    ['in: none of them', { field: 'procedure', in: ['SHORTENED'] }, false],
  ])('%s', (_name, condition, expected) => {
    expect(evaluatePartially(condition as never, known)).toBe(expected);
  });
});
