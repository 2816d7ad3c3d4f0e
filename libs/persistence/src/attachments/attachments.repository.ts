import type { DataSource, EntityManager } from 'typeorm';
import type { SqlFragmentAt } from '../sql/sql-fragment';

type Db = DataSource | EntityManager;

/** An attachment's metadata; the bytes are in the storage under `storage_key` (their sha256). */
export interface AttachmentRow {
  id: string;
  filename: string;
  /** bigint: pg returns it as text. */
  size: string;
  sha256: string;
  media_type: string;
  storage_key: string;
  uploaded_by: string;
}

export interface NewAttachment {
  id: string;
  filename: string;
  size: number;
  sha256: string;
  mediaType: string;
  storageKey: string;
  uploadedBy: string;
  createdAt: string;
}

export async function insertAttachment(m: EntityManager, a: NewAttachment): Promise<void> {
  await m.query(
    `INSERT INTO attachment (id, filename, size, sha256, media_type, storage_key, uploaded_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [a.id, a.filename, a.size, a.sha256, a.mediaType, a.storageKey, a.uploadedBy, a.createdAt],
  );
}

export async function findAttachment(db: Db, id: string): Promise<AttachmentRow | null> {
  const [row]: AttachmentRow[] = await db.query('SELECT a.* FROM attachment a WHERE a.id = $1', [id]);
  return row ?? null;
}

/** Who reads: the caller, whether they see every agency's report content, and which proposals they may see. */
export interface AttachmentReader {
  userId: string;
  agencyCode: string | null;
  seesEveryAgency: boolean;
  /** Placeholders from $5. */
  visible: SqlFragmentAt;
}

/**
 * The attachment if `reader` may read it: they uploaded it, it is attached to a periodic report or a plan-item update
 * of an agency whose report content they see, or a proposal they may see refers to it (pinned in one of its dossier
 * versions or attached to one of its tasks).
 */
export async function findReadableAttachment(db: Db, id: string, reader: AttachmentReader): Promise<AttachmentRow | null> {
  const visible = reader.visible(5);
  const [row]: AttachmentRow[] = await db.query(
    `SELECT a.* FROM attachment a
     WHERE a.id = $1 AND (a.uploaded_by = $2
       OR EXISTS (SELECT 1 FROM task tr WHERE tr.report_cycle_id IS NOT NULL AND a.id = ANY(tr.attachment_ids)
                  AND ($3::boolean OR tr.candidate_agency_code = $4::text))
       OR EXISTS (SELECT 1 FROM plan_item_update pu WHERE a.id = ANY(pu.attachment_ids) AND ($3::boolean OR pu.agency_code = $4::text))
       OR EXISTS (
       SELECT 1 FROM proposal p
       WHERE ${visible.sql} AND (
         EXISTS (SELECT 1 FROM dossier_version d WHERE d.proposal_id = p.id AND d.attachments @> jsonb_build_array(jsonb_build_object('id', a.id::text)))
         OR EXISTS (SELECT 1 FROM task ta WHERE ta.proposal_id = p.id AND a.id = ANY(ta.attachment_ids)))))`,
    [id, reader.userId, reader.seesEveryAgency, reader.agencyCode, ...visible.params],
  );
  return row ?? null;
}

/**
 * Which of `ids` the caller may reference: uploaded by them or a member of their agency, or already on `proposalId`
 * (pinned in one of its dossier versions or attached to one of its tasks).
 */
export async function referenceableAttachmentIds(
  db: Db,
  ids: readonly string[],
  caller: { userId: string; agencyCode: string | null; proposalId: string | null },
): Promise<Set<string>> {
  const rows: { id: string }[] = await db.query(
    `SELECT a.id FROM attachment a LEFT JOIN app_user u ON u.id = a.uploaded_by
     WHERE a.id = ANY($1::uuid[]) AND (
       a.uploaded_by = $2
       OR ($3::text IS NOT NULL AND u.agency_code = $3::text)
       OR ($4::uuid IS NOT NULL AND (
         EXISTS (SELECT 1 FROM dossier_version d WHERE d.proposal_id = $4::uuid AND d.attachments @> jsonb_build_array(jsonb_build_object('id', a.id::text)))
         OR EXISTS (SELECT 1 FROM task ta WHERE ta.proposal_id = $4::uuid AND a.id = ANY(ta.attachment_ids)))))`,
    [[...ids], caller.userId, caller.agencyCode, caller.proposalId],
  );
  return new Set(rows.map((r) => r.id));
}
