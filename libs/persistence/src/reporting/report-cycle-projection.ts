/** The read side of reporting cycles: opening a cycle from its policy, applying the cycle workflow's steps, storing its report. */
import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { cycleDates, isoDateInVietnam, type ReportCyclePolicy } from '@accord/domain';
import type { OpenedReportCycle, OpenReportCycleRequest, ReportCycleTransition } from '@accord/temporal/contracts';
import { appendAudit } from '../audit/audit-chain';
import { closeTasks, insertNotifications, pinAttachments } from '../projection/apply-transition';
import { reportPrefill, type ReportPrefill } from './report-data';

interface StoredPrefill {
  province: ReportPrefill;
  reporters: { agencyCode: string; prefill: ReportPrefill }[];
}

interface CycleRow {
  id: string;
  kind: string;
  year: number;
  title: string;
  workflow_id: string;
  opened_on: string;
  due_on: string;
  period_from: string;
  period_to: string;
  consolidator_agency_code: string;
  prefill: StoredPrefill;
}

const opened = (row: CycleRow): OpenedReportCycle => ({
  cycleId: row.id,
  title: row.title,
  openedOn: row.opened_on,
  dueOn: row.due_on,
  periodFrom: row.period_from,
  periodTo: row.period_to,
  consolidator: row.consolidator_agency_code,
  reporters: row.prefill.reporters as unknown as OpenedReportCycle['reporters'],
});

const CYCLE_SELECT = `SELECT id, kind, year, title, workflow_id, to_char(opened_on, 'YYYY-MM-DD') AS opened_on, to_char(due_on, 'YYYY-MM-DD') AS due_on,
  to_char(period_from, 'YYYY-MM-DD') AS period_from, to_char(period_to, 'YYYY-MM-DD') AS period_to, consolidator_agency_code, prefill FROM report_cycle`;

/** The policy document of a cycle kind (report_cycle_policy, seeded from DEFAULT_REPORT_CYCLE_POLICIES). */
export async function loadReportCyclePolicies(dataSource: DataSource): Promise<ReportCyclePolicy[]> {
  const rows: { document: ReportCyclePolicy }[] = await dataSource.query('SELECT document FROM report_cycle_policy ORDER BY kind');
  return rows.map((r) => r.document);
}

/**
 * Opens the cycle: its row with the period, due day, reporting agencies and what each report starts from (the
 * registry and plan items of the period), once per workflow. Reporting agencies: those leading plan items or
 * registered agreements, and the consolidating agency; for a CONSOLIDATOR cycle (the province's report to MOFA)
 * the consolidating agency alone. Returns null when another workflow already opened this kind for this year.
 */
export async function openReportCycle(dataSource: DataSource, r: OpenReportCycleRequest): Promise<OpenedReportCycle | null> {
  return dataSource.transaction(async (m) => {
    // Serialise openings of one kind and year (a schedule and an administrator may race).
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`report-cycle/${r.kind}/${r.year}`]);
    const [mine]: CycleRow[] = await m.query(`${CYCLE_SELECT} WHERE workflow_id = $1`, [r.workflowId]);
    if (mine) return opened(mine);
    const [taken]: { id: string }[] = await m.query('SELECT id FROM report_cycle WHERE kind = $1 AND year = $2', [r.kind, r.year]);
    if (taken) return null;
    const [policyRow]: { document: ReportCyclePolicy }[] = await m.query('SELECT document FROM report_cycle_policy WHERE kind = $1', [
      r.kind,
    ]);
    if (!policyRow) throw new Error(`No reporting cycle policy for ${r.kind}`);
    const policy = policyRow.document;
    const dates = cycleDates(policy, r.year);
    const now = new Date(r.at);
    const openedOn = isoDateInVietnam(now);
    const period = { from: dates.periodFrom, to: dates.periodTo };
    let agencies: string[] = [policy.consolidator];
    if (policy.reporters === 'LEADING_AGENCIES') {
      const leads: { code: string }[] = await m.query(
        `SELECT DISTINCT code FROM (
           SELECT lead_agency_code AS code FROM plan_item WHERE lead_agency_code IS NOT NULL
           UNION SELECT lead_agency_code FROM agreement
         ) x WHERE code IS NOT NULL ORDER BY code`,
      );
      agencies = [...new Set([...leads.map((l) => l.code), policy.consolidator])].sort();
    }
    const reporters: StoredPrefill['reporters'] = [];
    for (const agencyCode of agencies) {
      // The consolidating agency reports on the whole province when it is the only reporter (the report to MOFA).
      const scope = policy.reporters === 'CONSOLIDATOR' ? null : agencyCode;
      reporters.push({ agencyCode, prefill: await reportPrefill(m, period, scope, now) });
    }
    const prefill: StoredPrefill = { province: await reportPrefill(m, period, null, now), reporters };
    await m.query(
      `INSERT INTO report_cycle (id, kind, year, title, period_from, period_to, opened_on, due_on, status, consolidator_agency_code, workflow_id,
         opened_by, opened_at, prefill)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'OPEN',$9,$10,$11,$12,$13)`,
      [
        r.cycleId,
        r.kind,
        r.year,
        dates.title,
        dates.periodFrom,
        dates.periodTo,
        openedOn,
        r.dueOn ?? dates.dueOn,
        policy.consolidator,
        r.workflowId,
        r.openedBy?.id ?? null,
        r.at,
        JSON.stringify(prefill),
      ],
    );
    const [row]: CycleRow[] = await m.query(`${CYCLE_SELECT} WHERE id = $1`, [r.cycleId]);
    return opened(row!);
  });
}

/** One step of a cycle workflow, applied once per key in one transaction (tasks, notifications, audit). */
export async function applyReportCycleTransition(dataSource: DataSource, t: ReportCycleTransition): Promise<void> {
  await dataSource.transaction(async (m) => {
    const fresh: unknown[] = await m.query('INSERT INTO applied_transition (key) VALUES ($1) ON CONFLICT DO NOTHING RETURNING key', [
      t.key,
    ]);
    if (!fresh.length) return;
    await m.query(
      `UPDATE report_cycle SET status = $2::varchar, projection_seq = $3,
         consolidated_at = CASE WHEN $2::varchar = 'CONSOLIDATED' THEN COALESCE(consolidated_at, $4::timestamptz) ELSE consolidated_at END,
         consolidated_by = COALESCE(consolidated_by, $5::uuid)
       WHERE id = $1 AND projection_seq < $3`,
      [t.cycleId, t.status, t.seq, t.at, t.consolidatedBy ?? null],
    );
    for (const task of t.openTasks) {
      await m.query(
        `INSERT INTO task (id, proposal_id, report_cycle_id, kind, stage, candidate_agency_code, status, round, created_at, due_at, clock_type,
           clock_length, allowed_decisions, prefill)
         VALUES ($1,NULL,$2,$3,$4,$5,'OPEN',$6,$7,$8,$9,$10,$11,$12) ON CONFLICT (id) DO NOTHING`,
        [
          task.id,
          t.cycleId,
          task.kind,
          task.stage,
          task.candidateAgency,
          task.round,
          task.createdAt,
          task.dueAt,
          task.clockType,
          task.clockLength,
          task.allowedDecisions,
          JSON.stringify(task.prefill),
        ],
      );
    }
    await closeTasks(m, t);
    if (t.escalatedTaskIds.length) {
      await m.query('UPDATE task SET escalated_at = $2 WHERE id = ANY($1::uuid[]) AND escalated_at IS NULL', [t.escalatedTaskIds, t.at]);
    }
    await insertNotifications(m, { proposalId: null, at: t.at }, t.notifications);
    // A submitted report binds the hashes of the files given with it, as decisions do.
    const given = await pinAttachments(
      m,
      t.completedTasks.flatMap((c) => c.attachmentIds ?? []),
    );
    await appendAudit(
      m,
      t.audit.map((a) => {
        const ids = a.action === 'TASK_COMPLETED' ? (a.payload.attachmentIds as string[] | undefined) : undefined;
        return {
          ...a,
          at: t.at,
          proposalId: null,
          workflowId: t.workflowId,
          runId: t.runId,
          payload: ids?.length
            ? { ...a.payload, attachments: given.filter((g) => ids.includes(g.id)).map((g) => ({ id: g.id, sha256: g.sha256 })) }
            : a.payload,
        };
      }),
    );
  });
}

export interface GeneratedDocument {
  format: 'docx' | 'xlsx';
  content: Buffer;
}

/**
 * Keeps the consolidated report with its cycle (a retried generation replaces it) and records its hashes, with the id
 * of the cycle's official REPORT document when there is one.
 */
export async function storeReportDocuments(
  dataSource: DataSource,
  cycleId: string,
  documents: GeneratedDocument[],
  at: string,
  officialDocumentId?: string,
) {
  return dataSource.transaction(async (m) => {
    const stored = documents.map((d) => ({
      format: d.format,
      sha256: createHash('sha256').update(d.content).digest('hex'),
      bytes: d.content.length,
    }));
    for (const d of documents) {
      await m.query(
        `INSERT INTO report_cycle_document (cycle_id, format, content, sha256, generated_at) VALUES ($1,$2,$3,$4,$5)
         ON CONFLICT (cycle_id, format) DO UPDATE SET content = EXCLUDED.content, sha256 = EXCLUDED.sha256, generated_at = EXCLUDED.generated_at`,
        [cycleId, d.format, d.content, stored.find((s) => s.format === d.format)!.sha256, at],
      );
    }
    await appendAudit(m, [
      {
        at,
        actor: { id: 'system', name: 'Accord', type: 'SYSTEM' },
        action: 'REPORT_GENERATED',
        proposalId: null,
        stage: null,
        payload: { reportCycleId: cycleId, documents: stored, ...(officialDocumentId ? { officialDocumentId } : {}) },
      },
    ]);
    return { cycleId, documents: stored };
  });
}
