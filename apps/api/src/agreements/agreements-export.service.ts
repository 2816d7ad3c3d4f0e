import { Injectable } from '@nestjs/common';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { countryName, isoDateInVietnam, provinceAgency } from '@accord/domain';
import { findRegistryAuthority, listAgreementsForExport, type AgreementExportRow } from '@accord/persistence';
import { buildRegistryDocx } from '@accord/reporting';
import { csvCell } from '../common/csv-cell';

/** The province's People's Committee: the Vietnamese party of agreements signed at PROVINCIAL_COMMITTEE level. */

export interface RegistryExportItem {
  id: string;
  number: string | null;
  title: string;
  parties: {
    vietnamese: { code: string; name: string };
    counterpart: { name: string | null; country: string; type: string | null };
  };
  country: string;
  /** The country's Vietnamese name (CLDR, as the web shows it): `LA` -> `Lào`. */
  countryName: string;
  fields: string[];
  signedOn: string;
  signedAt: string;
  place: string;
  signatories: { name: string; title: string; party: string }[];
  termMonths: number | null;
  expiresOn: string | null;
  status: string;
  leadAgency: { code: string; name: string };
  proposalReference: string;
}

/** CSV columns: one per field the national database of international commitments asks for (Res. 250/2025/QH15 Art 6). */
const COLUMNS: { key: string; value: (i: RegistryExportItem) => string | number | null }[] = [
  { key: 'number', value: (i) => i.number },
  { key: 'title', value: (i) => i.title },
  { key: 'vietnameseParty', value: (i) => i.parties.vietnamese.name },
  { key: 'counterpart', value: (i) => i.parties.counterpart.name },
  { key: 'counterpartType', value: (i) => i.parties.counterpart.type },
  { key: 'country', value: (i) => i.country },
  { key: 'countryName', value: (i) => i.countryName },
  { key: 'fields', value: (i) => i.fields.join('; ') },
  { key: 'signedOn', value: (i) => i.signedOn },
  { key: 'place', value: (i) => i.place },
  { key: 'signatories', value: (i) => i.signatories.map((s) => `${s.name} (${s.title}, ${s.party})`).join('; ') },
  { key: 'termMonths', value: (i) => i.termMonths },
  { key: 'expiresOn', value: (i) => i.expiresOn },
  { key: 'status', value: (i) => i.status },
  { key: 'leadAgencyCode', value: (i) => i.leadAgency.code },
  { key: 'leadAgencyName', value: (i) => i.leadAgency.name },
  { key: 'proposalReference', value: (i) => i.proposalReference },
];

/** The whole registry of signed agreements, oldest signing first, for the national database of international commitments. */
@Injectable()
export class AgreementsExportService {
  constructor(private readonly db: DataSource) {}

  /** `province`: the caller's; its People's Committee is the Vietnamese party of provincial-level agreements. */
  async items(province: string): Promise<RegistryExportItem[]> {
    const rows = await listAgreementsForExport(this.db, provinceAgency(province, 'UBND'));
    return rows.map(present);
  }

  /**
   * RFC 4180 CSV with a UTF-8 byte order mark, without which Excel reads the Vietnamese text as a legacy code page.
   * Every cell goes through csvCell: titles, places, signatories and numbers are free text and must not become formulas.
   */
  csv(items: RegistryExportItem[]): Buffer {
    const records = [COLUMNS.map((c) => c.key), ...items.map((i) => COLUMNS.map((c) => csvCell(c.value(i))))];
    const body = stringify(records, { record_delimiter: 'windows' });
    return Buffer.from(`\uFEFF${body}`, 'utf8');
  }

  /**
   * The registry as an official document for people to read (libs/reporting agreement-registry.ts): names, not codes,
   * issued by the province's Department of Foreign Affairs and dated `now` in Viet Nam; the CSV and JSON stay the
   * machine export.
   */
  async docx(province: string, items: RegistryExportItem[], now: Date): Promise<Buffer> {
    const issuer = provinceAgency(province, 'SNGV');
    const authority = await findRegistryAuthority(this.db, province, issuer, provinceAgency(province, 'UBND'));
    const provinceName = authority?.province_name ?? province;
    return buildRegistryDocx({
      authority: {
        provinceCode: province,
        provinceName,
        place: authority?.place ?? provinceName,
        committee:
          authority?.committee_name ?? `Ủy ban nhân dân ${provinceName.replace(/^(Tỉnh|Thành phố)/u, (w) => w.toLocaleLowerCase('vi-VN'))}`,
        issuer: { code: issuer, name: authority?.issuer_name ?? 'Sở Ngoại vụ' },
      },
      agreements: items.map((i) => ({
        id: i.id,
        number: i.number,
        title: i.title,
        counterpart: i.parties.counterpart.name,
        country: i.country,
        leadAgency: i.leadAgency.code,
        leadAgencyName: i.leadAgency.name,
        fileReference: i.proposalReference,
        signedOn: i.signedOn,
        expiresOn: i.expiresOn,
        status: i.status,
      })),
      date: isoDateInVietnam(now),
      generatedAt: now.toISOString(),
    });
  }
}

function present(r: AgreementExportRow): RegistryExportItem {
  const byCommittee = r.level === 'PROVINCIAL_COMMITTEE' && r.committee_code !== null;
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    parties: {
      vietnamese: byCommittee
        ? { code: r.committee_code!, name: r.committee_name! }
        : { code: r.lead_agency_code, name: r.lead_agency_name },
      counterpart: { name: r.counterpart?.name ?? null, country: r.country, type: r.counterpart?.type ?? null },
    },
    country: r.country,
    countryName: countryName(r.country),
    fields: r.fields,
    signedOn: isoDateInVietnam(r.signed_at),
    signedAt: r.signed_at.toISOString(),
    place: r.place,
    signatories: r.signatories ?? [],
    termMonths: r.term_months,
    expiresOn: r.expires_on,
    status: r.status,
    leadAgency: { code: r.lead_agency_code, name: r.lead_agency_name },
    proposalReference: r.reference,
  };
}
