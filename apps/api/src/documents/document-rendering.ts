import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { isoDateInVietnam, provinceAgency, provinceOfAgency } from '@accord/domain';
import { findProvince, setDocumentRenderingSha256, type DocumentRow } from '@accord/persistence';
import { issuerHeading, renderDocumentPdf, type RenderableDocument } from '@accord/records/render';

type Db = DataSource | EntityManager;

/**
 * A document row as the renderers print it (docs/records.md "Rendering"): the issuer's heading from its province
 * (`Tỉnh Hà Tĩnh`: the People's Committee prints "ỦY BAN NHÂN DÂN / TỈNH HÀ TĨNH", a department "UBND TỈNH HÀ TĨNH"
 * above its name), the issue date, or for a DRAFT the day it was drafted.
 */
export async function renderableDocument(db: Db, row: DocumentRow): Promise<RenderableDocument> {
  const province = provinceOfAgency(row.issuer_agency_code) ?? '';
  const provinceName = (await findProvince(db, province))?.name ?? `Tỉnh ${row.place}`;
  return {
    id: row.id,
    type: row.type,
    issuer: issuerHeading({
      agencyName: row.issuer_name,
      provinceName,
      peoplesCommittee: row.issuer_agency_code === provinceAgency(province, 'UBND'),
    }),
    number: row.number,
    notation: row.notation,
    place: row.place,
    date: row.issued_on ?? isoDateInVietnam(row.created_at),
    subject: row.subject,
    body: row.body,
    signer:
      row.signer_name || row.signer_title || row.signer_authority
        ? { authority: row.signer_authority, title: row.signer_title, name: row.signer_name }
        : null,
    recipients: row.recipients,
    priority: row.priority,
  };
}

export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Renders an issued document's PDF and records its sha256 when none is yet (official_document.sha256, "the unsigned
 * rendering"): the signed-copy check then knows the exact file a signer appended to. Answers the rendering.
 */
export async function recordUnsignedRendering(db: Db, row: DocumentRow): Promise<Buffer> {
  const pdf = await renderDocumentPdf(await renderableDocument(db, row));
  if (row.status !== 'DRAFT' && row.sha256 === null) await setDocumentRenderingSha256(db, row.id, sha256Hex(pdf));
  return pdf;
}
