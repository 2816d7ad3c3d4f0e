import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

/** The verified signature of a signed copy, as GET /documents/:id shows it (docs/api.md "Official documents"). */
export interface DocumentSignature {
  subject: string;
  issuer: string;
  serial: string;
  /** The CMS signingTime the signer claimed, or when Accord accepted the copy when the signer gave none. */
  signedAt: string;
  chainTrusted: boolean;
}

export interface SignedCopyRow {
  signed_sha256: string;
  signature: DocumentSignature;
  signed_at: Date;
  signed_by: string | null;
  signed_storage_key: string;
  signed_size: string;
}

/** The signed copy of a document (migration 1764000002000); null while it has none. */
export async function findSignedCopy(db: Db, documentId: string): Promise<SignedCopyRow | null> {
  const [row]: SignedCopyRow[] = await db.query(
    `SELECT signed_sha256, signature, signed_at, signed_by, signed_storage_key, signed_size
     FROM official_document WHERE id = $1 AND signed_sha256 IS NOT NULL`,
    [documentId],
  );
  return row ?? null;
}

/**
 * Records the verified signed copy of an ISSUED document: status SIGNED. False when it is not ISSUED (any more). A
 * document drafted without a signer's name (a report: whoever heads the issuer signs it) takes the certificate's
 * common name (`signerName`), so the signed document names its signer; one that has a name keeps it.
 */
export async function markDocumentSigned(
  m: EntityManager,
  id: string,
  copy: {
    sha256: string;
    signature: DocumentSignature;
    signedAt: string;
    signedBy: string;
    storageKey: string;
    size: number;
    signerName: string | null;
  },
): Promise<boolean> {
  const rows: { id: string }[] = await m.query(
    `UPDATE official_document SET status = 'SIGNED', signed_sha256 = $2, signature = $3, signed_at = $4, signed_by = $5,
       signed_storage_key = $6, signed_size = $7, signer_name = COALESCE(signer_name, $8)
     WHERE id = $1 AND status = 'ISSUED' RETURNING id`,
    [id, copy.sha256, JSON.stringify(copy.signature), copy.signedAt, copy.signedBy, copy.storageKey, copy.size, copy.signerName],
  );
  return rows.length > 0;
}

/** Codes of the caller's province's agencies bearing these names (a document's recipients are printed by name). */
export async function findAgencyCodesByName(db: Db, names: string[]): Promise<{ code: string; name: string }[]> {
  if (names.length === 0) return [];
  return db.query('SELECT code, name FROM agency WHERE name = ANY($1::text[]) ORDER BY code', [names]);
}

/**
 * The issued official document an incoming package answers (its ResponseFor): by our id when the sender kept the
 * DocumentId we sent, else by number, notation and year in the issuer's register (when the organ is known).
 */
export async function findAnsweredDocument(
  db: Db,
  ref: { documentId: string; number: number | null; notation: string | null; year: number | null; issuerAgencyCode: string | null },
): Promise<{ id: string; proposal_id: string | null } | null> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref.documentId) ? ref.documentId : null;
  const [row]: { id: string; proposal_id: string | null }[] = await db.query(
    `SELECT id, proposal_id FROM official_document
     WHERE status <> 'DRAFT' AND (id = $1::uuid
       OR (number = $2 AND notation = $3 AND year = $4 AND ($5::text IS NULL OR issuer_agency_code = $5)))
     ORDER BY (id = $1::uuid) DESC NULLS LAST LIMIT 1`,
    [uuid, ref.number, ref.notation, ref.year, ref.issuerAgencyCode],
  );
  return row ?? null;
}

export interface IncomingAttachment {
  name: string;
  contentType: string;
  sha256: string;
  size: number;
}

export interface NewIncomingDocument {
  id: string;
  recipientAgencyCode: string;
  edxmlDocumentId: string;
  fromOrganId: string;
  fromOrganName: string;
  codeNumber: string;
  codeNotation: string;
  promulgationDate: string;
  place: string;
  documentType: string;
  subject: string;
  signerName: string;
  priority: string;
  dueDate: string | null;
  responseFor: unknown[];
  attachments: IncomingAttachment[];
  packageSha256: string;
  linkedDocumentId: string | null;
  proposalId: string | null;
  receivedAt: string;
  receivedBy: string;
}

/**
 * Registers an incoming document; the same package (sender's organ and DocumentId) again registers nothing.
 * Answers the registered row's id and link, and whether this call inserted it.
 */
export async function insertIncomingDocument(
  m: EntityManager,
  d: NewIncomingDocument,
): Promise<{ id: string; linked_document_id: string | null; inserted: boolean }> {
  const inserted: { id: string; linked_document_id: string | null }[] = await m.query(
    `INSERT INTO incoming_document (id, recipient_agency_code, edxml_document_id, from_organ_id, from_organ_name, code_number,
       code_notation, promulgation_date, place, document_type, subject, signer_name, priority, due_date, response_for, attachments,
       package_sha256, linked_document_id, proposal_id, status, received_at, received_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 'RECEIVED', $20, $21)
     ON CONFLICT (province_code, from_organ_id, edxml_document_id) DO NOTHING
     RETURNING id, linked_document_id`,
    [
      d.id,
      d.recipientAgencyCode,
      d.edxmlDocumentId,
      d.fromOrganId,
      d.fromOrganName,
      d.codeNumber,
      d.codeNotation,
      d.promulgationDate,
      d.place,
      d.documentType,
      d.subject,
      d.signerName,
      d.priority,
      d.dueDate,
      JSON.stringify(d.responseFor),
      JSON.stringify(d.attachments),
      d.packageSha256,
      d.linkedDocumentId,
      d.proposalId,
      d.receivedAt,
      d.receivedBy,
    ],
  );
  if (inserted[0]) return { ...inserted[0], inserted: true };
  const [existing]: { id: string; linked_document_id: string | null }[] = await m.query(
    'SELECT id, linked_document_id FROM incoming_document WHERE from_organ_id = $1 AND edxml_document_id = $2',
    [d.fromOrganId, d.edxmlDocumentId],
  );
  return { ...existing!, inserted: false };
}
