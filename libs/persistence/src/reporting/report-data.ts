/**
 * What reporting cycles report on, read from the registry and the plans: agreements signed, amended, expired and
 * terminated in a period (for one lead agency or the whole province), the plan items an agency leads with their
 * status, and — for the consolidated report — every agency's submission.
 */
import type { EntityManager } from 'typeorm';
import { isoDateInVietnam, type IsoDate } from '@accord/domain';
import { loadPlanItems, planItemClock, planItemLead } from '../plans/plan-item-rows';

export interface AgreementLine {
  id: string;
  number: string | null;
  title: string;
  counterpart: string | null;
  country: string;
  leadAgency: string;
  /** The lead agency's name (agency.name): what printed reports show. Absent from prefills stored before it existed. */
  leadAgencyName?: string;
  /** The registry's file reference of the agreement's proposal (TTQT-2026-00042). */
  fileReference?: string;
  signedOn: IsoDate;
  expiresOn: IsoDate | null;
  status: string;
}

export interface AgreementChangeLine extends AgreementLine {
  action: string;
  changedOn: IsoDate;
  reference: string | null;
}

export interface AgreementsInPeriod {
  signed: AgreementLine[];
  amended: AgreementChangeLine[];
  expired: AgreementLine[];
  terminated: AgreementLine[];
  /** In force at the end of the period (or today, if earlier). */
  inForce: number;
}

export interface PlanItemLine {
  planId: string;
  planTitle: string;
  itemId: string;
  no: number;
  task: string;
  lead: { code: string; name: string; group: boolean };
  timeFrame: string;
  recurrence: string | null;
  dueOn: IsoDate | null;
  status: string;
  overdue: boolean;
  lastUpdate: { status: string; note: string; at: string } | null;
}

export interface ReportPrefill {
  period: { from: IsoDate; to: IsoDate };
  agreements: AgreementsInPeriod;
  planItems: PlanItemLine[];
}

interface AgreementRow {
  id: string;
  number: string | null;
  title: string;
  counterpart: { name?: string } | null;
  country: string;
  lead_agency_code: string;
  lead_agency_name: string;
  file_reference: string;
  signed_on: string;
  expires_on: string | null;
  terminated_on: string | null;
  status: string;
  changes: { action: string; signedOn: string; reference?: string }[];
}

/** Agreements in [from, to] (Hanoi dates), for one lead agency or (null) the province. */
export async function agreementsInPeriod(
  m: EntityManager,
  from: IsoDate,
  to: IsoDate,
  agencyCode: string | null,
  today: IsoDate,
): Promise<AgreementsInPeriod> {
  const rows: AgreementRow[] = await m.query(
    `SELECT g.id, g.number, g.title, g.counterpart, g.country, g.lead_agency_code, a.name AS lead_agency_name, p.reference AS file_reference, g.status,
            g.changes, to_char(g.signed_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS signed_on,
            to_char(g.expires_on, 'YYYY-MM-DD') AS expires_on, to_char(g.terminated_on, 'YYYY-MM-DD') AS terminated_on
     FROM agreement g JOIN agency a ON a.code = g.lead_agency_code JOIN proposal p ON p.id = g.proposal_id WHERE ($1::varchar IS NULL OR g.lead_agency_code = $1) ORDER BY g.signed_at, g.id`,
    [agencyCode],
  );
  const within = (d: string | null | undefined) => !!d && d >= from && d <= to;
  const line = (r: AgreementRow): AgreementLine => ({
    id: r.id,
    number: r.number,
    title: r.title,
    counterpart: r.counterpart?.name ?? null,
    country: r.country,
    leadAgency: r.lead_agency_code,
    leadAgencyName: r.lead_agency_name,
    fileReference: r.file_reference,
    signedOn: r.signed_on,
    expiresOn: r.expires_on,
    status: r.status,
  });
  const end = to < today ? to : today;
  return {
    signed: rows.filter((r) => within(r.signed_on)).map(line),
    amended: rows.flatMap((r) =>
      (r.changes ?? [])
        .filter((c) => within(c.signedOn))
        .map((c) => ({ ...line(r), action: c.action, changedOn: c.signedOn, reference: c.reference ?? null })),
    ),
    expired: rows.filter((r) => r.status === 'EXPIRED' && within(r.expires_on)).map(line),
    terminated: rows.filter((r) => within(r.terminated_on)).map(line),
    inForce: rows.filter(
      (r) =>
        r.signed_on <= end &&
        (!r.expires_on || r.expires_on >= end) &&
        (!r.terminated_on || r.terminated_on > end) &&
        r.status !== 'TERMINATED',
    ).length,
  };
}

/** Plan items led by `agencyCode` (and those led by every agency), or all items when null, with status and overdue today. */
export async function planItemLines(m: EntityManager, agencyCode: string | null, today: IsoDate): Promise<PlanItemLine[]> {
  const rows = agencyCode
    ? await loadPlanItems(m, `(i.lead_agency_code = $1 OR i.lead_group = 'ALL_AGENCIES')`, [agencyCode])
    : await loadPlanItems(m, 'TRUE', []);
  const updates: { plan_item_id: string; status: string; note: string; created_at: Date }[] = rows.length
    ? await m.query(
        `SELECT DISTINCT ON (plan_item_id) plan_item_id, status, note, created_at FROM plan_item_update
       WHERE plan_item_id = ANY($1::uuid[]) ORDER BY plan_item_id, created_at DESC, id DESC`,
        [rows.map((r) => r.id)],
      )
    : [];
  const last = new Map(updates.map((u) => [u.plan_item_id, u]));
  return rows.map((r) => {
    const clock = planItemClock(r, today);
    const u = last.get(r.id);
    return {
      planId: r.plan_id,
      planTitle: r.plan_title,
      itemId: r.id,
      no: r.no,
      task: r.task,
      lead: planItemLead(r),
      timeFrame: r.time_frame,
      recurrence: r.recurrence,
      dueOn: clock.dueOn,
      status: r.status,
      overdue: clock.overdue,
      lastUpdate: u ? { status: u.status, note: u.note, at: u.created_at.toISOString() } : null,
    };
  });
}

export async function reportPrefill(
  m: EntityManager,
  period: { from: IsoDate; to: IsoDate },
  agencyCode: string | null,
  now: Date,
): Promise<ReportPrefill> {
  const today = isoDateInVietnam(now);
  return {
    period,
    agreements: await agreementsInPeriod(m, period.from, period.to, agencyCode, today),
    planItems: await planItemLines(m, agencyCode, today),
  };
}

// ---- The consolidated report ----

export interface AgencySubmission {
  agency: { code: string; name: string };
  status: 'SUBMITTED' | 'OPEN' | 'MISSING';
  dueAt: string;
  submittedAt: string | null;
  late: boolean;
  submittedBy: string | null;
  comment: string | null;
  attachments: { filename: string; sha256: string }[];
  prefill: ReportPrefill | null;
}

export interface ConsolidatedReportData {
  cycle: {
    id: string;
    kind: string;
    year: number;
    title: string;
    periodFrom: IsoDate;
    periodTo: IsoDate;
    openedOn: IsoDate;
    dueOn: IsoDate;
    status: 'OPEN' | 'CONSOLIDATED';
    consolidatedAt: string | null;
    consolidatedBy: string | null;
    consolidator: { code: string; name: string };
  };
  /**
   * Whose report it is, as the official heading prints it: the province (`Tỉnh Hà Tĩnh`), the place of the place-date
   * line (`Hà Tĩnh`) and the People's Committee it reports to.
   */
  authority: { provinceCode: string; provinceName: string; place: string; committee: string };
  /** Registry and plans as they stand when the report is generated. */
  province: ReportPrefill;
  submissions: AgencySubmission[];
  generatedAt: string;
}

export async function loadConsolidatedReportData(m: EntityManager, cycleId: string, now: Date): Promise<ConsolidatedReportData | null> {
  const [c]: {
    id: string;
    kind: string;
    year: number;
    title: string;
    period_from: string;
    period_to: string;
    opened_on: string;
    due_on: string;
    status: 'OPEN' | 'CONSOLIDATED';
    consolidated_at: Date | null;
    consolidated_by_name: string | null;
    consolidator_agency_code: string;
    consolidator_name: string;
    province_code: string;
    province_name: string;
    place: string;
    committee_name: string | null;
  }[] = await m.query(
    `SELECT c.id, c.kind, c.year, c.title, to_char(c.period_from, 'YYYY-MM-DD') AS period_from, to_char(c.period_to, 'YYYY-MM-DD') AS period_to,
            to_char(c.opened_on, 'YYYY-MM-DD') AS opened_on, to_char(c.due_on, 'YYYY-MM-DD') AS due_on, c.status, c.consolidated_at,
            u.full_name AS consolidated_by_name, c.consolidator_agency_code, a.name AS consolidator_name,
            pr.code AS province_code, pr.name AS province_name, regexp_replace(pr.name, '^(Tỉnh|Thành phố)\\s+', '') AS place,
            ub.name AS committee_name
     FROM report_cycle c JOIN agency a ON a.code = c.consolidator_agency_code JOIN province pr ON pr.code = c.province_code
     LEFT JOIN agency ub ON ub.code = pr.code || '-UBND'
     LEFT JOIN app_user u ON u.id = c.consolidated_by WHERE c.id = $1`,
    [cycleId],
  );
  if (!c) return null;
  const tasks: {
    candidate_agency_code: string;
    agency_name: string;
    status: string;
    due_at: Date;
    completed_at: Date | null;
    completed_by_name: string | null;
    comment: string | null;
    attachment_ids: string[];
    prefill: ReportPrefill | null;
  }[] = await m.query(
    `SELECT t.candidate_agency_code, a.name AS agency_name, t.status, t.due_at, t.completed_at, u.full_name AS completed_by_name, t.comment,
            t.attachment_ids, t.prefill
     FROM task t JOIN agency a ON a.code = t.candidate_agency_code LEFT JOIN app_user u ON u.id = t.completed_by
     WHERE t.report_cycle_id = $1 ORDER BY a.name, t.id`,
    [cycleId],
  );
  const attachmentIds = tasks.flatMap((t) => t.attachment_ids ?? []);
  const attachments: { id: string; filename: string; sha256: string }[] = attachmentIds.length
    ? await m.query('SELECT id, filename, sha256 FROM attachment WHERE id = ANY($1::uuid[])', [attachmentIds])
    : [];
  return {
    cycle: {
      id: c.id,
      kind: c.kind,
      year: c.year,
      title: c.title,
      periodFrom: c.period_from,
      periodTo: c.period_to,
      openedOn: c.opened_on,
      dueOn: c.due_on,
      status: c.status,
      consolidatedAt: c.consolidated_at?.toISOString() ?? null,
      consolidatedBy: c.consolidated_by_name,
      consolidator: { code: c.consolidator_agency_code, name: c.consolidator_name },
    },
    authority: {
      provinceCode: c.province_code,
      provinceName: c.province_name,
      place: c.place,
      committee:
        c.committee_name ?? `Ủy ban nhân dân ${c.province_name.replace(/^(Tỉnh|Thành phố)/u, (w) => w.toLocaleLowerCase('vi-VN'))}`,
    },
    province: await reportPrefill(m, { from: c.period_from, to: c.period_to }, null, now),
    submissions: tasks.map((t) => ({
      agency: { code: t.candidate_agency_code, name: t.agency_name },
      status: t.status === 'COMPLETED' ? 'SUBMITTED' : t.status === 'OPEN' ? 'OPEN' : 'MISSING',
      dueAt: t.due_at.toISOString(),
      submittedAt: t.completed_at?.toISOString() ?? null,
      late: !!t.completed_at && t.completed_at > t.due_at,
      submittedBy: t.completed_by_name,
      comment: t.comment,
      attachments: attachments
        .filter((a) => (t.attachment_ids ?? []).includes(a.id))
        .map((a) => ({ filename: a.filename, sha256: a.sha256 })),
      prefill: t.prefill,
    })),
    generatedAt: now.toISOString(),
  };
}
