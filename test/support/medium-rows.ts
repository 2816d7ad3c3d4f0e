/**
 * Rows arranged directly (as the owner) for medium tests whose service reads what other features write: a proposal
 * with its tasks, a registered agreement. Only the columns the schema requires, with plausible values.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { applyTransition } from '@accord/persistence';
import type { Transition } from '@accord/temporal/contracts';

export async function insertProposal(
  ds: DataSource,
  p: {
    agencyCode: string;
    submittedBy: string;
    details?: Record<string, unknown>;
    tasks?: { agencyCode: string; status: 'OPEN' | 'COMPLETED' }[];
  },
): Promise<{ id: string; reference: string; workflowId: string }> {
  const id = randomUUID();
  const reference = `TEST-${randomBytes(4).toString('hex').toUpperCase()}`;
  const workflowId = `proposal-${id}`;
  await ds.query(
    `INSERT INTO proposal (id, reference, kind, title, summary, details, procedure, urgency, status, stage, submitting_agency_code, submitted_by, plan,
       policy_version, workflow_id, created_at, updated_at)
     VALUES ($1, $2, 'INTERNATIONAL_AGREEMENT', $3, 'Tóm tắt', $4, 'STANDARD', 'NORMAL', 'IN_REVIEW', 'OPINIONS', $5, $6, '{}', '2026.1', $7, now(), now())`,
    [id, reference, `Đề xuất ${reference}`, JSON.stringify(p.details ?? {}), p.agencyCode, p.submittedBy, workflowId],
  );
  for (const t of p.tasks ?? []) {
    await ds.query(
      `INSERT INTO task (id, proposal_id, kind, stage, candidate_agency_code, status, round, created_at, due_at, clock_type, clock_length, allowed_decisions)
       VALUES ($1, $2, 'OPINION', 'OPINIONS', $3, $4, 1, now(), now() + interval '7 days', 'WORKING_DAYS', 5, '{AGREE,DISAGREE}')`,
      [randomUUID(), id, t.agencyCode, t.status],
    );
  }
  return { id, reference, workflowId };
}

export async function insertAgreement(
  ds: DataSource,
  a: { proposalId: string; leadAgencyCode: string; title: string; signedAt: string; number?: string; country?: string; expiresOn?: string },
): Promise<string> {
  const id = randomUUID();
  await ds.query(
    `INSERT INTO agreement (id, proposal_id, number, title, counterpart, country, fields, signed_at, place, signatories, term_months, expires_on, status,
       lead_agency_code, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, '{TRADE}', $7, 'Hà Tĩnh', $8, 24, $9, 'IN_FORCE', $10, now())`,
    [
      id,
      a.proposalId,
      a.number ?? null,
      a.title,
      JSON.stringify({ name: 'Tỉnh Khăm Muộn', country: a.country ?? 'LA', type: 'PROVINCE' }),
      a.country ?? 'LA',
      a.signedAt,
      JSON.stringify([{ name: 'Bùi Thanh Minh', title: 'Chủ tịch', party: 'VN' }]),
      a.expiresOn ?? null,
      a.leadAgencyCode,
    ],
  );
  return id;
}

/** A projection step that completes one task, as the workflow hands it to the projection. */
export function completionTransition(
  proposal: { id: string; workflowId: string },
  c: {
    seq?: number;
    status: Transition['status'];
    taskId: string;
    decision: Transition['completedTasks'][number]['decision'];
    comment?: string;
    by: string;
    at: string;
  },
): Transition {
  const seq = c.seq ?? 1;
  return {
    key: `${proposal.workflowId}/${seq}`,
    seq,
    proposalId: proposal.id,
    workflowId: proposal.workflowId,
    runId: 'run-1',
    at: c.at,
    status: c.status,
    stage: null,
    openTasks: [],
    completedTasks: [
      { id: c.taskId, decision: c.decision, ...(c.comment ? { comment: c.comment } : {}), completedBy: c.by, completedAt: c.at },
    ],
    cancelledTaskIds: [],
    pausedTasks: [],
    resumedTasks: [],
    escalatedTaskIds: [],
    audit: [],
    notifications: [],
  };
}

/**
 * A proposal of `agencyCode` at DECISION whose DECISION task (HT-UBND) `decidedBy` completes with `decision`,
 * projected through the app role's data source as the worker would (twice with `again`: a retried activity). On
 * APPROVE or REJECT the projection drafts the People's Committee's decision (issue 17).
 */
export async function decideProposal(
  ds: DataSource,
  appDataSource: DataSource,
  d: {
    agencyCode: string;
    submittedBy: string;
    decidedBy: string;
    decision: 'APPROVE' | 'REJECT' | 'RETURN_FOR_REVISION';
    comment?: string;
    again?: boolean;
  },
): Promise<{ id: string; reference: string; workflowId: string }> {
  const proposal = await insertProposal(ds, { agencyCode: d.agencyCode, submittedBy: d.submittedBy });
  const taskId = randomUUID();
  await ds.query(
    `INSERT INTO task (id, proposal_id, kind, stage, candidate_agency_code, status, round, created_at, due_at, clock_type, clock_length, allowed_decisions)
     VALUES ($1, $2, 'DECISION', 'DECISION', 'HT-UBND', 'OPEN', 1, now(), now() + interval '7 days', 'WORKING_DAYS', 7,
       '{APPROVE,REJECT,RETURN_FOR_REVISION}')`,
    [taskId, proposal.id],
  );
  const status: Transition['status'] = d.decision === 'APPROVE' ? 'APPROVED' : d.decision === 'REJECT' ? 'REJECTED' : 'REVISION_REQUESTED';
  const transition = completionTransition(proposal, {
    status,
    taskId,
    decision: d.decision,
    comment: d.comment,
    by: d.decidedBy,
    at: new Date().toISOString(),
  });
  await applyTransition(appDataSource, transition);
  if (d.again) await applyTransition(appDataSource, { ...transition, key: `${proposal.workflowId}/1-retried` });
  return proposal;
}
