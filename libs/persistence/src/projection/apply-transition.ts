import { createHash, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { isoDateInVietnam } from '@accord/domain';
import { appliedTransition, type AppliedTransition, type Transition } from '@accord/temporal/contracts';
import { insertAuditChain } from '../audit/audit-chain';
import { canonicalJson } from '../audit/canonical-json';
import { insertDecisionDocument, insertPostSigningReportDocument } from '../documents/documents.repository';
import { addMonthsToIsoDate } from './dates';
import {
  applyStep,
  CLOSE_TASKS_SQL,
  closedAfterOpening,
  completedTaskRows,
  NOTIFY_SQL,
  notificationRows,
  type DossierSeen,
} from './transition-step';

export function dossierHash(content: unknown, attachments: unknown): string {
  return createHash('sha256').update(canonicalJson({ content, attachments })).digest('hex');
}

/** Pins the attachments a dossier version refers to by their hashes. */
export async function pinAttachments(manager: EntityManager, ids: string[]): Promise<{ id: string; sha256: string; filename: string }[]> {
  if (!ids.length) return [];
  return manager.query('SELECT id, sha256, filename FROM attachment WHERE id = ANY($1::uuid[]) ORDER BY id', [ids]);
}

/**
 * Writes one workflow step to the read side in a single transaction, at most once per `transition.key`:
 * a retried activity finds its key in applied_transition and changes nothing. A decision costs four round trips
 * (BEGIN, the step's statement, the audit INSERT, COMMIT); the rarer parts of a step add their own statements.
 */
export async function applyTransition(dataSource: DataSource, t: Transition): Promise<AppliedTransition> {
  await dataSource.transaction(async (m) => {
    const decided = t.audit.some((a) => a.action === 'TASK_COMPLETED');
    // A RESUBMIT binds the version it inserts below (insertDossierVersion returns it): no dossier read for it.
    const step = await applyStep(m, t, { readDossier: decided && !t.dossier });
    if (!step.fresh) return;

    // The intake officer amended the plan (added consultees, refused the shortened procedure): the proposal shows it.
    if (t.plan) await m.query('UPDATE proposal SET plan = $2 WHERE id = $1', [t.proposalId, JSON.stringify(t.plan)]);
    if (t.procedure) await m.query('UPDATE proposal SET procedure = $2 WHERE id = $1', [t.proposalId, t.procedure]);
    const closeLater = closedAfterOpening(t);
    if (closeLater.completedTasks.length || closeLater.cancelledTaskIds.length) await closeTasks(m, closeLater);
    await draftDecisionDocuments(m, t);
    await draftPostSigningReports(m, t);
    for (const p of t.pausedTasks) {
      await m.query('UPDATE task SET paused = true, paused_reason = $2 WHERE id = $1', [p.id, p.reason]);
    }
    for (const r of t.resumedTasks) {
      await m.query('UPDATE task SET paused = false, paused_reason = NULL, due_at = $2 WHERE id = $1', [r.id, r.dueAt]);
    }
    for (const r of t.rescheduledTasks ?? []) {
      await m.query('UPDATE task SET due_at = $2 WHERE id = $1', [r.id, r.dueAt]);
    }
    if (t.escalatedTaskIds.length) {
      await m.query('UPDATE task SET escalated_at = $2 WHERE id = ANY($1::uuid[]) AND escalated_at IS NULL', [t.escalatedTaskIds, t.at]);
    }
    // A RESUBMIT's decision binds the version it inserts here.
    const resubmitted = t.dossier ? await insertDossierVersion(m, t) : null;
    if (t.agreement) await registerAgreement(m, t);
    if (t.agreementChange) await changeAgreement(m, t);
    const record = decided ? await decisionRecord(m, t, resubmitted ?? step.dossier) : () => ({});
    await insertAuditChain(
      m,
      t.audit.map((a) => ({
        ...a,
        at: t.at,
        proposalId: t.proposalId,
        workflowId: t.workflowId,
        runId: t.runId,
        ...(a.action === 'TASK_COMPLETED' ? { payload: { ...a.payload, ...record(a.payload.attachmentIds as string[] | undefined) } } : {}),
      })),
      step.auditHead,
    );
  });
  return appliedTransition(t);
}

/**
 * A decision binds what the decider saw: the dossier version and its hash (with its pinned attachment hashes) current
 * when the decision was recorded, and the hashes of the attachments given with the decision.
 */
async function decisionRecord(m: EntityManager, t: Transition, dossier: DossierSeen | null) {
  const seen = dossier
    ? {
        dossier: {
          version: dossier.version,
          hash: dossier.hash,
          attachments: dossier.attachments.map((a) => ({ id: a.id, sha256: a.sha256 })),
        },
      }
    : {};
  const given = await pinAttachments(
    m,
    t.completedTasks.flatMap((c) => c.attachmentIds ?? []),
  );
  return (attachmentIds?: string[]) => ({
    ...seen,
    ...(attachmentIds?.length
      ? { attachments: given.filter((a) => attachmentIds.includes(a.id)).map((a) => ({ id: a.id, sha256: a.sha256 })) }
      : {}),
  });
}

/**
 * The Chairman's APPROVE or REJECT of the DECISION task is a decision of the People's Committee: it gets its DRAFT
 * official document (Decree 30) in the same transaction, numbered later when a leader or clerk issues it (issue 17).
 */
async function draftDecisionDocuments(m: EntityManager, t: Transition): Promise<void> {
  const decided = t.completedTasks.filter((c) => c.decision === 'APPROVE' || c.decision === 'REJECT');
  if (!decided.length) return;
  // CENTRAL_DECISION takes the same decisions (recorded answers of the Government): not the province's document.
  const kinds: { id: string }[] = await m.query(`SELECT id FROM task WHERE id = ANY($1::uuid[]) AND kind = 'DECISION'`, [
    decided.map((c) => c.id),
  ]);
  for (const c of decided.filter((d) => kinds.some((k) => k.id === d.id))) {
    await insertDecisionDocument(m, {
      proposalId: t.proposalId,
      approved: c.decision === 'APPROVE',
      decidedBy: c.completedBy,
      comment: c.comment ?? null,
      at: c.completedAt,
    });
  }
}

/** A submitted POST_SIGNING_REPORT becomes the agency's DRAFT post-signing report (Decree 30), numbered when issued. */
async function draftPostSigningReports(m: EntityManager, t: Transition): Promise<void> {
  const submitted = t.completedTasks.filter((c) => c.decision === 'SUBMITTED');
  if (!submitted.length) return;
  const reports: { id: string; agency: string }[] = await m.query(
    `SELECT id, candidate_agency_code AS agency FROM task WHERE id = ANY($1::uuid[]) AND kind = 'POST_SIGNING_REPORT' AND proposal_id = $2`,
    [submitted.map((c) => c.id), t.proposalId],
  );
  for (const c of submitted) {
    const report = reports.find((r) => r.id === c.id);
    if (report) {
      await insertPostSigningReportDocument(m, {
        proposalId: t.proposalId,
        agencyCode: report.agency,
        comment: c.comment ?? null,
        at: c.completedAt,
      });
    }
  }
}

/** EXTEND adds the new proposal's term to the expiry; TERMINATE ends the agreement on the signing day; every change is listed. */
async function changeAgreement(m: EntityManager, t: Transition): Promise<void> {
  const change = t.agreementChange!;
  const signedOn = isoDateInVietnam(new Date(change.signing.signedAt));
  const [row]: { expires_on: string | null; proposal_id: string }[] = await m.query(
    `SELECT to_char(expires_on, 'YYYY-MM-DD') AS expires_on, proposal_id FROM agreement WHERE id = $1 FOR UPDATE`,
    [change.agreementId],
  );
  if (!row) return;
  const entry = JSON.stringify([
    { action: change.action, proposalId: change.proposalId, reference: change.reference, signedOn, termMonths: change.termMonths ?? null },
  ]);
  if (change.action === 'EXTEND') {
    const from = row.expires_on ?? signedOn;
    const expiresOn = change.termMonths ? addMonthsToIsoDate(from, change.termMonths) : from;
    await m.query(`UPDATE agreement SET expires_on = $2, changes = changes || $3::jsonb WHERE id = $1`, [
      change.agreementId,
      expiresOn,
      entry,
    ]);
  } else if (change.action === 'TERMINATE') {
    await m.query(`UPDATE agreement SET status = 'TERMINATED', terminated_on = $2, changes = changes || $3::jsonb WHERE id = $1`, [
      change.agreementId,
      signedOn,
      entry,
    ]);
    await m.query(`UPDATE proposal SET status = 'TERMINATED', updated_at = $2 WHERE id = $1 AND status = 'IN_FORCE'`, [
      row.proposal_id,
      t.at,
    ]);
  } else {
    await m.query(`UPDATE agreement SET changes = changes || $2::jsonb WHERE id = $1`, [change.agreementId, entry]);
  }
}

/**
 * Records the tasks a step completed (decision, who, when) and cancelled, in one statement; shared by the proposal and
 * report-cycle projections. The rule is the step statement's (transition-step.ts); completedTaskRow
 * (tasks/tasks.repository.ts) states the same change for the api's answer: keep them in step.
 */
export async function closeTasks(m: EntityManager, t: Pick<Transition, 'completedTasks' | 'cancelledTaskIds'>): Promise<void> {
  if (!t.completedTasks.length && !t.cancelledTaskIds.length) return;
  await m.query(CLOSE_TASKS_SQL, [completedTaskRows(t.completedTasks), t.cancelledTaskIds]);
}

/** Sends notifications (one statement for all of them) to their recipients, by the step statement's rule (transition-step.ts). */
export async function insertNotifications(
  m: EntityManager,
  t: { proposalId: string | null; at: string },
  notifications: Transition['notifications'],
): Promise<void> {
  if (!notifications.length) return;
  await m.query(NOTIFY_SQL, [notificationRows(notifications), t.proposalId, t.at]);
}

/** Inserts the step's new dossier version and returns it as a decision records it. */
async function insertDossierVersion(m: EntityManager, t: Transition): Promise<DossierSeen> {
  const content = t.dossier!.content;
  const attachments = await pinAttachments(m, (content.attachmentIds as string[] | undefined) ?? []);
  const [{ next }]: { next: number }[] = await m.query(
    'SELECT COALESCE(MAX(version), 0) + 1 AS next FROM dossier_version WHERE proposal_id = $1',
    [t.proposalId],
  );
  const hash = dossierHash(content, attachments);
  await m.query(
    `INSERT INTO dossier_version (id, proposal_id, version, content, attachments, hash, created_by, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [randomUUID(), t.proposalId, next, JSON.stringify(content), JSON.stringify(attachments), hash, t.dossier!.createdBy, t.at],
  );
  // The proposal shows its current dossier.
  await m.query('UPDATE proposal SET title = $2, summary = $3, details = $4 WHERE id = $1', [
    t.proposalId,
    content.title,
    content.summary,
    JSON.stringify(content.details),
  ]);
  return { version: next, hash, attachments };
}

async function registerAgreement(m: EntityManager, t: Transition): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- details is the free-form dossier JSON of the proposal
  const [proposal]: { title: string; details: Record<string, any>; submitting_agency_code: string }[] = await m.query(
    'SELECT title, details, submitting_agency_code FROM proposal WHERE id = $1',
    [t.proposalId],
  );
  const { signing } = t.agreement!;
  const details = proposal!.details;
  const termMonths = typeof details.termMonths === 'number' ? details.termMonths : null;
  const signedOn = isoDateInVietnam(new Date(signing.signedAt));
  await m.query(
    `INSERT INTO agreement (id, proposal_id, number, title, counterpart, country, fields, signed_at, place, signatories, term_months,
       expires_on, status, lead_agency_code, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,'IN_FORCE',$13,$14) ON CONFLICT (proposal_id) DO NOTHING`,
    [
      t.agreement!.id ?? randomUUID(),
      t.proposalId,
      signing.agreementNumber ?? null,
      proposal!.title,
      JSON.stringify(details.counterpart ?? {}),
      details.counterpart?.country ?? 'ZZ',
      details.fields ?? [],
      signing.signedAt,
      signing.place,
      JSON.stringify(signing.signatories),
      termMonths,
      termMonths ? addMonthsToIsoDate(signedOn, termMonths) : null,
      proposal!.submitting_agency_code,
      t.at,
    ],
  );
}
