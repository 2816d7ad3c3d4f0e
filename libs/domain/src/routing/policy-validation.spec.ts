import { DEFAULT_POLICY } from './default-policy';
import { evaluatePartially, missingBasis, validatePolicy } from './policy-validation';
import { POLICY_2026_1 } from './policy-2026-1';
import { amendPlan, computePlan, DuplicateConsulteeError, RouteNotInForceError, RouteRefusedError } from './routing-policy';

/** A deep copy of the default policy to break in one place. */
const copy = (): any => JSON.parse(JSON.stringify(DEFAULT_POLICY));
const fields = (doc: unknown) => validatePolicy(doc).map((e) => e.field);

describe('validatePolicy', () => {
  it('accepts the default policy, also after a JSON round trip (as stored in jsonb)', () => {
    expect(validatePolicy(DEFAULT_POLICY)).toEqual([]);
    expect(validatePolicy(copy())).toEqual([]);
  });

  it.each([null, [], 'policy', 7])('rejects a document that is not an object: %j', (doc) => {
    expect(validatePolicy(doc)).toEqual([{ field: '', message: 'must be an object' }]);
  });

  type Case = [string, (d: any) => void, string[]];
  const cases: Case[] = [
    ['missing version', (d) => delete d.version, ['version']],
    ['empty version', (d) => (d.version = ''), ['version']],
    ['version longer than proposal.policy_version holds', (d) => (d.version = 'v'.repeat(33)), ['version']],
    ['version with spaces', (d) => (d.version = '2026 2'), ['version']],
    ['unknown top-level key', (d) => (d.author = 'me'), ['author']],
    ['no routes', (d) => (d.routes = []), ['routes']],
    ['routes not an array', (d) => (d.routes = {}), ['routes']],
    ['route without a name', (d) => delete d.routes[0].name, ['routes.0.name']],
    ['route without a condition', (d) => delete d.routes[1].when, ['routes.1.when']],
    ['unknown key in a route', (d) => (d.routes[0].priority = 1), ['routes.0.priority']],
    ['route without stages', (d) => (d.routes[2].stages = []), ['routes.2.stages']],
    ['unknown stage', (d) => (d.routes[0].stages[0].stage = 'REVIEW'), ['routes.0.stages.0.stage']],
    ['POST_SIGNING planned as a stage', (d) => (d.routes[0].stages[5].stage = 'POST_SIGNING'), ['routes.0.stages.5.stage']],
    ['DECISION twice in a route', (d) => d.routes[1].stages.splice(5, 0, d.routes[1].stages[4]), ['routes.1.stages.5.stage']],
    ['stage without tasks', (d) => (d.routes[0].stages[1].tasks = []), ['routes.0.stages.1.tasks']],
    ['unknown key in a stage', (d) => (d.routes[0].stages[1].parallel = true), ['routes.0.stages.1.parallel']],
    ['unknown task kind', (d) => (d.routes[0].stages[1].tasks[0].kind = 'REVIEW'), ['routes.0.stages.1.tasks.0.kind']],
    ['task kind outside its stage', (d) => (d.routes[0].stages[4].tasks[0].kind = 'OPINION'), ['routes.0.stages.4.tasks.0.kind']],
    ['gate kind planned as a task', (d) => (d.routes[0].stages[1].tasks[0].kind = 'SUPPLEMENT'), ['routes.0.stages.1.tasks.0.kind']],
    [
      'missing candidate agency',
      (d) => delete d.routes[0].stages[0].tasks[0].candidateAgency,
      ['routes.0.stages.0.tasks.0.candidateAgency'],
    ],
    [
      'malformed candidate agency',
      (d) => (d.routes[0].stages[0].tasks[0].candidateAgency = 'sở ngoại vụ'),
      ['routes.0.stages.0.tasks.0.candidateAgency'],
    ],
    [
      'external opinion without its body',
      (d) => delete d.routes[0].stages[1].tasks[3].externalBody,
      ['routes.0.stages.1.tasks.3.externalBody'],
    ],
    [
      'external body on an opinion',
      (d) => (d.routes[0].stages[1].tasks[0].externalBody = 'MOFA'),
      ['routes.0.stages.1.tasks.0.externalBody'],
    ],
    ['missing clock', (d) => delete d.routes[0].stages[0].tasks[0].clock, ['routes.0.stages.0.tasks.0.clock']],
    ['unknown clock type', (d) => (d.routes[0].stages[0].tasks[0].clock.type = 'HOURS'), ['routes.0.stages.0.tasks.0.clock.type']],
    ['zero-length clock', (d) => (d.routes[0].stages[0].tasks[0].clock.length = 0), ['routes.0.stages.0.tasks.0.clock.length']],
    ['fractional clock', (d) => (d.routes[0].stages[0].tasks[0].clock.length = 2.5), ['routes.0.stages.0.tasks.0.clock.length']],
    ['clock over ten years', (d) => (d.routes[0].stages[0].tasks[0].clock.length = 3651), ['routes.0.stages.0.tasks.0.clock.length']],
    ['clock length as text', (d) => (d.routes[0].stages[0].tasks[0].clock.length = '2'), ['routes.0.stages.0.tasks.0.clock.length']],
    ['unknown key in a clock', (d) => (d.routes[0].stages[0].tasks[0].clock.unit = 'd'), ['routes.0.stages.0.tasks.0.clock.unit']],
    [
      'bad shortened clock',
      (d) => (d.routes[0].stages[1].tasks[0].shortenedClock.length = -3),
      ['routes.0.stages.1.tasks.0.shortenedClock.length'],
    ],
    ['unknown key in a task', (d) => (d.routes[0].stages[0].tasks[0].assignee = 'x'), ['routes.0.stages.0.tasks.0.assignee']],
    ['condition without operator', (d) => (d.routes[0].when = { field: 'kind' }), ['routes.0.when']],
    [
      'condition with both equals and in',
      (d) => (d.routes[0].when = { field: 'kind', equals: 'OVERSEAS_OFFICE', in: ['OVERSEAS_OFFICE'] }),
      ['routes.0.when'],
    ],
    ['condition on an unknown root field', (d) => (d.routes[0].when.all[1].field = 'level'), ['routes.0.when.all.1.field']],
    ['condition with a malformed path', (d) => (d.routes[0].when.all[1].field = 'details..level'), ['routes.0.when.all.1.field']],
    ['misspelt kind value', (d) => (d.routes[0].when.all[0].equals = 'INTERNATIONAL_AGREMENT'), ['routes.0.when.all.0.equals']],
    [
      'misspelt level in a list',
      (d) => (d.routes[1].when.all[1] = { field: 'details.level', in: ['DEPARTMENT', 'COMMUNE'] }),
      ['routes.1.when.all.1.in.1'],
    ],
    ['empty in list', (d) => (d.routes[1].when.all[1] = { field: 'details.level', in: [] }), ['routes.1.when.all.1.in']],
    [
      'object as a compared value',
      (d) => (d.routes[0].stages[1].tasks[1].when.equals = { yes: true }),
      ['routes.0.stages.1.tasks.1.when.equals'],
    ],
    ['empty all', (d) => (d.routes[0].when = { all: [] }), ['routes.0.when.all']],
    [
      'two combinators at once',
      (d) => (d.routes[0].when = { all: [{ field: 'kind', equals: 'OVERSEAS_OFFICE' }], any: [] }),
      ['routes.0.when'],
    ],
    [
      'not that is not a condition',
      (d) => (d.routes[0].stages[1].tasks[1].when = { not: 'touchesDefence' }),
      ['routes.0.stages.1.tasks.1.when.not'],
    ],
    ['unknown key beside a field', (d) => (d.routes[0].stages[1].tasks[1].when.negate = true), ['routes.0.stages.1.tasks.1.when.negate']],
    ['stage condition malformed', (d) => (d.routes[0].stages[3].when = []), ['routes.0.stages.3.when']],
    ['missing gates', (d) => delete d.gates, ['gates']],
    ['missing supplement gate', (d) => delete d.gates.supplement, ['gates.supplement']],
    [
      'bad post-signing clock',
      (d) => (d.gates.postSigningReport = { type: 'CALENDAR_DAYS', length: 0 }),
      ['gates.postSigningReport.length'],
    ],
    ['PM consent of the wrong kind', (d) => (d.routes[0].gates.pmConsent.kind = 'DECISION'), ['routes.0.gates.pmConsent.kind']],
    [
      'PM consent with a condition',
      (d) => (d.routes[0].gates.pmConsent.when = { field: 'procedure', equals: 'SHORTENED' }),
      ['routes.0.gates.pmConsent.when'],
    ],
    [
      'global PM consent of the wrong kind (2026.1 form)',
      (d) => (d.gates.pmConsent = { ...d.routes[0].gates.pmConsent, kind: 'DECISION' }),
      ['gates.pmConsent.kind'],
    ],
    ['unknown route gate', (d) => (d.routes[0].gates.supplement = { type: 'WORKING_DAYS', length: 1 }), ['routes.0.gates.supplement']],
    ['empty basis', (d) => (d.routes[0].stages[0].tasks[0].basis = ''), ['routes.0.stages.0.tasks.0.basis']],
    ['basis on a gate clock that is not text', (d) => (d.gates.supplement.basis = 7), ['gates.supplement.basis']],
    ['effectiveFrom not a date', (d) => (d.routes[5].effectiveFrom = '2026-02-30'), ['routes.5.effectiveFrom']],
    ['refusal without a message', (d) => (d.routes[3].refuse.message = ''), ['routes.3.refuse.message']],
    [
      'contains with a list',
      (d) => (d.routes[0].stages[1].tasks[1].when = { field: 'details.fields', contains: ['DEFENCE'] }),
      ['routes.0.stages.1.tasks.1.when.contains'],
    ],
    ['unknown gate', (d) => (d.gates.escalation = { type: 'WORKING_DAYS', length: 1 }), ['gates.escalation']],
    [
      'a kind no route can serve',
      (d) => (d.routes = d.routes.filter((r: any) => r.when.field !== 'kind' || r.when.equals !== 'OVERSEAS_OFFICE')),
      ['routes'],
    ],
  ];

  it.each(cases)('%s', (_name, breakIt, expected) => {
    const doc = copy();
    breakIt(doc);
    expect(fields(doc)).toEqual(expected);
  });

  it('names the kind that has no route', () => {
    const doc = copy();
    doc.routes = doc.routes.filter((r: any) => r.when.field !== 'kind' && !r.name.startsWith('Mechanism participation by a ministry'));
    expect(validatePolicy(doc)).toEqual([
      { field: 'routes', message: 'no route can apply to proposals of kind MECHANISM_PARTICIPATION' },
      { field: 'routes', message: 'no route can apply to proposals of kind OVERSEAS_OFFICE' },
    ]);
  });

  it('reports every problem of a document, not just the first', () => {
    const doc = copy();
    doc.version = '';
    doc.routes[0].stages[0].tasks[0].clock = { type: 'DAYS', length: 0 };
    delete doc.gates.revision;
    expect(fields(doc)).toEqual([
      'version',
      'routes.0.stages.0.tasks.0.clock.type',
      'routes.0.stages.0.tasks.0.clock.length',
      'gates.revision',
    ]);
  });

  it('bounds the nesting of conditions', () => {
    const doc = copy();
    let deep: unknown = { field: 'kind', equals: 'OVERSEAS_OFFICE' };
    for (let i = 0; i < 100; i++) deep = { not: deep };
    doc.routes[4].when = deep;
    expect(validatePolicy(doc)).toEqual([expect.objectContaining({ message: expect.stringMatching(/nested at most/) })]);
  });

  it('lets CONSULTATION repeat (sequential consultation)', () => {
    const doc = copy();
    doc.routes[1].stages.splice(2, 0, { stage: 'CONSULTATION', tasks: [doc.routes[1].stages[1].tasks[0]] });
    expect(validatePolicy(doc)).toEqual([]);
  });

  it('accepts a policy with a catch-all route for a kind and conditions of every form', () => {
    const doc = copy();
    doc.routes[0].when = {
      all: [{ field: 'kind', in: ['INTERNATIONAL_AGREEMENT'] }, { not: { any: [{ field: 'details.level', equals: 'DEPARTMENT' }] } }],
    };
    doc.routes[0].stages[3].when = { field: 'details.termMonths', in: [12, 24] };
    expect(validatePolicy(doc)).toEqual([]);
  });
});

describe('basis (issue 13)', () => {
  it('every task and gate of the default policy carries one', () => {
    expect(missingBasis(DEFAULT_POLICY)).toEqual([]);
  });

  it('names the task or gate that has none', () => {
    const doc = copy();
    delete doc.routes[1].stages[3].tasks[0].basis;
    delete doc.gates.revision.basis;
    delete doc.routes[0].gates.pmConsent.basis;
    expect(missingBasis(doc)).toEqual(['routes.0.gates.pmConsent.basis', 'routes.1.stages.3.tasks.0.basis', 'gates.revision.basis']);
  });

  it('version 2026.1 (published before basis existed) still validates', () => {
    expect(validatePolicy(POLICY_2026_1)).toEqual([]);
    expect(missingBasis(POLICY_2026_1).length).toBeGreaterThan(0);
  });
});

describe('computePlan under policy 2026.2 (issue 13)', () => {
  const agreement = (level: string, extra: Record<string, unknown> = {}) => ({
    kind: 'INTERNATIONAL_AGREEMENT' as const,
    procedure: 'STANDARD' as const,
    details: {
      action: 'SIGN',
      level,
      fields: ['TRADE'],
      touchesDefence: false,
      touchesSecurity: false,
      touchesInvestment: false,
      borderArea: false,
      ...extra,
    },
  });
  const agencies = (plan: ReturnType<typeof computePlan>) =>
    plan.stages.filter((s) => s.stage === 'CONSULTATION').map((s) => s.tasks.map((t) => t.candidateAgency));

  it('fields imply the defence and security reviews with the flags false', () => {
    expect(agencies(computePlan(DEFAULT_POLICY, agreement('PROVINCIAL_COMMITTEE')))).toEqual([['HT-SNGV', 'HT-SNGV']]);
    expect(agencies(computePlan(DEFAULT_POLICY, agreement('PROVINCIAL_COMMITTEE', { fields: ['DEFENCE'] })))).toEqual([
      ['HT-SNGV', 'HT-BCHQS', 'HT-SNGV'],
    ]);
    expect(agencies(computePlan(DEFAULT_POLICY, agreement('DEPARTMENT', { fields: ['SECURITY'] })))).toEqual([['HT-SNGV', 'HT-CA']]);
  });

  it('PM consent only on the provincial route; 2026.1 had it everywhere', () => {
    expect(computePlan(DEFAULT_POLICY, agreement('PROVINCIAL_COMMITTEE')).gates.pmConsent).toMatchObject({
      kind: 'PM_CONSENT',
      basis: expect.stringContaining('19(4)'),
    });
    expect(computePlan(DEFAULT_POLICY, agreement('DEPARTMENT')).gates).not.toHaveProperty('pmConsent');
    expect(computePlan(DEFAULT_POLICY, agreement('BORDER_COMMUNE')).gates).not.toHaveProperty('pmConsent');
    expect(computePlan(POLICY_2026_1, agreement('DEPARTMENT')).gates.pmConsent).toMatchObject({ kind: 'PM_CONSENT' });
  });

  it("refuses a ministry's mechanism participation, and an overseas office before its effectiveFrom", () => {
    const ministry = {
      kind: 'MECHANISM_PARTICIPATION' as const,
      procedure: 'STANDARD' as const,
      details: { participationLevel: 'MINISTRY' },
    };
    expect(() => computePlan(DEFAULT_POLICY, ministry)).toThrow(RouteRefusedError);
    const office = { kind: 'OVERSEAS_OFFICE' as const, procedure: 'STANDARD' as const, details: {} };
    expect(() => computePlan(DEFAULT_POLICY, office, { today: '2026-03-31' })).toThrow(RouteNotInForceError);
    expect(agencies(computePlan(DEFAULT_POLICY, office, { today: '2026-04-01' }))).toEqual([['HT-SNGV', 'HT-SNV', 'HT-STC']]);
  });

  it('amendPlan adds consultees to the first consultation stage, records who, and refuses one already consulted', () => {
    const plan = computePlan(DEFAULT_POLICY, agreement('DEPARTMENT'));
    const by = { id: 'u1', fullName: 'Lê Minh Châu' };
    const amended = amendPlan(
      plan,
      {
        at: '2026-05-01T00:00:00Z',
        by,
        comment: 'why',
        addedConsultees: [{ agency: 'HT-BCHQS' }, { agency: 'HT-SNGV', externalBody: 'MPS' }],
      },
      'STANDARD',
    );
    expect(amended.stages[1]!.tasks.slice(1)).toEqual([
      { kind: 'OPINION', candidateAgency: 'HT-BCHQS', clock: { type: 'WORKING_DAYS', length: 7 }, basis: expect.any(String), addedBy: by },
      {
        kind: 'EXTERNAL_OPINION',
        candidateAgency: 'HT-SNGV',
        externalBody: 'MPS',
        clock: { type: 'WORKING_DAYS', length: 7 },
        basis: expect.any(String),
        addedBy: by,
      },
    ]);
    expect(amended.amendments).toHaveLength(1);
    expect(plan.stages[1]!.tasks).toHaveLength(1);
    expect(() => amendPlan(plan, { at: 'x', by, addedConsultees: [{ agency: 'HT-SNGV' }] }, 'STANDARD')).toThrow(DuplicateConsulteeError);
  });
});

describe('evaluatePartially', () => {
  const known = { kind: 'INTERNATIONAL_AGREEMENT' };
  it.each([
    [{ field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' }, true],
    [{ field: 'kind', equals: 'OVERSEAS_OFFICE' }, false],
    [{ field: 'details.level', equals: 'DEPARTMENT' }, undefined],
    [
      {
        all: [
          { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' },
          { field: 'details.level', equals: 'DEPARTMENT' },
        ],
      },
      undefined,
    ],
    [
      {
        all: [
          { field: 'kind', equals: 'OVERSEAS_OFFICE' },
          { field: 'details.level', equals: 'DEPARTMENT' },
        ],
      },
      false,
    ],
    [
      {
        any: [
          { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' },
          { field: 'details.level', equals: 'DEPARTMENT' },
        ],
      },
      true,
    ],
    [
      {
        any: [
          { field: 'kind', equals: 'OVERSEAS_OFFICE' },
          { field: 'details.level', equals: 'DEPARTMENT' },
        ],
      },
      undefined,
    ],
    [{ not: { field: 'kind', in: ['OVERSEAS_OFFICE', 'MECHANISM_PARTICIPATION'] } }, true],
    [{ not: { field: 'details.touchesDefence', equals: true } }, undefined],
  ] as const)('%j -> %s', (condition, expected) => {
    expect(evaluatePartially(condition as never, known)).toBe(expected);
  });
});
