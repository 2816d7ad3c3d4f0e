/** The registry of signed agreements as the api lists and exports it (the workflow's side is projection/agreement-events.ts). */
import type { DataSource, EntityManager } from 'typeorm';
import { SqlConditions } from '../sql/sql-conditions';

type Db = DataSource | EntityManager;

/** An agreement of the registry with its proposal's reference and its lead agency's name (expires_on as YYYY-MM-DD). */
export interface AgreementRow {
  id: string;
  proposal_id: string;
  reference: string;
  number: string | null;
  title: string;
  counterpart: unknown;
  country: string;
  fields: string[];
  signed_at: Date;
  place: string;
  signatories: unknown;
  term_months: number | null;
  expires_on: string | null;
  status: string;
  lead_agency_code: string;
  lead_agency_name: string;
  created_at: Date;
}

/** An agreement as the export to the national database of international commitments reads it. */
export interface AgreementExportRow {
  id: string;
  number: string | null;
  title: string;
  counterpart: { name?: string; country?: string; type?: string };
  country: string;
  fields: string[];
  signed_at: Date;
  place: string;
  signatories: { name: string; title: string; party: string }[];
  term_months: number | null;
  expires_on: string | null;
  status: string;
  lead_agency_code: string;
  lead_agency_name: string;
  /** The proposal's level (details->>'level'), e.g. PROVINCIAL_COMMITTEE. */
  level: string | null;
  reference: string;
  committee_code: string | null;
  committee_name: string | null;
}

export interface AgreementFilter {
  status?: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country?: string;
  /** YYYY-MM-DD: expiring strictly before. */
  expiringBefore?: string;
}

/** Up to `take` agreements of the registry, latest signing first, after the (signed_at, id) of the last row seen. */
export function listAgreements(db: Db, filter: AgreementFilter, after: string[] | null, take: number): Promise<AgreementRow[]> {
  const c = new SqlConditions();
  if (filter.status) c.where(`g.status = ${c.param(filter.status)}`);
  if (filter.country) c.where(`g.country = ${c.param(filter.country)}`);
  if (filter.expiringBefore) c.where(`g.expires_on < ${c.param(filter.expiringBefore)}::date`);
  c.after('g.signed_at, g.id', '<', after, ['timestamptz', 'uuid']);
  return db.query(
    `SELECT g.*, to_char(g.expires_on, 'YYYY-MM-DD') AS expires_on, p.reference, a.name AS lead_agency_name
     FROM agreement g JOIN proposal p ON p.id = g.proposal_id JOIN agency a ON a.code = g.lead_agency_code
     WHERE ${c.sql} ORDER BY g.signed_at DESC, g.id DESC LIMIT ${c.param(take)}`,
    c.params,
  );
}

/** Every agreement, oldest signing first, with `committeeAgency` (the party of PROVINCIAL_COMMITTEE-level agreements) beside it. */
/** Who issues the registry's official listing: the province's Department of Foreign Affairs, under its People's Committee. */
export interface RegistryAuthorityRow {
  province_name: string;
  /** The province's name without "Tỉnh"/"Thành phố": the place of the place-date line. */
  place: string;
  issuer_code: string;
  issuer_name: string | null;
  committee_name: string | null;
}

export async function findRegistryAuthority(
  db: Db,
  province: string,
  issuerAgency: string,
  committeeAgency: string,
): Promise<RegistryAuthorityRow | null> {
  const [row]: RegistryAuthorityRow[] = await db.query(
    `SELECT pr.name AS province_name, regexp_replace(pr.name, '^(Tỉnh|Thành phố)\\s+', '') AS place, $2::text AS issuer_code,
            s.name AS issuer_name, ub.name AS committee_name
     FROM province pr LEFT JOIN agency s ON s.code = $2 LEFT JOIN agency ub ON ub.code = $3
     WHERE pr.code = $1`,
    [province, issuerAgency, committeeAgency],
  );
  return row ?? null;
}

export function listAgreementsForExport(db: Db, committeeAgency: string): Promise<AgreementExportRow[]> {
  return db.query(
    `SELECT g.id, g.number, g.title, g.counterpart, g.country, g.fields, g.signed_at, g.place, g.signatories, g.term_months,
            to_char(g.expires_on, 'YYYY-MM-DD') AS expires_on, g.status, g.lead_agency_code, a.name AS lead_agency_name,
            p.details->>'level' AS level, p.reference, c.code AS committee_code, c.name AS committee_name
     FROM agreement g
     JOIN proposal p ON p.id = g.proposal_id
     JOIN agency a ON a.code = g.lead_agency_code
     LEFT JOIN agency c ON c.code = $1
     ORDER BY g.signed_at, g.id`,
    [committeeAgency],
  );
}
