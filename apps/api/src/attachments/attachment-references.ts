import type { DataSource, EntityManager } from 'typeorm';
import { referenceableAttachmentIds } from '@accord/persistence';
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
  manager: DataSource | EntityManager,
  user: AuthUser,
  ids: readonly string[] | undefined,
  context: { proposalId?: string | null; field?: string } = {},
): Promise<FieldError[]> {
  if (!ids?.length) return [];
  const usable = await referenceableAttachmentIds(manager, ids, {
    userId: user.id,
    agencyCode: user.agencyCode,
    proposalId: context.proposalId ?? null,
  });
  const field = context.field ?? 'attachmentIds';
  return ids.flatMap((id, i) =>
    usable.has(id)
      ? []
      : [
          {
            field: `${field}.${i}`,
            message:
              'No attachment with this id that you may reference: upload it yourself (or a colleague of your agency), or use one already on this proposal',
          },
        ],
  );
}
