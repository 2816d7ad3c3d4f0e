/** What an administrator reads when a policy is refused, and where the limits lie (docs/domain.md "Routing policy"). */
import { DEFAULT_POLICY } from './default-policy';
import { MAX_CLOCK_LENGTH, missingBasis, validatePolicy } from './policy-validation';

/** A deep copy of the default policy to break in one place. */
const copy = (): any => JSON.parse(JSON.stringify(DEFAULT_POLICY));
const errorsAfter = (breakIt: (d: any) => void) => {
  const doc = copy();
  breakIt(doc);
  return validatePolicy(doc);
};

describe('policy refusal messages', () => {
  type Case = [string, (d: any) => void, string, string];
  const cases: Case[] = [
    [
      'bad version',
      (d) => (d.version = ''),
      'version',
      'must be 1-32 characters: letters, digits, dot, hyphen or underscore, starting with a letter or digit',
    ],
    ['unknown property', (d) => (d.author = 'me'), 'author', 'unknown property author (allowed: version, routes, gates)'],
    ['empty list', (d) => (d.routes = []), 'routes', 'must not be empty'],
    ['not a list', (d) => (d.routes = {}), 'routes', 'must be an array'],
    ['missing name', (d) => delete d.routes[0].name, 'routes.0.name', 'name is required'],
    ['blank name', (d) => (d.routes[0].name = '  '), 'routes.0.name', 'must be a non-empty string of at most 200 characters'],
    ['long name', (d) => (d.routes[0].name = 'x'.repeat(201)), 'routes.0.name', 'must be a non-empty string of at most 200 characters'],
    ['name not text', (d) => (d.routes[0].name = 7), 'routes.0.name', 'must be a non-empty string of at most 200 characters'],
    [
      'unknown stage',
      (d) => (d.routes[0].stages[0].stage = 7),
      'routes.0.stages.0.stage',
      'must be one of INTAKE, CONSULTATION, ABSORPTION, APPRAISAL, DECISION, CENTRAL_DECISION, SIGNING',
    ],
    [
      'kind outside its stage',
      (d) => (d.routes[0].stages[4].tasks[0].kind = 'OPINION'),
      'routes.0.stages.4.tasks.0.kind',
      'must be DECISION here',
    ],
    [
      'kind not text',
      (d) => (d.routes[0].stages[1].tasks[0].kind = 3),
      'routes.0.stages.1.tasks.0.kind',
      'must be OPINION or EXTERNAL_OPINION here',
    ],
    [
      'agency',
      (d) => (d.routes[0].stages[0].tasks[0].candidateAgency = 'sở'),
      'routes.0.stages.0.tasks.0.candidateAgency',
      'must be an agency code (e.g. HT-SNGV) or SUBMITTER',
    ],
    [
      'agency not text',
      (d) => (d.routes[0].stages[0].tasks[0].candidateAgency = 1),
      'routes.0.stages.0.tasks.0.candidateAgency',
      'must be an agency code (e.g. HT-SNGV) or SUBMITTER',
    ],
    [
      'central body missing',
      (d) => delete d.routes[0].stages[1].tasks[3].externalBody,
      'routes.0.stages.1.tasks.3.externalBody',
      'a EXTERNAL_OPINION task must name the central body whose answer it records',
    ],
    [
      'central body on an opinion',
      (d) => (d.routes[0].stages[1].tasks[0].externalBody = 'MOFA'),
      'routes.0.stages.1.tasks.0.externalBody',
      "only EXTERNAL_OPINION, PM_CONSENT, CENTRAL_DECISION tasks record a central body's answer",
    ],
    [
      'central body malformed',
      (d) => (d.routes[0].stages[1].tasks[3].externalBody = 'mofa'),
      'routes.0.stages.1.tasks.3.externalBody',
      'must be the code of a central body (e.g. MOFA, MOF, PM, GOV)',
    ],
    [
      'central body not text',
      (d) => (d.routes[0].stages[1].tasks[3].externalBody = 5),
      'routes.0.stages.1.tasks.3.externalBody',
      'must be the code of a central body (e.g. MOFA, MOF, PM, GOV)',
    ],
    [
      'clock type',
      (d) => (d.routes[0].stages[0].tasks[0].clock.type = 'HOURS'),
      'routes.0.stages.0.tasks.0.clock.type',
      'must be WORKING_DAYS or CALENDAR_DAYS',
    ],
    [
      'clock type missing',
      (d) => delete d.routes[0].stages[0].tasks[0].clock.type,
      'routes.0.stages.0.tasks.0.clock.type',
      'type is required',
    ],
    [
      'clock length',
      (d) => (d.routes[0].stages[0].tasks[0].clock.length = 0),
      'routes.0.stages.0.tasks.0.clock.length',
      'must be an integer from 1 to 3650',
    ],
    [
      'clock length missing',
      (d) => delete d.routes[0].stages[0].tasks[0].clock.length,
      'routes.0.stages.0.tasks.0.clock.length',
      'length is required',
    ],
    ['clock not an object', (d) => (d.routes[0].stages[0].tasks[0].clock = 5), 'routes.0.stages.0.tasks.0.clock', 'must be an object'],
    [
      'basis on a task clock',
      (d) => (d.routes[0].stages[0].tasks[0].clock.basis = 'x'),
      'routes.0.stages.0.tasks.0.clock.basis',
      'unknown property basis (allowed: type, length)',
    ],
    [
      'field condition without operator',
      (d) => (d.routes[0].when = { field: 'kind' }),
      'routes.0.when',
      'a field condition needs exactly one of equals, in or contains',
    ],
    [
      'condition field',
      (d) => (d.routes[0].when.all[1].field = 'level'),
      'routes.0.when.all.1.field',
      'must be a field path: kind, procedure or details.<name>',
    ],
    [
      'condition field not text',
      (d) => (d.routes[0].when.all[1].field = 3),
      'routes.0.when.all.1.field',
      'must be a field path: kind, procedure or details.<name>',
    ],
    [
      'closed vocabulary',
      (d) => (d.routes[0].when.all[0].equals = 'X'),
      'routes.0.when.all.0.equals',
      'must be one of INTERNATIONAL_AGREEMENT, MECHANISM_PARTICIPATION, OVERSEAS_OFFICE',
    ],
    [
      'not a condition',
      (d) => (d.routes[0].when = 'x'),
      'routes.0.when',
      'must be a condition object ({field, equals} | {field, in} | {all} | {any} | {not})',
    ],
    [
      'two combinators',
      (d) => (d.routes[0].when = { all: [{ field: 'kind', equals: 'OVERSEAS_OFFICE' }], any: [] }),
      'routes.0.when',
      'a condition needs field with equals or in, or exactly one of all, any, not',
    ],
    [
      'contains a list',
      (d) => (d.routes[0].stages[1].tasks[1].when = { field: 'details.fields', contains: ['DEFENCE'] }),
      'routes.0.stages.1.tasks.1.when.contains',
      'must be a string, number or boolean',
    ],
    [
      'equals an object',
      (d) => (d.routes[0].stages[1].tasks[1].when = { field: 'details.x', equals: { y: 1 } }),
      'routes.0.stages.1.tasks.1.when.equals',
      'must be a string, number or boolean',
    ],
    [
      'equals infinity',
      (d) => (d.routes[0].stages[1].tasks[1].when = { field: 'details.x', equals: Infinity }),
      'routes.0.stages.1.tasks.1.when.equals',
      'must be a string, number or boolean',
    ],
    [
      'in not a list',
      (d) => (d.routes[1].when.all[1] = { field: 'details.level', in: 'DEPARTMENT' }),
      'routes.1.when.all.1.in',
      'must be an array',
    ],
    [
      'in with an unknown value',
      (d) => (d.routes[1].when.all[1] = { field: 'details.level', in: ['DEPARTMENT', 'X'] }),
      'routes.1.when.all.1.in.1',
      'must be one of PROVINCIAL_COMMITTEE, DEPARTMENT, BORDER_COMMUNE',
    ],
    [
      'empty basis',
      (d) => (d.routes[0].stages[0].tasks[0].basis = ''),
      'routes.0.stages.0.tasks.0.basis',
      'must be a legal citation or "policy", 1-300 characters',
    ],
    ['blank basis', (d) => (d.routes[0].basis = '   '), 'routes.0.basis', 'must be a legal citation or "policy", 1-300 characters'],
    [
      'long basis',
      (d) => (d.routes[0].stages[0].tasks[0].basis = 'x'.repeat(301)),
      'routes.0.stages.0.tasks.0.basis',
      'must be a legal citation or "policy", 1-300 characters',
    ],
    [
      'effectiveFrom not a date',
      (d) => (d.routes[5].effectiveFrom = '2026-02-30'),
      'routes.5.effectiveFrom',
      'must be a calendar date YYYY-MM-DD',
    ],
    [
      'effectiveFrom with a time',
      (d) => (d.routes[5].effectiveFrom = '2026-04-01T00:00'),
      'routes.5.effectiveFrom',
      'must be a calendar date YYYY-MM-DD',
    ],
    [
      'effectiveFrom not text',
      (d) => (d.routes[5].effectiveFrom = 20260401),
      'routes.5.effectiveFrom',
      'must be a calendar date YYYY-MM-DD',
    ],
    [
      'effectiveFrom out of range',
      (d) => (d.routes[5].effectiveFrom = '2026-13-01'),
      'routes.5.effectiveFrom',
      'must be a calendar date YYYY-MM-DD',
    ],
    [
      'refusal message empty',
      (d) => (d.routes[3].refuse.message = ' '),
      'routes.3.refuse.message',
      'must be the message a refused submitter reads, 1-1000 characters',
    ],
    [
      'refusal message too long',
      (d) => (d.routes[3].refuse.message = 'x'.repeat(1001)),
      'routes.3.refuse.message',
      'must be the message a refused submitter reads, 1-1000 characters',
    ],
    ['refusal field', (d) => (d.routes[3].refuse.field = 'a..b'), 'routes.3.refuse.field', 'must be a field path'],
    ['refusal field not text', (d) => (d.routes[3].refuse.field = 1), 'routes.3.refuse.field', 'must be a field path'],
    [
      'refusal basis',
      (d) => (d.routes[3].refuse.basis = ''),
      'routes.3.refuse.basis',
      'must be a legal citation or "policy", 1-300 characters',
    ],
    ['refusal not an object', (d) => (d.routes[3].refuse = 'no'), 'routes.3.refuse', 'must be an object'],
    [
      'unknown refusal property',
      (d) => (d.routes[3].refuse.code = 400),
      'routes.3.refuse.code',
      'unknown property code (allowed: message, field, basis)',
    ],
    [
      'DECISION twice',
      (d) => d.routes[1].stages.splice(5, 0, d.routes[1].stages[4]),
      'routes.1.stages.5.stage',
      'DECISION may appear only once in a route (a revision returns to it by name); put alternative tasks with when in one stage',
    ],
    [
      'APPRAISAL twice',
      (d) => d.routes[1].stages.splice(4, 0, d.routes[1].stages[3]),
      'routes.1.stages.4.stage',
      'APPRAISAL may appear only once in a route (a revision returns to it by name); put alternative tasks with when in one stage',
    ],
    ['gates missing', (d) => delete d.gates, 'gates', 'gates is required'],
    [
      'route gate post-signing basis',
      (d) => (d.routes[0].gates.postSigningReport = { type: 'CALENDAR_DAYS', length: 15, basis: '' }),
      'routes.0.gates.postSigningReport.basis',
      'must be a legal citation or "policy", 1-300 characters',
    ],
    ['route gates not an object', (d) => (d.routes[0].gates = []), 'routes.0.gates', 'must be an object'],
    [
      'reminder days out of range',
      (d) => (d.gates.expiryReminderDays = [0]),
      'gates.expiryReminderDays',
      'expiryReminderDays must be a list of at most 10 whole numbers of days, 1-3650',
    ],
    [
      'reminder days too high',
      (d) => (d.gates.expiryReminderDays = [3651]),
      'gates.expiryReminderDays',
      'expiryReminderDays must be a list of at most 10 whole numbers of days, 1-3650',
    ],
    [
      'reminder days fractional',
      (d) => (d.gates.expiryReminderDays = [1.5]),
      'gates.expiryReminderDays',
      'expiryReminderDays must be a list of at most 10 whole numbers of days, 1-3650',
    ],
    [
      'reminder days too many',
      (d) => (d.gates.expiryReminderDays = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
      'gates.expiryReminderDays',
      'expiryReminderDays must be a list of at most 10 whole numbers of days, 1-3650',
    ],
    [
      'reminder days not a list',
      (d) => (d.gates.expiryReminderDays = 60),
      'gates.expiryReminderDays',
      'expiryReminderDays must be a list of at most 10 whole numbers of days, 1-3650',
    ],
    ['added consultee without clock', (d) => delete d.gates.addedConsultee.clock, 'gates.addedConsultee.clock', 'clock is required'],
    [
      'added consultee clock',
      (d) => (d.gates.addedConsultee.clock.length = 0),
      'gates.addedConsultee.clock.length',
      'must be an integer from 1 to 3650',
    ],
    [
      'added consultee shortened clock',
      (d) => (d.gates.addedConsultee.shortenedClock.type = 'X'),
      'gates.addedConsultee.shortenedClock.type',
      'must be WORKING_DAYS or CALENDAR_DAYS',
    ],
    [
      'added consultee basis',
      (d) => (d.gates.addedConsultee.basis = ''),
      'gates.addedConsultee.basis',
      'must be a legal citation or "policy", 1-300 characters',
    ],
    ['added consultee not an object', (d) => (d.gates.addedConsultee = 7), 'gates.addedConsultee', 'must be an object'],
    [
      'unknown added consultee property',
      (d) => (d.gates.addedConsultee.when = {}),
      'gates.addedConsultee.when',
      'unknown property when (allowed: clock, shortenedClock, basis)',
    ],
    ['revision gate', (d) => (d.gates.revision.length = 0), 'gates.revision.length', 'must be an integer from 1 to 3650'],
    [
      'PM consent gate',
      (d) =>
        (d.gates.pmConsent = {
          kind: 'PM_CONSENT',
          candidateAgency: 'HT-SNGV',
          externalBody: 'PM',
          clock: { type: 'WORKING_DAYS', length: 0 },
        }),
      'gates.pmConsent.clock.length',
      'must be an integer from 1 to 3650',
    ],
  ];

  it.each(cases)('%s', (_name, breakIt, field, message) => {
    expect(errorsAfter(breakIt)).toEqual([{ field, message }]);
  });

  it('a stage that is not an object, a task that is not an object, a condition list that is empty', () => {
    expect(errorsAfter((d) => (d.routes[0].stages[0] = 'INTAKE'))).toEqual([{ field: 'routes.0.stages.0', message: 'must be an object' }]);
    expect(errorsAfter((d) => (d.routes[0].stages[0].tasks[0] = null))).toEqual([
      { field: 'routes.0.stages.0.tasks.0', message: 'must be an object' },
    ]);
    expect(errorsAfter((d) => (d.routes[0].when = { any: [] }))).toEqual([{ field: 'routes.0.when.any', message: 'must not be empty' }]);
    expect(errorsAfter((d) => (d.routes[0].when = { not: { field: 'kind', equals: 'X' } }))).toEqual([
      { field: 'routes.0.when.not.equals', message: 'must be one of INTERNATIONAL_AGREEMENT, MECHANISM_PARTICIPATION, OVERSEAS_OFFICE' },
    ]);
    expect(errorsAfter((d) => (d.routes[0].when = { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT', extra: 1 }))).toEqual([
      { field: 'routes.0.when.extra', message: 'unknown property extra (allowed: field, equals, in, contains)' },
    ]);
    expect(errorsAfter((d) => (d.routes[0].when = { all: [{ field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' }], foo: 1 }))).toEqual([
      { field: 'routes.0.when.foo', message: 'unknown property foo (allowed: all)' },
    ]);
  });

  it('the limits themselves are accepted', () => {
    expect(MAX_CLOCK_LENGTH).toBe(3650);
    expect(
      errorsAfter((d) => {
        d.version = `A${'b'.repeat(31)}`;
        d.routes[0].name = 'x'.repeat(200);
        d.routes[0].stages[0].tasks[0].basis = 'x'.repeat(300);
        d.routes[0].stages[0].tasks[0].clock = { type: 'CALENDAR_DAYS', length: 3650 };
        d.routes[0].stages[1].tasks[0].clock.length = 1;
        d.routes[3].refuse.message = 'x'.repeat(1000);
        d.gates.expiryReminderDays = [1, 2, 3, 4, 5, 6, 7, 8, 9, 3650];
        d.routes[0].stages[1].tasks[1].when = { field: 'details.termMonths', equals: 12 };
        d.routes[0].stages[2].when = { field: 'procedure', in: ['STANDARD', 'SHORTENED'] };
        d.routes[0].stages[0].tasks[0].candidateAgency = 'SUBMITTER';
      }),
    ).toEqual([]);
  });

  it('conditions may nest 16 deep, not 17', () => {
    const nested = (depth: number) => {
      let c: unknown = { field: 'kind', equals: 'OVERSEAS_OFFICE' };
      for (let i = 0; i < depth; i++) c = i % 2 ? { any: [c] } : { all: [c] };
      return c;
    };
    expect(errorsAfter((d) => (d.routes[5].when = { all: [nested(15)] }))).toEqual([]);
    const deeper = errorsAfter((d) => (d.routes[5].when = { all: [nested(16)] }));
    expect(deeper).toHaveLength(1);
    expect(deeper[0]!.message).toBe('conditions may be nested at most 16 deep');
  });

  it('a refusing route may have no stages; any other needs them', () => {
    expect(errorsAfter((d) => (d.routes[3].stages = []))).toEqual([]);
    expect(errorsAfter((d) => delete d.routes[3].stages)).toEqual([{ field: 'routes.3.stages', message: 'must be an array' }]);
    expect(errorsAfter((d) => (d.routes[2].stages = []))).toEqual([{ field: 'routes.2.stages', message: 'must not be empty' }]);
  });

  it('coverage is judged only when the routes are well-formed', () => {
    const errors = errorsAfter((d) => {
      d.routes = d.routes.filter((r: any) => r.when.field !== 'kind' || r.when.equals !== 'OVERSEAS_OFFICE');
      d.routes[0].name = '';
    });
    expect(errors).toEqual([{ field: 'routes.0.name', message: 'must be a non-empty string of at most 200 characters' }]);
  });
});

describe('missingBasis', () => {
  it('names a refusal, route gates, global gates and blank citations without a basis', () => {
    const doc = copy();
    delete doc.routes[3].refuse.basis;
    delete doc.routes[3].basis;
    doc.routes[0].gates.postSigningReport = { type: 'CALENDAR_DAYS', length: 15 };
    doc.routes[1].stages[0].tasks[0].basis = '  ';
    doc.gates.supplement.basis = ' ';
    delete doc.gates.addedConsultee.basis;
    doc.gates.pmConsent = {
      kind: 'PM_CONSENT',
      candidateAgency: 'HT-SNGV',
      externalBody: 'PM',
      clock: { type: 'WORKING_DAYS', length: 5 },
    };
    expect(missingBasis(doc)).toEqual([
      'routes.0.gates.postSigningReport.basis',
      'routes.1.stages.0.tasks.0.basis',
      'routes.3.refuse.basis',
      'gates.supplement.basis',
      'gates.pmConsent.basis',
      'gates.addedConsultee.basis',
    ]);
  });

  it("a refusal is explained by its own basis or the route's", () => {
    const doc = copy();
    delete doc.routes[3].refuse.basis;
    expect(missingBasis(doc)).toEqual([]);
    const other = copy();
    delete other.routes[3].basis;
    expect(missingBasis(other)).toEqual([]);
  });
});
