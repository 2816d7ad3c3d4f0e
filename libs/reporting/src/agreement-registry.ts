/**
 * The province's registry of international agreements as an official document (issue 17, item 6): the listing
 * `GET /agreements/export?format=docx` prints, in the same Decree 30 frame as the consolidated report (libs/records'
 * renderer, the report's paragraphs and tables): issued by the province's Department of Foreign Affairs, "Số: …/BC-SNgV"
 * with a blank number (it is printed on demand, never registered), dated the day it is printed, to the People's
 * Committee, signed by the department's director. Agencies and countries by name, rows by lead agency then number.
 * Pure: data in, bytes out.
 */
import type { Paragraph, Table } from 'docx';
import { countryName, reportNotation } from '@accord/domain';
import type { AgreementLine } from '@accord/persistence/reporting/report-data';
import { issuerHeading, renderDocumentDocx, type RenderableDocument } from '@accord/records/render';
import { reportParagraph as para, reportTable as table } from './consolidated-report';
import { AGREEMENT_STATUS_VI, agreementNumber, REPORT_SIGNER, viCompare, viDate } from './report-text';

export interface AgreementRegistryData {
  authority: {
    provinceCode: string;
    /** "Tỉnh Hà Tĩnh". */
    provinceName: string;
    /** "Hà Tĩnh": the place of the place-date line. */
    place: string;
    /** The People's Committee the listing goes to. */
    committee: string;
    /** The issuing department (HT-SNGV, Sở Ngoại vụ). */
    issuer: { code: string; name: string };
  };
  /** Every agreement of the registry, whatever its status. */
  agreements: AgreementLine[];
  /** YYYY-MM-DD in Asia/Ho_Chi_Minh: the date it is printed on. */
  date: string;
  /** The instant it was printed (ISO 8601). */
  generatedAt: string;
}

export const REGISTRY_HEADERS = [
  'STT',
  'Số hiệu',
  'Tên thỏa thuận',
  'Đối tác nước ngoài',
  'Quốc gia',
  'Cơ quan chủ trì',
  'Ngày ký',
  'Ngày hết hiệu lực',
  'Tình trạng',
];

/** "Tỉnh Hà Tĩnh" -> "tỉnh Hà Tĩnh", as it reads inside a sentence. */
const inSentence = (provinceName: string) => provinceName.replace(/^(Tỉnh|Thành phố)/u, (w) => w.toLocaleLowerCase('vi-VN'));

/** The agreements as the listing prints them: by lead agency name (Vietnamese order), then number (or title), then signing. */
export function registryRows(data: AgreementRegistryData): string[][] {
  return data.agreements
    .map((g) => ({ g, agency: g.leadAgencyName ?? g.leadAgency }))
    .sort(
      (x, y) =>
        viCompare(x.agency, y.agency) ||
        viCompare(x.g.number ?? x.g.title, y.g.number ?? y.g.title) ||
        x.g.signedOn.localeCompare(y.g.signedOn),
    )
    .map(({ g, agency }, i) => [
      String(i + 1),
      agreementNumber(g),
      g.title,
      g.counterpart ?? '',
      countryName(g.country),
      agency,
      viDate(g.signedOn),
      viDate(g.expiresOn),
      AGREEMENT_STATUS_VI[g.status] ?? g.status,
    ]);
}

export function registrySummary(data: AgreementRegistryData): string {
  const count = (status: string) => data.agreements.filter((g) => g.status === status).length;
  return (
    `Tổng số thỏa thuận quốc tế trong sổ đăng ký: ${data.agreements.length}; còn hiệu lực: ${count('IN_FORCE')}; ` +
    `hết hiệu lực: ${count('EXPIRED')}; đã chấm dứt: ${count('TERMINATED')}.`
  );
}

export function registryRenderable(data: AgreementRegistryData): RenderableDocument {
  const a = data.authority;
  return {
    id: `agreement-registry-${a.provinceCode}-${data.date}`,
    type: 'REPORT',
    issuer: issuerHeading({ agencyName: a.issuer.name, provinceName: a.provinceName, peoplesCommittee: false }),
    number: null,
    unregistered: true,
    notation: reportNotation(a.issuer.code),
    place: a.place,
    date: data.date,
    subject: `DANH MỤC THỎA THUẬN QUỐC TẾ\ncủa ${inSentence(a.provinceName)}`,
    body:
      `${a.issuer.name} lập danh mục các thỏa thuận quốc tế đã ký kết của ${inSentence(a.provinceName)}, ` +
      `cập nhật đến ngày ${viDate(data.date)}, như sau:`,
    signer: REPORT_SIGNER,
    recipients: [a.committee],
    priority: 'NORMAL',
  };
}

export async function buildRegistryDocx(data: AgreementRegistryData): Promise<Buffer> {
  const content: (Paragraph | Table)[] = [
    para(registrySummary(data)),
    table(REGISTRY_HEADERS, registryRows(data)),
    para(`Danh mục được lập tự động từ sổ đăng ký thỏa thuận quốc tế trên hệ thống Accord lúc ${data.generatedAt}.`, {
      italics: true,
      size: 12,
    }),
  ];
  return renderDocumentDocx(registryRenderable(data), {
    content,
    title: `Danh mục thỏa thuận quốc tế của ${inSentence(data.authority.provinceName)}`,
  });
}
