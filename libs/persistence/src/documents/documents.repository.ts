import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { countryName, provinceAgency, provinceOfAgency, reportNotation } from '@accord/domain';
import type { DocumentSignature } from './signed-copies.repository';

type Db = DataSource | EntityManager;

/** Official documents of Decree 30 (migration 1764000001900, docs/api.md "Official documents"). */
export type DocumentType = 'DECISION' | 'OFFICIAL_LETTER' | 'REPORT' | 'POST_SIGNING_REPORT';
export type DocumentStatus = 'DRAFT' | 'ISSUED' | 'SIGNED';

export interface DocumentRow {
  id: string;
  proposal_id: string | null;
  report_cycle_id: string | null;
  type: DocumentType;
  issuer_agency_code: string;
  issuer_name: string;
  number: number | null;
  year: number | null;
  notation: string;
  place: string;
  /** YYYY-MM-DD. */
  issued_on: string | null;
  subject: string;
  body: string;
  signer_name: string | null;
  signer_title: string | null;
  signer_authority: string | null;
  recipients: string[];
  priority: string;
  status: DocumentStatus;
  sha256: string | null;
  created_at: Date;
  issued_at: Date | null;
  issued_by: string | null;
  /** The signed copy's sha256 and verified signature (migration 1764000002000); null until there is one. */
  signed_sha256: string | null;
  signature: DocumentSignature | null;
}

const DOCUMENT_SELECT = `SELECT d.id, d.proposal_id, d.report_cycle_id, d.type, d.issuer_agency_code, a.name AS issuer_name, d.number, d.year,
    d.notation, d.place, to_char(d.issued_on, 'YYYY-MM-DD') AS issued_on, d.subject, d.body, d.signer_name, d.signer_title,
    d.signer_authority, d.recipients, d.priority, d.status, d.sha256, d.created_at, d.issued_at, d.issued_by,
    d.signed_sha256, d.signature
  FROM official_document d JOIN agency a ON a.code = d.issuer_agency_code`;

export async function findDocument(db: Db, id: string): Promise<DocumentRow | null> {
  const [row]: DocumentRow[] = await db.query(`${DOCUMENT_SELECT} WHERE d.id = $1`, [id]);
  return row ?? null;
}

/** The document, locked until the end of the caller's transaction: one issue of it at a time. */
export async function lockDocument(m: EntityManager, id: string): Promise<DocumentRow | null> {
  const [row]: DocumentRow[] = await m.query(`${DOCUMENT_SELECT} WHERE d.id = $1 FOR UPDATE OF d`, [id]);
  return row ?? null;
}

export async function listProposalDocuments(db: Db, proposalId: string): Promise<DocumentRow[]> {
  return db.query(`${DOCUMENT_SELECT} WHERE d.proposal_id = $1 ORDER BY d.created_at, d.id`, [proposalId]);
}

/**
 * The next number of `agency`'s register for `year`: 1 for the year's first document. The counter row stays locked
 * until the caller's transaction ends, so concurrent issues of the same register queue here and get consecutive
 * numbers, and a transaction that rolls back gives its number back: the register has no gaps.
 */
export async function nextRegisterNumber(m: EntityManager, agencyCode: string, year: number): Promise<number> {
  const [row]: { last_number: number }[] = await m.query(
    `INSERT INTO document_register (agency_code, year, last_number) VALUES ($1, $2, 1)
     ON CONFLICT (agency_code, year) DO UPDATE SET last_number = document_register.last_number + 1
     RETURNING last_number`,
    [agencyCode, year],
  );
  return row!.last_number;
}

export async function markDocumentIssued(
  m: EntityManager,
  id: string,
  issue: { number: number; year: number; issuedOn: string; issuedAt: string; issuedBy: string },
): Promise<void> {
  await m.query(
    `UPDATE official_document SET status = 'ISSUED', number = $2, year = $3, issued_on = $4, issued_at = $5, issued_by = $6
     WHERE id = $1 AND status = 'DRAFT'`,
    [id, issue.number, issue.year, issue.issuedOn, issue.issuedAt, issue.issuedBy],
  );
}

/**
 * Records the sha256 of the unsigned rendering (the PDF `GET /documents/:id/content` serves) of an issued document,
 * once: the first value stays, so what was recorded at issue is what a signed copy is checked against.
 */
export async function setDocumentRenderingSha256(db: Db, id: string, sha256: string): Promise<void> {
  await db.query(`UPDATE official_document SET sha256 = $2 WHERE id = $1 AND sha256 IS NULL AND status <> 'DRAFT'`, [id, sha256]);
}

/** An agency's outgoing-document register for a year (sổ đăng ký văn bản đi): its issued documents in number order. */
export async function listRegister(db: Db, agencyCode: string, year: number): Promise<DocumentRow[]> {
  return db.query(`${DOCUMENT_SELECT} WHERE d.issuer_agency_code = $1 AND d.year = $2 AND d.number IS NOT NULL ORDER BY d.number`, [
    agencyCode,
    year,
  ]);
}

export async function findAgencyName(db: Db, code: string): Promise<string | null> {
  const [row]: { name: string }[] = await db.query('SELECT name FROM agency WHERE code = $1', [code]);
  return row?.name ?? null;
}

/** "Tỉnh Hà Tĩnh" -> "Hà Tĩnh", "Thành phố Đồng Nai" -> "Đồng Nai": the place of a document's place-and-date line. */
const PLACE_SQL = `regexp_replace(pr.name, '^(Tỉnh|Thành phố)\\s+', '')`;

/**
 * The People's Committee decides collectively, so its decision is signed "TM. Ủy ban nhân dân" (on behalf of the
 * committee); a vice-chairman signs "KT. Chủ tịch" (for the chairman) above their own position (Decree 30/2020/NĐ-CP,
 * Art 13 and Annex I). The position (`app_user.position`) is printed as the title; a decider with none recorded (no
 * api sets it yet: seed or database) gets the generic "Lãnh đạo Ủy ban nhân dân", so the decision still carries a
 * signer's title (edXML's SignerInfo/Position requires one).
 */
const SIGNER_TITLE_SQL = `COALESCE(u.position, 'Lãnh đạo Ủy ban nhân dân')`;
const SIGNER_AUTHORITY_SQL = `'TM. Ủy ban nhân dân' || CASE WHEN u.position ILIKE 'Phó %' THEN E'\\nKT. Chủ tịch' ELSE '' END`;

/**
 * The DRAFT decision the Chairman's DECISION task produces (APPROVE or REJECT): issued by the province's People's
 * Committee (`<province>-UBND`), `QĐ-UBND`, addressed to the submitting agency and the province's foreign-affairs
 * department, signed by the deciding leader. Runs in the projection's transaction; a second call for the same
 * proposal changes nothing (UNIQUE (proposal_id, type)).
 */
export async function insertDecisionDocument(
  m: EntityManager,
  d: { proposalId: string; approved: boolean; decidedBy: string; comment?: string | null; at: string },
): Promise<void> {
  const [proposal]: { province_code: string }[] = await m.query('SELECT province_code FROM proposal WHERE id = $1', [d.proposalId]);
  if (!proposal) return;
  const province = proposal.province_code;
  await m.query(
    `INSERT INTO official_document (id, proposal_id, type, issuer_agency_code, notation, place, subject, body, signer_name, signer_title,
       signer_authority, recipients, priority, status, created_at)
     SELECT $1, p.id, 'DECISION', ub.code, 'QĐ-UBND', ${PLACE_SQL}, 'Về việc ' || $4::text || ' ' || p.title,
       ub.name || ' quyết định ' || $4::text || ': ' || p.title || ' (' || p.reference || ').' || COALESCE(E'\\n' || $5::text, ''),
       u.full_name, ${SIGNER_TITLE_SQL}, ${SIGNER_AUTHORITY_SQL},
       array_remove(ARRAY[sa.name, sngv.name], NULL), CASE p.urgency WHEN 'URGENT' THEN 'URGENT' ELSE 'NORMAL' END, 'DRAFT', $6
     FROM proposal p
     JOIN province pr ON pr.code = p.province_code
     JOIN agency ub ON ub.code = $2
     JOIN agency sa ON sa.code = p.submitting_agency_code
     LEFT JOIN agency sngv ON sngv.code = $3 AND sngv.code <> p.submitting_agency_code
     LEFT JOIN app_user u ON u.id = $7
     WHERE p.id = $8
     ON CONFLICT (proposal_id, type) DO NOTHING`,
    [
      randomUUID(),
      provinceAgency(province, 'UBND'),
      provinceAgency(province, 'SNGV'),
      d.approved ? 'chấp thuận' : 'không chấp thuận',
      d.comment || null,
      d.at,
      d.decidedBy,
      d.proposalId,
    ],
  );
}

/** A cycle's report as its official document is drafted (libs/reporting's texts). */
export interface CycleReportDocumentDraft {
  reportCycleId: string;
  type: 'REPORT';
  issuerAgencyCode: string;
  /** `BC-SNgV`. */
  notation: string;
  subject: string;
  body: string;
  signerTitle: string | null;
  signerAuthority: string | null;
  recipients: string[];
  at: string;
}

/**
 * The DRAFT official report of a consolidated cycle (docs/records.md "Reports"): issued by the consolidating agency,
 * placed where the cycle's province is, numbered later through POST /documents/:id/issue. Created once per cycle and
 * type (UNIQUE (report_cycle_id, type), migration 1764000002100): a second call, a retried activity, answers the
 * first document unchanged.
 */
export async function ensureCycleReportDocument(db: Db, d: CycleReportDocumentDraft): Promise<DocumentRow | null> {
  await db.query(
    `INSERT INTO official_document (id, province_code, report_cycle_id, type, issuer_agency_code, notation, place, subject, body, signer_title,
       signer_authority, recipients, priority, status, created_at)
     SELECT $1, c.province_code, c.id, $2, $3, $4, ${PLACE_SQL}, $5, $6, $7, $8, $9, 'NORMAL', 'DRAFT', $10
     FROM report_cycle c JOIN province pr ON pr.code = c.province_code
     WHERE c.id = $11
     ON CONFLICT (report_cycle_id, type) DO NOTHING`,
    [
      randomUUID(),
      d.type,
      d.issuerAgencyCode,
      d.notation,
      d.subject,
      d.body,
      d.signerTitle,
      d.signerAuthority,
      d.recipients,
      d.at,
      d.reportCycleId,
    ],
  );
  return findCycleDocument(db, d.reportCycleId, d.type);
}

export async function findCycleDocument(db: Db, reportCycleId: string, type: DocumentType): Promise<DocumentRow | null> {
  const [row]: DocumentRow[] = await db.query(`${DOCUMENT_SELECT} WHERE d.report_cycle_id = $1 AND d.type = $2`, [reportCycleId, type]);
  return row ?? null;
}

/** The official documents of a reporting cycle (its REPORT), oldest first. */
export async function listCycleOfficialDocuments(db: Db, reportCycleId: string): Promise<DocumentRow[]> {
  return db.query(`${DOCUMENT_SELECT} WHERE d.report_cycle_id = $1 ORDER BY d.created_at, d.id`, [reportCycleId]);
}

/**
 * The DRAFT post-signing report (Law 70/2020 Art 19(5)) a submitted POST_SIGNING_REPORT task produces: issued by the
 * reporting (submitting) agency, `BC-<agency>`, to the Ministry of Foreign Affairs, the People's Committee and the
 * foreign-affairs department, from the registry's entry and the task's comment. Runs in the projection's
 * transaction; once per proposal (UNIQUE (proposal_id, type)).
 */
export async function insertPostSigningReportDocument(
  m: EntityManager,
  d: { proposalId: string; agencyCode: string; comment?: string | null; at: string },
): Promise<void> {
  const province = provinceOfAgency(d.agencyCode) ?? '';
  const [r]: {
    title: string;
    reference: string;
    agency_name: string;
    committee_name: string | null;
    sngv_name: string | null;
    number: string | null;
    signed_on: string | null;
    signing_place: string | null;
    counterpart: { name?: string } | null;
    country: string | null;
  }[] = await m.query(
    `SELECT p.title, p.reference, a.name AS agency_name, ub.name AS committee_name, sngv.name AS sngv_name, g.number,
            to_char(g.signed_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY') AS signed_on, g.place AS signing_place, g.counterpart, g.country
     FROM proposal p JOIN agency a ON a.code = $2
     LEFT JOIN agency ub ON ub.code = $3 LEFT JOIN agency sngv ON sngv.code = $4 AND sngv.code <> $2
     LEFT JOIN agreement g ON g.proposal_id = p.id
     WHERE p.id = $1`,
    [d.proposalId, d.agencyCode, provinceAgency(province, 'UBND'), provinceAgency(province, 'SNGV')],
  );
  if (!r) return;
  const committee = d.agencyCode === provinceAgency(province, 'UBND');
  const country = countryName(r.country);
  const body = [
    `Thực hiện quy định tại khoản 5 Điều 19 Luật Thỏa thuận quốc tế năm 2020, ${r.agency_name} báo cáo kết quả ký kết thỏa thuận quốc tế "${r.title}" (hồ sơ ${r.reference}) như sau:`,
    ...(r.number ? [`- Số hiệu thỏa thuận: ${r.number}.`] : []),
    ...(r.signed_on ? [`- Ngày ký: ${r.signed_on}${r.signing_place ? `; địa điểm ký: ${r.signing_place}` : ''}.`] : []),
    ...(r.counterpart?.name || country
      ? [`- Bên ký kết nước ngoài: ${[r.counterpart?.name, country ? `(${country})` : null].filter(Boolean).join(' ')}.`]
      : []),
    ...(d.comment ? d.comment.split(/\r?\n/).filter((l) => l.trim()) : []),
  ].join('\n');
  await m.query(
    `INSERT INTO official_document (id, province_code, proposal_id, type, issuer_agency_code, notation, place, subject, body, signer_title,
       signer_authority, recipients, priority, status, created_at)
     SELECT $1, p.province_code, p.id, 'POST_SIGNING_REPORT', $2, $3, ${PLACE_SQL}, $4, $5, $6, $7, $8, 'NORMAL', 'DRAFT', $9
     FROM proposal p JOIN province pr ON pr.code = p.province_code
     WHERE p.id = $10
     ON CONFLICT (proposal_id, type) DO NOTHING`,
    [
      randomUUID(),
      d.agencyCode,
      reportNotation(d.agencyCode),
      `Kết quả ký kết ${r.title}`,
      body,
      committee ? 'Chủ tịch' : 'Giám đốc',
      committee ? 'TM. Ủy ban nhân dân' : null,
      ['Bộ Ngoại giao', ...(committee ? [] : [r.committee_name]), r.sngv_name].filter((n): n is string => !!n),
      d.at,
      d.proposalId,
    ],
  );
}
