import type { DataSource, EntityManager } from 'typeorm';
import { SqlConditions } from '../sql/sql-conditions';

type Db = DataSource | EntityManager;

/** An incoming edXML document (`incoming_document`) as the inbox shows it. */
export interface IncomingDocumentRow {
  id: string;
  recipient_agency_code: string;
  recipient_agency_name: string;
  edxml_document_id: string;
  from_organ_id: string;
  from_organ_name: string;
  code_number: string;
  code_notation: string;
  promulgation_date: string;
  place: string;
  document_type: string;
  subject: string;
  signer_name: string;
  priority: string;
  due_date: string | null;
  attachments: { name: string; contentType: string; sha256: string; size: number }[];
  package_sha256: string;
  linked_document_id: string | null;
  proposal_id: string | null;
  status: 'RECEIVED' | 'ACCEPTED' | 'REJECTED';
  status_reason: string | null;
  status_at: Date | null;
  status_by: string | null;
  status_by_name: string | null;
  received_at: Date;
  received_by: string;
}

const INCOMING_SELECT = `SELECT d.id, d.recipient_agency_code, a.name AS recipient_agency_name, d.edxml_document_id, d.from_organ_id,
    d.from_organ_name, d.code_number, d.code_notation, to_char(d.promulgation_date, 'YYYY-MM-DD') AS promulgation_date, d.place,
    d.document_type, d.subject, d.signer_name, d.priority, to_char(d.due_date, 'YYYY-MM-DD') AS due_date, d.attachments,
    d.package_sha256, d.linked_document_id, d.proposal_id, d.status, d.status_reason, d.status_at, d.status_by,
    u.full_name AS status_by_name, d.received_at, d.received_by
  FROM incoming_document d JOIN agency a ON a.code = d.recipient_agency_code LEFT JOIN app_user u ON u.id = d.status_by`;

export interface IncomingDocumentFilter {
  status?: IncomingDocumentRow['status'];
  /** The keyset of the last row of the previous page: [received_at, id]. */
  after: [string, string] | null;
  /** Rows to return (one more than a page, to know whether another follows). */
  limit: number;
}

/** The province's incoming documents (row-level security keeps it to the caller's), newest first. */
export async function listIncomingDocuments(db: Db, f: IncomingDocumentFilter): Promise<IncomingDocumentRow[]> {
  const c = new SqlConditions();
  if (f.status) c.where(`d.status = ${c.param(f.status)}`);
  c.after('d.received_at, d.id', '<', f.after, ['timestamptz', 'uuid']);
  return db.query(`${INCOMING_SELECT} WHERE ${c.sql} ORDER BY d.received_at DESC, d.id DESC LIMIT ${c.param(f.limit)}`, c.params);
}

export async function findIncomingDocument(db: Db, id: string, options: { lock?: boolean } = {}): Promise<IncomingDocumentRow | null> {
  // FOR UPDATE OF d: the joined agency and user rows are not locked.
  const [row]: IncomingDocumentRow[] = await db.query(`${INCOMING_SELECT} WHERE d.id = $1${options.lock ? ' FOR UPDATE OF d' : ''}`, [id]);
  return row ?? null;
}

/** Answers a RECEIVED document (accepted, or rejected with `reason`); false when it was answered meanwhile. */
export async function answerIncomingDocument(
  m: EntityManager,
  a: { id: string; status: 'ACCEPTED' | 'REJECTED'; reason: string | null; at: string; by: string },
): Promise<boolean> {
  const rows: unknown[] = await m.query(
    `UPDATE incoming_document SET status = $2, status_reason = $3, status_at = $4, status_by = $5
     WHERE id = $1 AND status = 'RECEIVED' RETURNING id`,
    [a.id, a.status, a.reason, a.at, a.by],
  );
  return rows.length === 1;
}
