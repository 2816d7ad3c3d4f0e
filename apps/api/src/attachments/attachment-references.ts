import type { EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import type { FieldError } from '../common/problem-details.filter';

/**
 * Which attachments a caller may reference (pin to a dossier, attach to a task completion, a report or a plan-item
 * update). Pinning is what makes GET /attachments/:id/content serve the bytes to everyone who sees the proposal, so
 * an id alone must not be enough: ids leak (they appear in timelines, reports, e-mails), and accepting any existing
 * id let one agency read another's files by pinning them to its own proposal (issue 12, item 1).
 *
 * Allowed: an attachment uploaded by the caller, or by a member of the caller's agency (colleagues prepare a dossier
 * together), or one that already belongs to `proposalId` (pinned in one of its dossier versions or attached to one
 * of its tasks: a RESUBMIT keeps the current files, a reviewer may cite the submitter's annex).
 *
 * Unknown and not-allowed ids get the same message, so the answer does not tell whether another agency's id exists.
 */
export async function unusableAttachments(
  manager: EntityManager,
  user: AuthUser,
  ids: readonly string[] | undefined,
  context: { proposalId?: string | null; field?: string } = {},
): Promise<FieldError[]> {
  if (!ids?.length) return [];
  const rows: { id: string }[] = await manager.query(
    `SELECT a.id FROM attachment a LEFT JOIN app_user u ON u.id = a.uploaded_by
     WHERE a.id = ANY($1::uuid[]) AND (
       a.uploaded_by = $2
       OR ($3::text IS NOT NULL AND u.agency_code = $3::text)
       OR ($4::uuid IS NOT NULL AND (
         EXISTS (SELECT 1 FROM dossier_version d WHERE d.proposal_id = $4::uuid AND d.attachments @> jsonb_build_array(jsonb_build_object('id', a.id::text)))
         OR EXISTS (SELECT 1 FROM task ta WHERE ta.proposal_id = $4::uuid AND a.id = ANY(ta.attachment_ids)))))`,
    [[...ids], user.id, user.agencyCode, context.proposalId ?? null],
  );
  const usable = new Set(rows.map((r) => r.id));
  const field = context.field ?? 'attachmentIds';
  return ids.flatMap((id, i) => (usable.has(id) ? [] : [{
    field: `${field}.${i}`,
    message: 'No attachment with this id that you may reference: upload it yourself (or a colleague of your agency), or use one already on this proposal',
  }]));
}
