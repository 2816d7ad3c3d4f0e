/**
 * Rows arranged directly (as the owner) for medium tests whose service reads what other features write: a proposal
 * with its tasks, a registered agreement. Only the columns the schema requires, with plausible values.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

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
