import type { Clock } from '../tasks/task.types';
import { SUBMITTING_AGENCY } from './plan.types';
import type { PolicyStage, PolicyTask, RoutingPolicy } from './routing-policy';

const wd = (length: number): Clock => ({ type: 'WORKING_DAYS', length });
const cd = (length: number): Clock => ({ type: 'CALENDAR_DAYS', length });

/** Consultation clock: 7 working days, 3 under the shortened procedure (Law 70/2020 Art 35, 39). */
const consult = (task: Omit<PolicyTask, 'clock' | 'shortenedClock'>): PolicyTask => ({ ...task, clock: wd(7), shortenedClock: wd(3) });

const intake: PolicyStage = { stage: 'INTAKE', tasks: [{ kind: 'INTAKE_CHECK', candidateAgency: 'HT-SNGV', clock: wd(2) }] };
const absorption: PolicyStage = { stage: 'ABSORPTION', tasks: [{ kind: 'ABSORPTION', candidateAgency: SUBMITTING_AGENCY, clock: wd(5) }] };
const appraisal: PolicyStage = { stage: 'APPRAISAL', tasks: [consult({ kind: 'APPRAISAL', candidateAgency: 'HT-STP' })] };
const decision = (clock: Clock): PolicyStage => ({ stage: 'DECISION', tasks: [{ kind: 'DECISION', candidateAgency: 'HT-UBND', clock }] });
const signing: PolicyStage = { stage: 'SIGNING', tasks: [{ kind: 'SIGNING', candidateAgency: SUBMITTING_AGENCY, clock: cd(30) }] };

const defenceAndSecurity: PolicyTask[] = [
  consult({ kind: 'OPINION', candidateAgency: 'HT-BCHQS', when: { field: 'details.touchesDefence', equals: true } }),
  consult({ kind: 'OPINION', candidateAgency: 'HT-CA', when: { field: 'details.touchesSecurity', equals: true } }),
];
const financeWhenInvestment = consult({
  kind: 'EXTERNAL_OPINION',
  candidateAgency: 'HT-SNGV',
  externalBody: 'MOF',
  when: { field: 'details.touchesInvestment', equals: true },
});

/**
 * Routing policy 2026.1, the first published version, frozen as migration 1764000000200 stored it: proposals
 * planned under it keep their plans, and a fresh database still starts from it. Do not change it; DEFAULT_POLICY
 * (default-policy.ts) is the current version.
 *
 * Original description: default provincial policy (docs/domain.md "Routing policy"; Law 70/2020, Decree 64/2021, Hà Tĩnh plan).
 * Issue 2 covers the provincial-committee agreement route; the other routes follow the same stages.
 * Routes are tried in order; the first whose `when` holds gives the plan. Under the SHORTENED procedure every
 * consultation and appraisal clock is 3 working days (Law 70/2020 Art 35, 39; see `consult`).
 * This is the first published version: migration 1764000000200 stores it in routing_policy, and later versions
 * are published as data through POST /api/v1/policies.
 */
export const POLICY_2026_1: RoutingPolicy = {
  version: '2026.1',
  routes: [
    {
      name: 'Provincial international agreement',
      when: {
        all: [
          { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' },
          { field: 'details.level', equals: 'PROVINCIAL_COMMITTEE' },
        ],
      },
      stages: [
        intake,
        {
          stage: 'CONSULTATION',
          tasks: [
            consult({ kind: 'OPINION', candidateAgency: 'HT-SNGV' }),
            ...defenceAndSecurity,
            // Law 70/2020 Art 19(1) (this version's comment said Art 22): provincial agreements need MOFA's written opinion.
            consult({ kind: 'EXTERNAL_OPINION', candidateAgency: 'HT-SNGV', externalBody: 'MOFA' }),
            financeWhenInvestment,
          ],
        },
        absorption,
        appraisal,
        decision(wd(7)),
        signing,
      ],
    },
    {
      name: 'Department international agreement',
      when: {
        all: [
          { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' },
          { field: 'details.level', equals: 'DEPARTMENT' },
        ],
      },
      stages: [
        intake,
        { stage: 'CONSULTATION', tasks: [consult({ kind: 'OPINION', candidateAgency: 'HT-SNGV' }), ...defenceAndSecurity] },
        absorption,
        appraisal,
        // Decree 64/2021 Art 5: the Chairman decides department-level agreements within 5 working days.
        decision(wd(5)),
        signing,
      ],
    },
    {
      name: 'Border-commune international agreement',
      when: {
        all: [
          { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' },
          { field: 'details.level', equals: 'BORDER_COMMUNE' },
        ],
      },
      stages: [
        intake,
        // Decree 64/2021 Art 7 (as amended by Decree 177/2025): a border commune's dossier goes through the
        // provincial Department of Foreign Affairs, which gives its opinion first; the defence and security
        // bodies are consulted after it, one at a time, so each sees the opinions before it. Consecutive
        // single-task CONSULTATION stages express that order (the engine advances by stage index).
        { stage: 'CONSULTATION', tasks: [consult({ kind: 'OPINION', candidateAgency: 'HT-SNGV' })] },
        {
          stage: 'CONSULTATION',
          tasks: [
            // A border commune lies in the border area: the Military Command (border defence) reviews it.
            consult({
              kind: 'OPINION',
              candidateAgency: 'HT-BCHQS',
              when: {
                any: [
                  { field: 'details.touchesDefence', equals: true },
                  { field: 'details.borderArea', equals: true },
                ],
              },
            }),
          ],
        },
        {
          stage: 'CONSULTATION',
          tasks: [consult({ kind: 'OPINION', candidateAgency: 'HT-CA', when: { field: 'details.touchesSecurity', equals: true } })],
        },
        absorption,
        appraisal,
        // Policy: the Chairman's decision gets the 5 working days Decree 64/2021 Art 5 sets for department-level ones.
        decision(wd(5)),
        signing,
      ],
    },
    {
      // Res. 250/2025 Art 15: the provincial or commune People's Committee joins a mechanism, forum or network
      // without a treaty; SNgV advises and MOFA gives its opinion. No justice appraisal: nothing is signed.
      name: 'Mechanism, forum or network participation',
      when: { field: 'kind', equals: 'MECHANISM_PARTICIPATION' },
      stages: [
        intake,
        {
          stage: 'CONSULTATION',
          tasks: [
            consult({ kind: 'OPINION', candidateAgency: 'HT-SNGV' }),
            consult({ kind: 'EXTERNAL_OPINION', candidateAgency: 'HT-SNGV', externalBody: 'MOFA' }),
          ],
        },
        absorption,
        decision(wd(7)),
      ],
    },
    {
      name: 'Representative office abroad (Res. 250 Art 14)',
      when: { field: 'kind', equals: 'OVERSEAS_OFFICE' },
      stages: [
        intake,
        {
          stage: 'CONSULTATION',
          tasks: [
            consult({ kind: 'OPINION', candidateAgency: 'HT-SNGV' }),
            consult({ kind: 'OPINION', candidateAgency: 'HT-CA' }),
            consult({ kind: 'EXTERNAL_OPINION', candidateAgency: 'HT-SNGV', externalBody: 'MOFA' }),
            consult({ kind: 'EXTERNAL_OPINION', candidateAgency: 'HT-SNGV', externalBody: 'MOF' }),
          ],
        },
        absorption,
        appraisal,
        decision(wd(7)),
        // Res. 250/2025 Art 14: the province proposes, the Government decides; SNgV records the outcome.
        {
          stage: 'CENTRAL_DECISION',
          tasks: [{ kind: 'CENTRAL_DECISION', candidateAgency: 'HT-SNGV', externalBody: 'GOV', clock: cd(60) }],
        },
      ],
    },
  ],
  gates: {
    supplement: wd(10),
    revision: wd(10),
    // The Prime Minister's written consent when a consulted body disagreed (docs/domain.md, decision stage).
    pmConsent: { kind: 'PM_CONSENT', candidateAgency: 'HT-SNGV', externalBody: 'PM', clock: wd(7) },
    // Law 70/2020 Art 19(5): report to the Prime Minister within 15 days of signing.
    postSigningReport: cd(15),
    // docs/domain.md "Post-signing duties": expiry reminders 180 and 60 days before the term ends.
    expiryReminderDays: [180, 60],
  },
};
