/** The planner on small hand-made policies: condition forms, route order, refusals, clocks, gates and intake amendments. */
import type { RoutableProposal } from '../proposal/proposal.types';
import { DEFAULT_POLICY } from './default-policy';
import type { Plan } from './plan.types';
import {
  amendPlan,
  computePlan,
  CONSULTED_CENTRAL_BODIES,
  DuplicateConsulteeError,
  matches,
  NoRouteError,
  RouteNotInForceError,
  RouteRefusedError,
  type PolicyRoute,
  type RoutingPolicy,
} from './routing-policy';

const proposal = (details: Record<string, unknown> = {}, procedure: 'STANDARD' | 'SHORTENED' = 'STANDARD'): RoutableProposal => ({
  kind: 'INTERNATIONAL_AGREEMENT',
  procedure,
  details,
});
const wd = (length: number) => ({ type: 'WORKING_DAYS' as const, length });

const route = (name: string, when: PolicyRoute['when'], extra: Partial<PolicyRoute> = {}): PolicyRoute => ({
  name,
  when,
  stages: [
    { stage: 'INTAKE', tasks: [{ kind: 'INTAKE_CHECK', candidateAgency: 'HT-SNGV', clock: wd(2) }] },
    { stage: 'DECISION', tasks: [{ kind: 'DECISION', candidateAgency: 'HT-UBND', clock: wd(7) }] },
  ],
  ...extra,
});
const policy = (routes: PolicyRoute[], gates: Partial<RoutingPolicy['gates']> = {}): RoutingPolicy => ({
  version: 'v-test',
  routes,
  gates: { supplement: { ...wd(10), basis: 'S' }, revision: wd(15), postSigningReport: { type: 'CALENDAR_DAYS', length: 15 }, ...gates },
});

describe('matches', () => {
  const p = proposal({ level: 'DEPARTMENT', fields: ['TRADE', 'DEFENCE'], termMonths: 24, nested: { deep: true }, nothing: null });

  it.each([
    [undefined, true],
    [{ field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' }, true],
    [{ field: 'kind', equals: 'OVERSEAS_OFFICE' }, false],
    [{ field: 'details.termMonths', equals: 24 }, true],
    [{ field: 'details.termMonths', equals: '24' }, false],
    [{ field: 'details.nested.deep', equals: true }, true],
    [{ field: 'details.nothing.deep', equals: true }, false],
    [{ field: 'details.level.length', equals: 10 }, false], // a string is not an object with fields
    [{ field: 'details.missing', equals: false }, false],
    [{ field: 'details.level', in: ['BORDER_COMMUNE', 'DEPARTMENT'] }, true],
    [{ field: 'details.level', in: ['BORDER_COMMUNE'] }, false],
    [{ field: 'details.fields', contains: 'DEFENCE' }, true],
    [{ field: 'details.fields', contains: 'SECURITY' }, false],
    [{ field: 'details.level', contains: 'DEPARTMENT' }, false], // contains reads lists only
    [
      {
        all: [
          { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' },
          { field: 'details.level', equals: 'DEPARTMENT' },
        ],
      },
      true,
    ],
    [
      {
        all: [
          { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' },
          { field: 'details.level', equals: 'BORDER_COMMUNE' },
        ],
      },
      false,
    ],
    [
      {
        any: [
          { field: 'kind', equals: 'OVERSEAS_OFFICE' },
          { field: 'details.level', equals: 'DEPARTMENT' },
        ],
      },
      true,
    ],
    [
      {
        any: [
          { field: 'kind', equals: 'OVERSEAS_OFFICE' },
          { field: 'details.level', equals: 'BORDER_COMMUNE' },
        ],
      },
      false,
    ],
    [{ not: { field: 'details.level', equals: 'DEPARTMENT' } }, false],
    [{ not: { field: 'details.level', equals: 'BORDER_COMMUNE' } }, true],
  ] as const)('%j -> %s', (condition, expected) => {
    expect(matches(condition as never, p)).toBe(expected);
  });
});

describe('computePlan', () => {
  it('takes the first matching route and only its matching stages and tasks; a stage left empty is dropped', () => {
    const routes = [
      route('Border', { field: 'details.level', equals: 'BORDER_COMMUNE' }),
      route(
        'Department',
        { field: 'details.level', equals: 'DEPARTMENT' },
        {
          stages: [
            { stage: 'INTAKE', tasks: [{ kind: 'INTAKE_CHECK', candidateAgency: 'HT-SNGV', clock: wd(2), basis: 'Decree 64/2021 Art 4' }] },
            {
              stage: 'CONSULTATION',
              tasks: [
                { kind: 'OPINION', candidateAgency: 'HT-SNGV', clock: wd(7) },
                { kind: 'OPINION', candidateAgency: 'HT-BCHQS', clock: wd(7), when: { field: 'details.fields', contains: 'DEFENCE' } },
                { kind: 'EXTERNAL_OPINION', candidateAgency: 'HT-SNGV', externalBody: 'MOFA', clock: wd(7), shortenedClock: wd(3) },
              ],
            },
            {
              stage: 'APPRAISAL',
              when: { field: 'details.needsAppraisal', equals: true },
              tasks: [{ kind: 'APPRAISAL', candidateAgency: 'HT-STP', clock: wd(10) }],
            },
            {
              stage: 'ABSORPTION',
              tasks: [{ kind: 'ABSORPTION', candidateAgency: 'SUBMITTER', clock: wd(5), when: { field: 'details.absorb', equals: true } }],
            },
          ],
        },
      ),
      route('Any agreement', { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' }),
    ];
    const plan = computePlan(policy(routes), proposal({ level: 'DEPARTMENT', fields: ['TRADE'] }));
    expect(plan.policyVersion).toBe('v-test');
    expect(plan.stages).toEqual([
      { stage: 'INTAKE', tasks: [{ kind: 'INTAKE_CHECK', candidateAgency: 'HT-SNGV', clock: wd(2), basis: 'Decree 64/2021 Art 4' }] },
      {
        stage: 'CONSULTATION',
        tasks: [
          { kind: 'OPINION', candidateAgency: 'HT-SNGV', clock: wd(7) },
          { kind: 'EXTERNAL_OPINION', candidateAgency: 'HT-SNGV', externalBody: 'MOFA', clock: wd(7) },
        ],
      },
    ]);
    const shortened = computePlan(
      policy(routes),
      proposal({ level: 'DEPARTMENT', fields: ['DEFENCE'], needsAppraisal: true }, 'SHORTENED'),
    );
    expect(shortened.stages.map((st) => [st.stage, st.tasks.map((t) => `${t.candidateAgency}:${t.clock.length}`)])).toEqual([
      ['INTAKE', ['HT-SNGV:2']],
      ['CONSULTATION', ['HT-SNGV:7', 'HT-BCHQS:7', 'HT-SNGV:3']],
      ['APPRAISAL', ['HT-STP:10']],
    ]);
    expect(computePlan(policy(routes), proposal({ level: 'PROVINCIAL_COMMITTEE' })).stages.map((st) => st.stage)).toEqual([
      'INTAKE',
      'DECISION',
    ]);
  });

  it('copies clocks, so changing a plan never changes the policy', () => {
    const p = policy([route('All', { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' })], { expiryReminderDays: [180, 60] });
    const plan = computePlan(p, proposal());
    // The plan carries the reminder days (the agreement's lead agency is reminded on them), as its own copy.
    expect(plan.gates.expiryReminderDays).toEqual([180, 60]);
    plan.stages[0]!.tasks[0]!.clock.length = 99;
    plan.gates.supplement.length = 99;
    plan.gates.revision.length = 99;
    plan.gates.postSigningReport.length = 99;
    plan.gates.expiryReminderDays!.push(1);
    expect(p.routes[0]!.stages[0]!.tasks[0]!.clock.length).toBe(2);
    expect(p.gates).toMatchObject({
      supplement: { length: 10 },
      revision: { length: 15 },
      postSigningReport: { length: 15 },
      expiryReminderDays: [180, 60],
    });
  });

  it("gates: the policy's, overridden by the route's; absent ones stay absent", () => {
    const pm = {
      kind: 'PM_CONSENT' as const,
      candidateAgency: 'HT-SNGV',
      externalBody: 'PM',
      clock: wd(30),
      shortenedClock: wd(10),
      basis: 'Law 70/2020 Art 19(4)',
    };
    const bare = computePlan(policy([route('All', { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' })]), proposal());
    expect(bare.gates).toEqual({
      supplement: { ...wd(10), basis: 'S' },
      revision: wd(15),
      postSigningReport: { type: 'CALENDAR_DAYS', length: 15 },
    });
    const global = computePlan(policy([route('All', { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' })], { pmConsent: pm }), proposal());
    expect(global.gates.pmConsent).toEqual({
      kind: 'PM_CONSENT',
      candidateAgency: 'HT-SNGV',
      externalBody: 'PM',
      clock: wd(30),
      basis: 'Law 70/2020 Art 19(4)',
    });
    const onRoute = policy(
      [
        route(
          'All',
          { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' },
          {
            gates: {
              pmConsent: { ...pm, candidateAgency: 'HT-VPUBND' },
              postSigningReport: { type: 'CALENDAR_DAYS', length: 30, basis: 'R' },
            },
          },
        ),
      ],
      { pmConsent: pm },
    );
    const routed = computePlan(onRoute, proposal({}, 'SHORTENED'));
    expect(routed.gates.pmConsent).toMatchObject({ candidateAgency: 'HT-VPUBND', clock: wd(10) });
    expect(routed.gates.postSigningReport).toEqual({ type: 'CALENDAR_DAYS', length: 30, basis: 'R' });
  });

  it('the added-consultee clock: shortened under the shortened procedure, with its basis', () => {
    const p = policy([route('All', { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' })], {
      addedConsultee: { clock: wd(7), shortenedClock: wd(3), basis: 'policy' },
    });
    expect(computePlan(p, proposal()).gates.addedConsultee).toEqual({ ...wd(7), basis: 'policy' });
    expect(computePlan(p, proposal({}, 'SHORTENED')).gates.addedConsultee).toEqual({ ...wd(3), basis: 'policy' });
    const noShort = policy([route('All', { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' })], { addedConsultee: { clock: wd(7) } });
    expect(computePlan(noShort, proposal({}, 'SHORTENED')).gates.addedConsultee).toEqual(wd(7));
  });

  it('no route: NoRouteError naming the kind', () => {
    const p = policy([route('Border', { field: 'details.level', equals: 'BORDER_COMMUNE' })]);
    const office: RoutableProposal = { kind: 'OVERSEAS_OFFICE', procedure: 'STANDARD', details: {} };
    expect(() => computePlan(p, office)).toThrow(new NoRouteError(office).message);
    expect(new NoRouteError(office).message).toBe('No route of the routing policy matches this proposal (kind OVERSEAS_OFFICE)');
    expect(new NoRouteError(office).proposal).toBe(office);
  });

  it('a refusing route refuses with its message, on its field (details when it names none)', () => {
    const refusing = (field?: string) =>
      policy([
        route(
          'Ministry',
          { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' },
          {
            stages: [],
            refuse: { message: 'Bộ tự trình', ...(field ? { field } : {}) },
          },
        ),
      ]);
    const refusal = (p: RoutingPolicy) => {
      try {
        computePlan(p, proposal());
      } catch (e) {
        return e as RouteRefusedError;
      }
      throw new Error('not refused');
    };
    expect(refusal(refusing())).toBeInstanceOf(RouteRefusedError);
    expect(refusal(refusing())).toMatchObject({ message: 'Bộ tự trình', field: 'details', route: { name: 'Ministry' } });
    expect(refusal(refusing('details.participationLevel')).field).toBe('details.participationLevel');
  });

  it('a route not in force yet is refused before its first day, and usable from that day or without a date', () => {
    const p = policy([route('Office', { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' }, { effectiveFrom: '2026-04-01' })]);
    expect(() => computePlan(p, proposal(), { today: '2026-03-31' })).toThrow(RouteNotInForceError);
    expect(() => computePlan(p, proposal(), { today: '2026-03-31' })).toThrow(
      'The route "Office" applies from 2026-04-01; it cannot be used before that day',
    );
    expect(computePlan(p, proposal(), { today: '2026-04-01' }).stages).toHaveLength(2);
    expect(computePlan(p, proposal()).stages).toHaveLength(2);
  });
});

describe('amendPlan', () => {
  const by = { id: 'u1', fullName: 'Lê Minh Châu' };
  const withConsultation = (): Plan =>
    computePlan(
      policy([
        route(
          'All',
          { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' },
          {
            stages: [
              { stage: 'INTAKE', tasks: [{ kind: 'INTAKE_CHECK', candidateAgency: 'HT-SNGV', clock: wd(2) }] },
              { stage: 'CONSULTATION', tasks: [{ kind: 'OPINION', candidateAgency: 'HT-SNGV', clock: wd(7) }] },
              { stage: 'CONSULTATION', tasks: [{ kind: 'OPINION', candidateAgency: 'HT-CA', clock: wd(7) }] },
            ],
          },
        ),
      ]),
      proposal(),
    );
  const noConsultation = (): Plan => computePlan(policy([route('All', { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' })]), proposal());

  it('without consultees only records the amendment, after earlier ones, and leaves the base alone', () => {
    const base = { ...noConsultation(), amendments: [{ at: 'earlier', by }] };
    const amended = amendPlan(base, { at: 'now', by, procedure: 'STANDARD' }, 'STANDARD');
    expect(amended.stages).toEqual(base.stages);
    expect(amended.amendments).toEqual([
      { at: 'earlier', by },
      { at: 'now', by, procedure: 'STANDARD' },
    ]);
    expect(base.amendments).toHaveLength(1);
    expect(amendPlan(noConsultation(), { at: 'now', by, addedConsultees: [] }, 'STANDARD').stages.map((st) => st.stage)).toEqual([
      'INTAKE',
      'DECISION',
    ]);
  });

  it('a route without consultation gets one right after intake (or first when there is no intake), with 7 or 3 working days', () => {
    const amended = amendPlan(noConsultation(), { at: 'now', by, addedConsultees: [{ agency: 'HT-CA' }] }, 'STANDARD');
    expect(amended.stages.map((st) => st.stage)).toEqual(['INTAKE', 'CONSULTATION', 'DECISION']);
    expect(amended.stages[1]!.tasks).toEqual([
      { kind: 'OPINION', candidateAgency: 'HT-CA', clock: wd(7), basis: 'added at intake (INTAKE_CHECK addConsultees)', addedBy: by },
    ]);
    const withoutIntake = { ...noConsultation(), stages: noConsultation().stages.slice(1) };
    const shortened = amendPlan(withoutIntake, { at: 'now', by, addedConsultees: [{ agency: 'HT-CA' }] }, 'SHORTENED');
    expect(shortened.stages.map((st) => st.stage)).toEqual(['CONSULTATION', 'DECISION']);
    expect(shortened.stages[0]!.tasks[0]!.clock).toEqual(wd(3));
  });

  it('a plan left without any stage gets the consultation as its only stage', () => {
    const empty = { ...noConsultation(), stages: [] };
    const amended = amendPlan(empty, { at: 'now', by, addedConsultees: [{ agency: 'HT-CA' }] }, 'STANDARD');
    expect(amended.stages).toEqual([
      { stage: 'CONSULTATION', tasks: [expect.objectContaining({ kind: 'OPINION', candidateAgency: 'HT-CA', clock: wd(7) })] },
    ]);
  });

  it("joins the first consultation stage, on the plan's own added-consultee clock (its basis left out)", () => {
    const base = {
      ...withConsultation(),
      gates: { ...withConsultation().gates, addedConsultee: { type: 'CALENDAR_DAYS' as const, length: 10, basis: 'policy' } },
    };
    const amended = amendPlan(base, { at: 'now', by, addedConsultees: [{ agency: 'HT-SNGV', externalBody: 'MND' }] }, 'SHORTENED');
    expect(amended.stages[1]!.tasks[1]).toEqual({
      kind: 'EXTERNAL_OPINION',
      candidateAgency: 'HT-SNGV',
      externalBody: 'MND',
      clock: { type: 'CALENDAR_DAYS', length: 10 },
      basis: 'added at intake (INTAKE_CHECK addConsultees)',
      addedBy: by,
    });
    expect(amended.stages[2]!.tasks).toHaveLength(1);
    expect(base.stages[1]!.tasks).toHaveLength(1);
  });

  it('refuses a consultee already consulted in any consultation stage, or added twice, naming it', () => {
    const refused = (added: { agency: string; externalBody?: string }[]) => {
      try {
        amendPlan(withConsultation(), { at: 'now', by, addedConsultees: added }, 'STANDARD');
      } catch (e) {
        expect(e).toBeInstanceOf(DuplicateConsulteeError);
        return [(e as DuplicateConsulteeError).index, (e as Error).message];
      }
      return null;
    };
    expect(refused([{ agency: 'HT-CA' }])).toEqual([0, 'HT-CA is already consulted on this proposal']);
    expect(
      refused([{ agency: 'HT-BCHQS' }, { agency: 'HT-SNGV', externalBody: 'MOFA' }, { agency: 'HT-SNGV', externalBody: 'MOFA' }]),
    ).toEqual([2, 'MOFA is already consulted on this proposal']);
    // The same agency as an opinion and as the recorder of a central body are different consultees.
    expect(
      refused([
        { agency: 'HT-SNGV', externalBody: 'MOFA' },
        { agency: 'HT-SNGV', externalBody: 'MND' },
      ]),
    ).toBeNull();
  });
});

describe('CONSULTED_CENTRAL_BODIES (the central bodies an intake officer may add)', () => {
  it('are the four ministries of docs/api.md (INTAKE_CHECK addConsultees), in any order', () => {
    expect([...CONSULTED_CENTRAL_BODIES].sort()).toEqual(['MND', 'MOF', 'MOFA', 'MPS']);
  });

  it("include every central body the default policy's consultations record, so a removed one can be added back", () => {
    const recorded = DEFAULT_POLICY.routes.flatMap((r) =>
      r.stages.flatMap((s) => s.tasks.filter((t) => t.kind === 'EXTERNAL_OPINION').map((t) => t.externalBody!)),
    );
    expect(recorded.length).toBeGreaterThan(0);
    expect(CONSULTED_CENTRAL_BODIES).toEqual(expect.arrayContaining(recorded));
  });
});
