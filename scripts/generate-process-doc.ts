// `npm run docs:process`: writes docs/process.md from the default routing policy, so the process people read is
// the one the code runs. A unit test (libs/domain/src/routing/process-doc.spec.ts) fails when the committed file
// differs from this output: change the policy, then run this script.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AGREEMENT_ACTIONS,
  DEFAULT_POLICY,
  PARTICIPATION_LEVELS,
  PROCEDURES,
  SIGNING_LEVELS,
  SUBMITTING_AGENCY,
  type Clock,
  type Condition,
  type PolicyRoute,
  type PolicyTask,
  type Procedure,
  type ProposalKind,
  type RoutingPolicy,
  type Stage,
  type TaskKind,
} from '@accord/domain';
import { evaluatePartially } from '@accord/domain/routing/policy-validation';
import { DEMO_AGENCIES } from '@accord/persistence/seed/demo-data';

export interface AgencyName {
  code: string;
  name: string;
  nameEn: string;
}

// English with the Vietnamese terms of docs/domain.md's glossary.
const KIND: Record<ProposalKind, string> = {
  INTERNATIONAL_AGREEMENT: 'International agreement (thỏa thuận quốc tế)',
  MECHANISM_PARTICIPATION: 'Cooperation mechanism, forum or network participation (tham gia cơ chế hợp tác, diễn đàn, mạng lưới)',
  OVERSEAS_OFFICE: 'Representative office abroad (văn phòng đại diện ở nước ngoài)',
};
const LEVEL: Record<string, string> = {
  PROVINCIAL_COMMITTEE: "Provincial People's Committee (UBND tỉnh)",
  DEPARTMENT: 'Department (sở)',
  BORDER_COMMUNE: 'Border commune (UBND xã biên giới)',
  COMMUNE_COMMITTEE: "Commune People's Committee (UBND xã)",
  MINISTRY: 'Ministry (bộ, ngành)',
};
const ACTION: Record<string, string> = {
  SIGN: 'sign (ký kết)',
  AMEND: 'amend (sửa đổi, bổ sung)',
  EXTEND: 'extend (gia hạn)',
  TERMINATE: 'terminate (chấm dứt)',
};
const PROCEDURE: Record<Procedure, string> = { STANDARD: 'standard procedure', SHORTENED: 'shortened procedure (thủ tục rút gọn)' };
const STAGE: Partial<Record<Stage, string>> = {
  INTAKE: 'Intake (tiếp nhận, kiểm tra hồ sơ)',
  CONSULTATION: 'Consultation (lấy ý kiến)',
  ABSORPTION: 'Absorption (tiếp thu, giải trình)',
  APPRAISAL: 'Justice appraisal (thẩm định)',
  DECISION: 'Decision (quyết định)',
  CENTRAL_DECISION: 'Central decision (Chính phủ quyết định)',
  SIGNING: 'Signing (ký kết)',
};
const TASK: Partial<Record<TaskKind, string>> = {
  INTAKE_CHECK: 'completeness check of the dossier (hồ sơ)',
  OPINION: 'written opinion (cho ý kiến)',
  EXTERNAL_OPINION: "central body's written opinion, recorded by SNgV",
  ABSORPTION: 'absorption and explanation report (tiếp thu, giải trình)',
  APPRAISAL: 'justice appraisal (thẩm định)',
  DECISION: "Chairman's decision (Chủ tịch UBND)",
  CENTRAL_DECISION: "Government's decision, recorded by SNgV",
  SIGNING: 'signing record (ký kết)',
  PM_CONSENT: "Prime Minister's written consent (Thủ tướng), recorded by SNgV",
};
/** Central bodies have no users: HT-SNGV records their answers (docs/api.md "Demo data"). */
const EXTERNAL_BODIES: Record<string, string> = {
  MOFA: 'Bộ Ngoại giao (BNG) — Ministry of Foreign Affairs',
  MND: 'Bộ Quốc phòng (BQP) — Ministry of National Defence',
  MPS: 'Bộ Công an (BCA) — Ministry of Public Security',
  MOF: 'Bộ Tài chính (BTC) — Ministry of Finance',
  PM: 'Thủ tướng Chính phủ (TTg) — Prime Minister',
  GOV: 'Chính phủ — the Government',
};
const FLAG: Record<string, string> = {
  'details.touchesDefence': 'it touches defence (quốc phòng)',
  'details.touchesSecurity': 'it touches security (an ninh)',
  'details.touchesInvestment': 'it touches investment',
  'details.borderArea': 'it concerns the border area',
};

/** One combination of the fields routes are chosen by. */
interface Combination {
  kind: ProposalKind;
  level?: string;
  action?: string;
  procedure: Procedure;
  known: Record<string, unknown>;
}

function combinations(): Combination[] {
  const out: Combination[] = [];
  for (const level of SIGNING_LEVELS) {
    for (const action of AGREEMENT_ACTIONS) {
      for (const procedure of PROCEDURES) {
        out.push({
          kind: 'INTERNATIONAL_AGREEMENT',
          level,
          action,
          procedure,
          known: { kind: 'INTERNATIONAL_AGREEMENT', procedure, 'details.level': level, 'details.action': action },
        });
      }
    }
  }
  for (const level of PARTICIPATION_LEVELS) {
    for (const procedure of PROCEDURES) {
      out.push({
        kind: 'MECHANISM_PARTICIPATION',
        level,
        procedure,
        known: { kind: 'MECHANISM_PARTICIPATION', procedure, 'details.participationLevel': level },
      });
    }
  }
  for (const procedure of PROCEDURES) out.push({ kind: 'OVERSEAS_OFFICE', procedure, known: { kind: 'OVERSEAS_OFFICE', procedure } });
  return out;
}

function describeCondition(c: Condition, nested = false): string {
  if ('all' in c) return wrap(c.all.map((x) => describeCondition(x, true)).join(' and '), nested && c.all.length > 1);
  if ('any' in c) return wrap(c.any.map((x) => describeCondition(x, true)).join(' or '), nested && c.any.length > 1);
  if ('not' in c) return `not (${describeCondition(c.not)})`;
  const name = c.field.replace(/^details\./, '');
  if ('in' in c) return `\`${name}\` is one of ${c.in.map((v) => `\`${String(v)}\``).join(', ')}`;
  if ('contains' in c) return `\`${name}\` contains \`${String(c.contains)}\``;
  if (FLAG[c.field] && typeof c.equals === 'boolean') return c.equals ? FLAG[c.field]! : `not: ${FLAG[c.field]!}`;
  return `\`${name}\` = \`${String(c.equals)}\``;
}
const wrap = (s: string, yes: boolean) => (yes ? `(${s})` : s);

const clockText = (clock: Clock) =>
  `${clock.length} ${clock.type === 'WORKING_DAYS' ? `working day${clock.length === 1 ? '' : 's'} (ngày làm việc)` : `calendar day${clock.length === 1 ? '' : 's'} (ngày)`}`;

function agencyText(code: string, agencies: Map<string, AgencyName>): string {
  if (code === SUBMITTING_AGENCY) return 'the submitting agency (cơ quan đề xuất)';
  const a = agencies.get(code);
  return a ? `${code} — ${a.name} (${a.nameEn})` : code;
}

/** The plan of a route for the known fields, as a Markdown table; conditional tasks say when they apply. */
function renderRoute(
  policy: RoutingPolicy,
  route: PolicyRoute,
  procedure: Procedure,
  known: Record<string, unknown>,
  agencies: Map<string, AgencyName>,
): string {
  if (route.refuse) {
    return `**Refused** (400 on \`${route.refuse.field ?? 'details'}\`): ${route.refuse.message}. Basis: ${route.refuse.basis ?? route.basis ?? '—'}.`;
  }
  const rows: string[] = ['| # | Stage | Task | Acts | Central body | Clock | Applies | Basis |', '|---|---|---|---|---|---|---|---|'];
  let n = 0;
  for (const stage of route.stages) {
    const stageWhen = evaluatePartially(stage.when, known);
    if (stageWhen === false) continue;
    const tasks = stage.tasks.filter((t) => evaluatePartially(t.when, known) !== false);
    if (!tasks.length) continue;
    n += 1;
    tasks.forEach((task: PolicyTask, i) => {
      const shortened = procedure === 'SHORTENED' && task.shortenedClock;
      const clock = shortened ? `${clockText(task.shortenedClock!)}, shortened from ${task.clock.length}` : clockText(task.clock);
      const conditions = [
        stageWhen === undefined && stage.when ? stage.when : undefined,
        evaluatePartially(task.when, known) === undefined ? task.when : undefined,
      ].filter((c): c is Condition => !!c);
      rows.push(
        `| ${i === 0 ? n : ''} | ${i === 0 ? (STAGE[stage.stage] ?? stage.stage) : ''} | ${TASK[task.kind] ?? task.kind} | ${agencyText(task.candidateAgency, agencies)} | ${
          task.externalBody ? (EXTERNAL_BODIES[task.externalBody] ?? task.externalBody) : ''
        } | ${clock} | ${conditions.length ? `if ${conditions.map((c) => describeCondition(c)).join(' and ')}` : 'always'} | ${task.basis ?? '**none**'} |`,
      );
    });
  }
  const pm = route.gates?.pmConsent ?? policy.gates.pmConsent;
  const report = route.gates?.postSigningReport ?? policy.gates.postSigningReport;
  rows.push(
    '',
    `- Prime Minister's consent (Thủ tướng) when a consulted body disagreed: ${
      pm
        ? `${agencyText(pm.candidateAgency, agencies)} records it, ${clockText(pm.clock)}. Basis: ${pm.basis ?? '**none**'}.`
        : "**no such gate** on this route: a disagreement goes to the Chairman's decision, which is shown who disagreed."
    }`,
  );
  if (route.stages.some((st) => st.stage === 'SIGNING')) {
    rows.push(`- Post-signing report (báo cáo sau ký): ${clockText(report)} from signing. Basis: ${report.basis ?? '**none**'}.`);
  }
  if (route.effectiveFrom)
    rows.push(`- In force from **${route.effectiveFrom}**: before that day submission and preview are refused (400).`);
  return rows.join('\n');
}

/** docs/process.md for a policy: every routing combination, its stages, consultees and clocks. */
export function renderProcessDoc(policy: RoutingPolicy, agencyList: readonly AgencyName[]): string {
  const agencies = new Map(agencyList.map((a) => [a.code, a]));
  const out: string[] = [];
  out.push(
    '<!-- Generated by scripts/generate-process-doc.ts from the default routing policy; do not edit. Run `npm run docs:process`. -->',
    `# Accord — approval process (routing policy ${policy.version})`,
    '',
    'How each proposal is routed under the default routing policy of a province (docs/domain.md; Law on International Agreements',
    '70/2020/QH14, Decree 64/2021/NĐ-CP as amended by Decree 177/2025/NĐ-CP, Resolution 250/2025/QH15, the Hà Tĩnh plan).',
    'The policy is data: an administrator publishes new versions (`POST /api/v1/policies`); a proposal keeps the plan',
    'computed at its submission. `GET /api/v1/policies/current` shows the version in force.',
    '',
    'Reading the tables: stages run one after another; the tasks of one stage run in parallel, and the stage ends when',
    'all of them are done. Two consecutive Consultation stages therefore mean sequential consultation. Clocks start',
    'the day after the task opens (Civil Code Art 147-148) and end at 24:00 Asia/Ho_Chi_Minh of their last day; working',
    'days (ngày làm việc) skip weekends and public holidays; a calendar-day (ngày) period ending on a day off ends on the',
    'next working day. Reminders go out at 50 % and 80 % of a clock; at 100 % the task is overdue and escalated.',
    '',
    '## Which plan applies',
    '',
    '| Kind | Level | Action | Procedure | Route | Plan |',
    '|---|---|---|---|---|---|',
  );
  const sections: { title: string; body: string; route: PolicyRoute; procedure: Procedure; combos: Combination[] }[] = [];
  const unrouted: Combination[] = [];
  for (const combo of combinations()) {
    const route = policy.routes.find((r) => evaluatePartially(r.when, combo.known) !== false);
    if (!route) {
      unrouted.push(combo);
      out.push(`| ${combo.kind} | ${combo.level ?? '—'} | ${combo.action ?? '—'} | ${combo.procedure} | no route | — |`);
      continue;
    }
    const body = renderRoute(policy, route, combo.procedure, combo.known, agencies);
    let section = sections.find((s) => s.body === body && s.route === route);
    if (!section) {
      section = { title: `${route.name} — ${PROCEDURE[combo.procedure]}`, body, route, procedure: combo.procedure, combos: [] };
      sections.push(section);
    }
    section.combos.push(combo);
    const maybe = evaluatePartially(route.when, combo.known) === undefined ? ' (if its condition holds)' : '';
    out.push(
      `| ${combo.kind} | ${combo.level ?? '—'} | ${combo.action ?? '—'} | ${combo.procedure} | ${route.name}${maybe} | [§ ${sections.indexOf(section) + 1}](#plan-${sections.indexOf(section) + 1}) |`,
    );
  }
  out.push('');
  sections.forEach((s, i) => {
    const kinds = [...new Set(s.combos.map((c) => c.kind))];
    const levels = [...new Set(s.combos.map((c) => c.level).filter((l): l is string => !!l))];
    const actions = [...new Set(s.combos.map((c) => c.action).filter((a): a is string => !!a))];
    out.push(`<a id="plan-${i + 1}"></a>`, `## § ${i + 1}. ${s.title}`, '');
    out.push(`- Kind: ${kinds.map((k) => KIND[k]).join('; ')}`);
    if (levels.length) out.push(`- Level: ${levels.map((l) => LEVEL[l] ?? l).join('; ')}`);
    if (actions.length) out.push(`- Action: ${actions.map((a) => ACTION[a] ?? a).join('; ')}`);
    out.push(`- Procedure: ${PROCEDURE[s.procedure]!.replace(' procedure', '')}`);
    if (s.route.basis) out.push(`- Route basis: ${s.route.basis}`);
    out.push('', s.body, '');
  });
  if (unrouted.length)
    out.push('**No route applies** to the combinations marked "no route" above: such proposals cannot be submitted.', '');
  const gates = policy.gates;
  out.push(
    '## Tasks opened by decisions (all routes)',
    '',
    '| Task | Acts | Central body | Clock | Opened when | Basis |',
    '|---|---|---|---|---|---|',
    `| supplement the dossier (bổ sung hồ sơ) | ${agencyText(SUBMITTING_AGENCY, agencies)} |  | ${clockText(gates.supplement)} | a reviewer asks REQUEST_SUPPLEMENT; the stage's other clocks stop until the complete dossier is back | ${gates.supplement.basis ?? '**none**'} |`,
    `| revise the dossier | ${agencyText(SUBMITTING_AGENCY, agencies)} |  | ${clockText(gates.revision)} | appraisal NOT_CONFORMS or decision RETURN_FOR_REVISION; the proposal then returns to that stage | ${gates.revision.basis ?? '**none**'} |`,
    ...(gates.pmConsent
      ? [
          `| ${TASK[gates.pmConsent.kind] ?? gates.pmConsent.kind} | ${agencyText(gates.pmConsent.candidateAgency, agencies)} | ${gates.pmConsent.externalBody ? (EXTERNAL_BODIES[gates.pmConsent.externalBody] ?? gates.pmConsent.externalBody) : ''} | ${clockText(gates.pmConsent.clock)} | the Chairman approves after a consulted body disagreed (DISAGREE) | ${gates.pmConsent.basis ?? '**none**'} |`,
        ]
      : []),
    `| post-signing report to the Prime Minister, copy to MOFA (báo cáo sau ký), unless the route says otherwise | ${agencyText(SUBMITTING_AGENCY, agencies)} |  | ${clockText(gates.postSigningReport)} from signing | an agreement is signed | ${gates.postSigningReport.basis ?? '**none**'} |`,
    ...(gates.addedConsultee
      ? [
          `| opinion of a consultee the intake officer added (\`addConsultees\`) | the added agency (HT-SNGV for a central body) |  | ${clockText(gates.addedConsultee.clock)}${gates.addedConsultee.shortenedClock ? `, ${clockText(gates.addedConsultee.shortenedClock)} if shortened` : ''} | the intake officer completes INTAKE_CHECK with COMPLETE and \`addConsultees\`; they join the first Consultation stage | ${gates.addedConsultee.basis ?? '**none**'} |`,
        ]
      : []),
    '',
    ...VERIFICATION,
    '',
    '## Agencies and central bodies',
    '',
    '| Code | Name | English |',
    '|---|---|---|',
    ...agencyList.map((a) => `| ${a.code} | ${a.name} | ${a.nameEn} |`),
    `| ${SUBMITTING_AGENCY} | cơ quan đề xuất | the agency that submitted the proposal |`,
    '',
    'Central bodies have no users in Accord: HT-SNGV records their written answers.',
    '',
    '| Code | Body |',
    '|---|---|',
    ...Object.entries(EXTERNAL_BODIES).map(([code, name]) => `| ${code} | ${name} |`),
    '',
  );
  return out.join('\n');
}

/**
 * Which citations were checked against a text (issue 13). The sources are ../shared/sources (see its README); the
 * full texts of Law 70/2020, Decree 64/2021 and Resolution 250/2025 were out of reach, so citations of them rest on
 * docs/domain.md and the legal review and are marked unverified; where nothing names a rule the basis is "policy".
 */
const VERIFICATION = [
  '## Basis of the steps: what was checked against a text',
  '',
  'Every planned task and gate carries a `basis`: the legal citation it rests on, or `policy` where the province chose',
  'it or the text was out of reach (a policy value can be changed by publishing a new version). Checked against the',
  'texts in `../shared/sources` (see its README); the full texts of Law 70/2020/QH14, Decree 64/2021/NĐ-CP and',
  'Resolution 250/2025/QH15 were not reachable, so citations of them follow docs/domain.md and the legal review (issue 13).',
  '',
  '| Rule | Basis | Verified in |',
  '|---|---|---|',
  '| Border communes: BCHQS and CA review agreement proposals for defence and security | Hà Tĩnh plan annex task 4 | source 004, annex task 4 (coordinators: Sở Ngoại vụ, Sở Tư pháp, Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh) |',
  '| Border communes: the Border Guard (HT-BDBP) reviews every border-commune agreement, side by side with BCHQS and CA, after SNgV | Decree 64/2021 Art 7 | not verified: Decree 64/2021 not in the sources (legal review) |',
  '| Defence / security review when `fields` contains DEFENCE / SECURITY, whatever the flags | Hà Tĩnh plan annex task 4 ("liên quan đến địa bàn, lĩnh vực trọng điểm") | source 004, annex task 4 |',
  "| Prime Minister's consent only on the provincial route | Law 70/2020 Art 19(4) | not verified: Law 70/2020 not in the sources (legal review, docs/domain.md) |",
  '| Post-signing report within 15 days, provincial route | Law 70/2020 Art 19(5) | not verified: Law 70/2020 not in the sources (docs/domain.md) |',
  '| Post-signing report on the department and border-commune routes (15 days) | policy | out of reach: Decree 64/2021 |',
  '| MOFA\'s written opinion on provincial agreements | Law 70/2020 Art 19(1) | not verified: Law 70/2020 not in the sources (the legal review corrects "Art 22") |',
  "| Mechanism participation: provincial and commune level decided by the provincial Chairman; SNgV leads with the Office of the People's Committee (HT-VPUBND) and concerned departments | Res. 250/2025 Art 15(1) | source 001 II.5 (Đồng Nai plan, same resolution) |",
  '| Mechanism participation by a ministry is refused (the ministry decides itself) | Res. 250/2025 Art 5 | source 002 (Art 5, 15: "giao Chính phủ quy định chi tiết về trình tự, thủ tục đối với Bộ, cơ quan ngang bộ và chính quyền địa phương") |',
  '| Mechanism participation: defence / security review when fields imply it | Res. 250/2025 Art 5, 15 | source 002 ("bảo đảm an ninh, quốc phòng", Art 5, 15) |',
  "| Mechanism participation: MOFA's opinion | policy | not named in source 001 II.5 |",
  '| Overseas office: SNgV with the Departments of Home Affairs (HT-SNV) and Finance (HT-STC) and concerned departments | source 001 II.4 | source 001 II.4 (Đồng Nai plan, same resolution) |',
  '| Overseas office: the Government decides (central stage) | Res. 250/2025 Art 14(2) | source 002 (Art 14: "giao Chính phủ quy định cụ thể về điều kiện, trình tự, thủ tục thành lập") |',
  '| Overseas office in force from 2026-04-01 | policy | the implementing decree was due in Q1 2026 (source 000, task 2a: Art 14(2)); its date of effect is in no source — publish a new version with the real date |',
  '| Department agreements: the Chairman decides within 5 working days | Decree 64/2021 Art 5 | not verified: Decree 64/2021 not in the sources |',
  '| Shortened procedure: 3 working days | Law 70/2020 Art 35, 39 | not verified: Law 70/2020 not in the sources (docs/domain.md) |',
  '| Intake 2 working days, consultation 7, absorption 5, decision 7, signing 30 days, supplement and revision 10, central decision 60 | policy | docs/domain.md default policy |',
  '| Justice appraisal by HT-STP | policy | docs/domain.md ("policy: on for agreements and overseas offices") |',
  '| Agreement dossier: purpose (need), main content, legal conformity, impact assessment (political, foreign relations, defence, security, socio-economic), feasibility — required by the api and the form; principles optional | Law 70/2020 Art 27 (docs/domain.md) | not verified: Law 70/2020 and Decree 64/2021 not in the sources |',
  '| An agreement has a Vietnamese text: `languages` must include `vi` (400 otherwise) | legal review (issue 13) | not verified: Law 70/2020 not in the sources |',
  '| The draft text (bilingual) is attached | docs/domain.md | not enforced at submission: the intake officer checks it at INTAKE_CHECK and asks REQUEST_SUPPLEMENT when it is missing |',
  '| Shortened procedure needs a reason (`shortenedReason`, at least 20 characters); the intake officer may refuse it | policy (docs/api.md "Routing corrections") | — |',
];

export const PROCESS_DOC_PATH = join(__dirname, '..', 'docs', 'process.md');

/** The committed docs/process.md: the default policy with the demo province's agencies. */
export function processDoc(): string {
  return renderProcessDoc(DEFAULT_POLICY, DEMO_AGENCIES);
}

if (require.main === module) {
  writeFileSync(PROCESS_DOC_PATH, processDoc());
  console.log(`docs:process: wrote ${PROCESS_DOC_PATH}`);
}
