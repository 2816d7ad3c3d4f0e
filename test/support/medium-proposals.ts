/** Proposal rows for medium tests that read or project onto a proposal without going through a submission. */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface ProposalRowSpec {
  submitter: { id: string; agencyCode: string | null };
  /** Default `TEST-` and the id's first eight characters. */
  reference?: string;
  /** Default CONSULTATION, as are the stage's. */
  status?: string;
  stage?: string | null;
  /** Default now (created_at and updated_at). */
  createdAt?: string;
}

/** A MoU under the standard procedure, written by the owner (no workflow, plan or dossier); returns its id. */
export async function insertProposalRow(ds: DataSource, spec: ProposalRowSpec): Promise<string> {
  const id = randomUUID();
  await ds.query(
    `INSERT INTO proposal (id, reference, kind, title, summary, details, procedure, urgency, status, stage, submitting_agency_code, submitted_by, plan,
                           policy_version, workflow_id, created_at, updated_at)
     VALUES ($1, $2, 'MOU', 'Thỏa thuận thử', 'Tóm tắt', '{}', 'STANDARD', 'NORMAL', $3, $4, $5, $6, '{}', '2026.2', $7,
             COALESCE($8::timestamptz, now()), COALESCE($8::timestamptz, now()))`,
    [
      id,
      spec.reference ?? `TEST-${id.slice(0, 8)}`,
      spec.status ?? 'CONSULTATION',
      spec.stage === undefined ? 'CONSULTATION' : spec.stage,
      spec.submitter.agencyCode,
      spec.submitter.id,
      `proposal-${id}`,
      spec.createdAt ?? null,
    ],
  );
  return id;
}
