import type { Clock } from '../tasks/task.types';
import { SUBMITTING_AGENCY } from './plan.types';
import type { Condition, PolicyStage, PolicyTask, RoutingPolicy } from './routing-policy';

const wd = (length: number): Clock => ({ type: 'WORKING_DAYS', length });
const cd = (length: number): Clock => ({ type: 'CALENDAR_DAYS', length });

/**
 * Every task and gate says why it is there (`basis`): a legal citation, or "policy" where the province chose it or
 * the text is out of reach. docs/process.md lists which citations were checked against the source texts and which
 * were not (issue 13); docs/domain.md "Legal basis" names the texts.
 */
export const POLICY = 'policy';
const SHORTENED = 'Law 70/2020 Art 35, 39 (3 working days under the shortened procedure)';

/** Consultation clock: 7 working days (policy), 3 under the shortened procedure (Law 70/2020 Art 35, 39). */
const consult = (task: Omit<PolicyTask, 'clock' | 'shortenedClock'>): PolicyTask => ({ ...task, clock: wd(7), shortenedClock: wd(3) });

const intake: PolicyStage = {
  stage: 'INTAKE',
  tasks: [
    {
      kind: 'INTAKE_CHECK',
      candidateAgency: 'HT-SNGV',
      clock: wd(2),
      basis: `${POLICY} (docs/domain.md: SNgV checks completeness in 2 working days)`,
    },
  ],
};
const absorption: PolicyStage = {
  stage: 'ABSORPTION',
  tasks: [
    {
      kind: 'ABSORPTION',
      candidateAgency: SUBMITTING_AGENCY,
      clock: wd(5),
      basis: `${POLICY} (docs/domain.md: the submitter answers the opinions)`,
    },
  ],
};
const appraisal: PolicyStage = {
  stage: 'APPRAISAL',
  tasks: [
    consult({
      kind: 'APPRAISAL',
      candidateAgency: 'HT-STP',
      basis: `${POLICY} (docs/domain.md: justice appraisal on for agreements and overseas offices)`,
    }),
  ],
};
const decision = (clock: Clock, basis: string): PolicyStage => ({
  stage: 'DECISION',
  tasks: [{ kind: 'DECISION', candidateAgency: 'HT-UBND', clock, basis }],
});
const signing: PolicyStage = {
  stage: 'SIGNING',
  tasks: [{ kind: 'SIGNING', candidateAgency: SUBMITTING_AGENCY, clock: cd(30), basis: `${POLICY} (signing record within 30 days)` }],
};

/** The cooperation fields imply the reviews: DEFENCE or SECURITY in `fields` counts like the submitter's own flag. */
const touchesDefence: Condition = {
  any: [
    { field: 'details.touchesDefence', equals: true },
    { field: 'details.fields', contains: 'DEFENCE' },
  ],
};
const touchesSecurity: Condition = {
  any: [
    { field: 'details.touchesSecurity', equals: true },
    { field: 'details.fields', contains: 'SECURITY' },
  ],
};
/** Hà Tĩnh plan (source 004), annex task 4: defence-security review of agreement proposals by BCHQS and CA. */
const DEFENCE_SECURITY_REVIEW = 'Hà Tĩnh plan (source 004) annex task 4';
const defenceAndSecurity: PolicyTask[] = [
  consult({ kind: 'OPINION', candidateAgency: 'HT-BCHQS', when: touchesDefence, basis: DEFENCE_SECURITY_REVIEW }),
  consult({ kind: 'OPINION', candidateAgency: 'HT-CA', when: touchesSecurity, basis: DEFENCE_SECURITY_REVIEW }),
];
const financeWhenInvestment = consult({
  kind: 'EXTERNAL_OPINION',
  candidateAgency: 'HT-SNGV',
  externalBody: 'MOF',
  when: { field: 'details.touchesInvestment', equals: true },
  basis: `${POLICY} (docs/domain.md: touchesInvestment -> MOF)`,
});

const kindIs = (kind: string): Condition => ({ field: 'kind', equals: kind });

/**
 * Default provincial policy, version 2026.2 (issue 13, a legal review of 2026.1; docs/domain.md "Routing policy").
 * Routes are tried in order; the first whose `when` holds gives the plan. Under the SHORTENED procedure every
 * consultation and appraisal clock is 3 working days (Law 70/2020 Art 35, 39; see `consult`).
 * Migration 1764000001500 publishes it as the current version; 2026.1 (policy-2026-1.ts) stays for the proposals
 * planned under it. Later versions are published as data through POST /api/v1/policies.
 */
export const DEFAULT_POLICY: RoutingPolicy = {
  version: '2026.2',
  routes: [
    {
      name: 'Provincial international agreement',
      basis: "Law 70/2020 Art 19 (agreements in the name of the provincial People's Committee)",
      when: { all: [kindIs('INTERNATIONAL_AGREEMENT'), { field: 'details.level', equals: 'PROVINCIAL_COMMITTEE' }] },
      stages: [
        intake,
        {
          stage: 'CONSULTATION',
          tasks: [
            consult({ kind: 'OPINION', candidateAgency: 'HT-SNGV', basis: 'Law 70/2020 Art 19(1) (concerned agencies)' }),
            ...defenceAndSecurity,
            // Law 70/2020 Art 19(1): an agreement in the name of the province needs MOFA's written opinion.
            consult({ kind: 'EXTERNAL_OPINION', candidateAgency: 'HT-SNGV', externalBody: 'MOFA', basis: 'Law 70/2020 Art 19(1)' }),
            financeWhenInvestment,
          ],
        },
        absorption,
        appraisal,
        decision(wd(7), `Law 70/2020 Art 19 (the Chairman decides); clock: ${POLICY}`),
        signing,
      ],
      gates: {
        // Law 70/2020 Art 19(4): when a consulted body disagrees, the province asks the Prime Minister before deciding.
        pmConsent: {
          kind: 'PM_CONSENT',
          candidateAgency: 'HT-SNGV',
          externalBody: 'PM',
          clock: wd(7),
          basis: `Law 70/2020 Art 19(4); clock: ${POLICY}`,
        },
        // Law 70/2020 Art 19(5): report to the Prime Minister, copy to MOFA, within 15 days of signing.
        postSigningReport: { ...cd(15), basis: 'Law 70/2020 Art 19(5)' },
      },
    },
    {
      name: 'Department international agreement',
      basis: 'Decree 64/2021 Art 5',
      when: { all: [kindIs('INTERNATIONAL_AGREEMENT'), { field: 'details.level', equals: 'DEPARTMENT' }] },
      stages: [
        intake,
        {
          stage: 'CONSULTATION',
          tasks: [consult({ kind: 'OPINION', candidateAgency: 'HT-SNGV', basis: 'Decree 64/2021 Art 5' }), ...defenceAndSecurity],
        },
        absorption,
        appraisal,
        // Decree 64/2021 Art 5: the Chairman decides department-level agreements within 5 working days; a
        // disagreement goes to that decision (shown to the Chairman), not to the Prime Minister (no pmConsent gate).
        decision(wd(5), 'Decree 64/2021 Art 5'),
        signing,
      ],
    },
    {
      name: 'Border-commune international agreement',
      basis: 'Decree 64/2021 Art 7 (as amended by Decree 177/2025)',
      when: { all: [kindIs('INTERNATIONAL_AGREEMENT'), { field: 'details.level', equals: 'BORDER_COMMUNE' }] },
      stages: [
        intake,
        // Decree 64/2021 Art 7: a border commune's dossier goes through the provincial Department of Foreign Affairs,
        // which gives its opinion first; then the Military Command, the Police and the Border Guard review every
        // border-commune agreement side by side, whatever the submitter's flags say (issue 13).
        { stage: 'CONSULTATION', tasks: [consult({ kind: 'OPINION', candidateAgency: 'HT-SNGV', basis: 'Decree 64/2021 Art 7' })] },
        {
          stage: 'CONSULTATION',
          tasks: [
            consult({ kind: 'OPINION', candidateAgency: 'HT-BCHQS', basis: `Decree 64/2021 Art 7; ${DEFENCE_SECURITY_REVIEW}` }),
            consult({ kind: 'OPINION', candidateAgency: 'HT-CA', basis: `Decree 64/2021 Art 7; ${DEFENCE_SECURITY_REVIEW}` }),
            consult({ kind: 'OPINION', candidateAgency: 'HT-BDBP', basis: 'Decree 64/2021 Art 7 (border area)' }),
          ],
        },
        absorption,
        appraisal,
        // The Chairman's decision gets the 5 working days Decree 64/2021 Art 5 sets for department-level ones.
        decision(wd(5), `${POLICY} (as Decree 64/2021 Art 5)`),
        signing,
      ],
    },
    {
      // Res. 250/2025 Art 5: ministries decide their own participation under the Government's decree; the
      // province neither routes nor decides it (source 002). Refused with a clear 400 instead of ending with the
      // provincial Chairman.
      name: 'Mechanism participation by a ministry (not provincial)',
      basis: 'Res. 250/2025 Art 5',
      when: { all: [kindIs('MECHANISM_PARTICIPATION'), { field: 'details.participationLevel', equals: 'MINISTRY' }] },
      stages: [],
      refuse: {
        field: 'details.participationLevel',
        message:
          'A ministry decides its own participation in a cooperation mechanism, forum or network (Res. 250/2025 Art 5); ' +
          'the provincial route does not handle it',
        basis: 'Res. 250/2025 Art 5',
      },
    },
    {
      // Res. 250/2025 Art 15(1): the Chairman of the provincial People's Committee decides the participation of the
      // province and of its communes; SNgV leads, with the People's Committee's office and the concerned departments
      // (source 001 II.5). No justice appraisal: nothing is signed.
      name: 'Mechanism, forum or network participation',
      basis: 'Res. 250/2025 Art 15(1)',
      when: kindIs('MECHANISM_PARTICIPATION'),
      stages: [
        intake,
        {
          stage: 'CONSULTATION',
          tasks: [
            consult({ kind: 'OPINION', candidateAgency: 'HT-SNGV', basis: 'Res. 250/2025 Art 15; source 001 II.5' }),
            consult({ kind: 'OPINION', candidateAgency: 'HT-VPUBND', basis: 'source 001 II.5' }),
            // Res. 250/2025 Art 5, 15 ensure defence and security (source 002): the cooperation fields imply the reviews.
            consult({
              kind: 'OPINION',
              candidateAgency: 'HT-BCHQS',
              when: { field: 'details.fields', contains: 'DEFENCE' },
              basis: 'Res. 250/2025 Art 5, 15 (source 002)',
            }),
            consult({
              kind: 'OPINION',
              candidateAgency: 'HT-CA',
              when: { field: 'details.fields', contains: 'SECURITY' },
              basis: 'Res. 250/2025 Art 5, 15 (source 002)',
            }),
            consult({ kind: 'EXTERNAL_OPINION', candidateAgency: 'HT-SNGV', externalBody: 'MOFA', basis: POLICY }),
          ],
        },
        absorption,
        decision(wd(7), `Res. 250/2025 Art 15(1); source 001 II.5; clock: ${POLICY}`),
      ],
    },
    {
      name: 'Representative office abroad (Res. 250 Art 14)',
      basis: 'Res. 250/2025 Art 14',
      // Res. 250/2025 Art 14(2) leaves conditions and procedure to a Government decree (source 002; Decision 601
      // task 2a, due Q1 2026, source 000) whose date of effect the sources do not give: a policy date, changed by
      // publishing a new version once the decree is known (docs/process.md).
      effectiveFrom: '2026-04-01',
      when: kindIs('OVERSEAS_OFFICE'),
      stages: [
        intake,
        {
          stage: 'CONSULTATION',
          tasks: [
            // Source 001 II.4: SNgV leads with the Departments of Home Affairs and Finance and the concerned departments
            // (these the intake officer adds).
            consult({ kind: 'OPINION', candidateAgency: 'HT-SNGV', basis: 'source 001 II.4' }),
            consult({ kind: 'OPINION', candidateAgency: 'HT-SNV', basis: 'source 001 II.4' }),
            consult({ kind: 'OPINION', candidateAgency: 'HT-STC', basis: 'source 001 II.4' }),
          ],
        },
        absorption,
        appraisal,
        decision(wd(7), `Res. 250/2025 Art 14 (the province proposes); clock: ${POLICY}`),
        // Res. 250/2025 Art 14: the province proposes, the Government decides; SNgV records the outcome.
        {
          stage: 'CENTRAL_DECISION',
          tasks: [
            {
              kind: 'CENTRAL_DECISION',
              candidateAgency: 'HT-SNGV',
              externalBody: 'GOV',
              clock: cd(60),
              basis: `Res. 250/2025 Art 14(2); clock: ${POLICY}`,
            },
          ],
        },
      ],
    },
  ],
  gates: {
    supplement: { ...wd(10), basis: POLICY },
    revision: { ...wd(10), basis: POLICY },
    // Outside the provincial route (which has Law 70/2020 Art 19(5)) the report follows the decree, whose text is
    // out of reach here: the same 15 days, as policy.
    postSigningReport: { ...cd(15), basis: `${POLICY} (as Law 70/2020 Art 19(5))` },
    // docs/domain.md "Post-signing duties": expiry reminders 180 and 60 days before the term ends.
    expiryReminderDays: [180, 60],
    addedConsultee: { clock: wd(7), shortenedClock: wd(3), basis: `${POLICY}; ${SHORTENED}` },
  },
};
