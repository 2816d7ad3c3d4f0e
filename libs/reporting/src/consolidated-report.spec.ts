/**
 * The consolidated report reads as an official document (issue 17, item 6): its DOCX, read back paragraph by
 * paragraph from word/document.xml, carries the Decree 30 parts (national title, issuer, "Số: …/BC-SNgV", the
 * province's place-date line, recipients, signature block), names agencies and countries instead of codes, fills the
 * agreement number from the registry and lists agreements by lead agency, then agreement; the XLSX the same rows.
 */
import ExcelJS from 'exceljs';
import type { AgreementLine, ConsolidatedReportData } from '@accord/persistence/reporting/report-data';
import { buildReportDocx, buildReportXlsx, reportRenderable } from './consolidated-report';
import { reportBody } from './report-text';
import { docxParagraphs } from '@accord/records/render/docx-text';

const agreement = (over: Partial<AgreementLine>): AgreementLine => ({
  id: 'a',
  number: null,
  title: 'Thỏa thuận',
  counterpart: null,
  country: 'LA',
  leadAgency: 'HT-SCT',
  leadAgencyName: 'Sở Công Thương',
  fileReference: 'TTQT-2031-00001',
  signedOn: '2031-03-02',
  expiresOn: null,
  status: 'IN_FORCE',
  ...over,
});

function data(province: 'HT' | 'DN' = 'HT'): ConsolidatedReportData {
  const p = province === 'HT' ? { name: 'Tỉnh Hà Tĩnh', place: 'Hà Tĩnh' } : { name: 'Thành phố Đồng Nai', place: 'Đồng Nai' };
  return {
    cycle: {
      id: '7d1f3a52-8f0e-4c5b-9a43-2f7d7e0f1a01',
      kind: 'ANNUAL',
      year: 2031,
      title: 'Báo cáo năm 2031 về tình hình ký kết và thực hiện thỏa thuận quốc tế, cam kết quốc tế',
      periodFrom: '2030-11-01',
      periodTo: '2031-10-31',
      openedOn: '2031-10-15',
      dueOn: '2031-11-05',
      status: 'CONSOLIDATED',
      consolidatedAt: '2031-11-06T03:00:00.000Z',
      consolidatedBy: 'Phạm Quốc Dũng',
      consolidator: { code: `${province}-SNGV`, name: 'Sở Ngoại vụ' },
    },
    authority: {
      provinceCode: province,
      provinceName: p.name,
      place: p.place,
      committee: province === 'HT' ? 'Ủy ban nhân dân tỉnh Hà Tĩnh' : 'Ủy ban nhân dân thành phố Đồng Nai',
    },
    province: {
      period: { from: '2030-11-01', to: '2031-10-31' },
      agreements: {
        // Out of order on purpose: the report sorts by lead agency name, then agreement.
        signed: [
          agreement({
            id: '1',
            number: 'TT-02/2031',
            title: 'Thỏa thuận về y tế',
            country: 'KH',
            leadAgency: `${province}-SYT`,
            leadAgencyName: 'Sở Y tế',
          }),
          agreement({
            id: '2',
            number: 'TT-07/2031',
            title: 'Thỏa thuận xúc tiến thương mại',
            counterpart: 'Sở Công Thương tỉnh Savannakhet',
          }),
          agreement({ id: '3', number: 'TT-03/2031', title: 'Thỏa thuận phát triển thương mại biên giới' }),
          agreement({
            id: '4',
            number: null,
            fileReference: 'TTQT-2031-00004',
            title: 'Thỏa thuận giáo dục',
            country: 'KR',
            leadAgency: `${province}-SGDDT`,
            leadAgencyName: 'Sở Giáo dục và Đào tạo',
          }),
        ],
        amended: [],
        expired: [],
        terminated: [],
        inForce: 4,
      },
      planItems: [],
    },
    submissions: [
      { code: `${province}-STC`, name: 'Sở Tài chính', status: 'MISSING' as const },
      { code: `${province}-SCT`, name: 'Sở Công Thương', status: 'SUBMITTED' as const },
      { code: `${province}-SNGV`, name: 'Sở Ngoại vụ', status: 'SUBMITTED' as const },
    ].map((s) => ({
      agency: { code: s.code, name: s.name },
      status: s.status,
      dueAt: '2031-11-04T17:00:00.000Z',
      submittedAt: s.status === 'SUBMITTED' ? '2031-11-01T03:00:00.000Z' : null,
      late: false,
      submittedBy: s.status === 'SUBMITTED' ? 'Cán bộ' : null,
      comment: s.status === 'SUBMITTED' ? `Báo cáo của ${s.name}` : null,
      attachments: [],
      prefill: null,
    })),
    generatedAt: '2031-11-06T03:00:05.000Z',
  };
}

describe('consolidated report', () => {
  it('prints the DOCX as an official report: national title, issuer, number and place-date lines, recipients, signature', async () => {
    const lines = await docxParagraphs(await buildReportDocx(data()));
    const text = lines.join('\n');
    for (const part of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'UBND TỈNH HÀ TĨNH',
      'SỞ NGOẠI VỤ',
      'Số:      /BC-SNgV',
      'Hà Tĩnh, ngày    tháng    năm 2031',
      'BÁO CÁO',
      'Năm 2031 về tình hình ký kết và thực hiện thỏa thuận quốc tế, cam kết quốc tế',
      'Nơi nhận:',
      '- Ủy ban nhân dân tỉnh Hà Tĩnh;',
      '- Lưu: VT.',
      'GIÁM ĐỐC',
    ])
      expect(lines).toContain(part);
    expect(text).toContain('I. TÌNH HÌNH KÝ KẾT THỎA THUẬN QUỐC TẾ');
    // The number line comes before the title, the signature block after the tables.
    expect(lines.indexOf('Số:      /BC-SNgV')).toBeLessThan(lines.indexOf('BÁO CÁO'));
    expect(lines.indexOf('GIÁM ĐỐC')).toBeGreaterThan(lines.indexOf('III. BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ'));
  });

  it('names agencies and countries, fills the agreement number, and sorts by agency name then agreement', async () => {
    const lines = await docxParagraphs(await buildReportDocx(data()));
    const text = lines.join('\n');
    expect(text).not.toMatch(/\bHT-/);
    for (const name of [
      'Sở Công Thương',
      'Sở Y tế',
      'Sở Giáo dục và Đào tạo',
      'Lào',
      'Campuchia',
      'Hàn Quốc',
      'TT-07/2031',
      '(hồ sơ TTQT-2031-00004)',
    ])
      expect(lines).toContain(name);
    expect(lines).not.toContain('LA');
    // Công Thương < Giáo dục < Y tế; within Sở Công Thương, TT-03 before TT-07.
    const at = (s: string) => lines.indexOf(s);
    expect(at('TT-03/2031')).toBeLessThan(at('TT-07/2031'));
    expect(at('TT-07/2031')).toBeLessThan(at('(hồ sơ TTQT-2031-00004)'));
    expect(at('(hồ sơ TTQT-2031-00004)')).toBeLessThan(at('TT-02/2031'));
    // The agencies' reports by name: Sở Công Thương, Sở Ngoại vụ, Sở Tài chính.
    const reports = ['Báo cáo của Sở Công Thương', 'Báo cáo của Sở Ngoại vụ'].map(at);
    expect(reports[0]).toBeLessThan(reports[1]!);
    expect(reports[1]).toBeLessThan(lines.lastIndexOf('Sở Tài chính'));
  });

  it("takes the place and the heading from the cycle's province, and the number and date once the report is issued", async () => {
    const dn = await docxParagraphs(await buildReportDocx(data('DN')));
    expect(dn).toContain('UBND THÀNH PHỐ ĐỒNG NAI');
    expect(dn).toContain('Đồng Nai, ngày    tháng    năm 2031');
    expect(dn.join('\n')).not.toContain('Hà Tĩnh');
    expect(dn.join('\n')).not.toMatch(/\bDN-/);

    const official = { id: 'b1c2d3e4-0000-4000-8000-000000000001', number: 12, notation: 'BC-SNgV', issuedOn: '2031-11-07' };
    const issued = await docxParagraphs(await buildReportDocx(data(), official));
    expect(issued).toContain('Số: 12/BC-SNgV');
    expect(issued).toContain('Hà Tĩnh, ngày 07 tháng 11 năm 2031');
    expect(reportRenderable(data(), official).id).toBe(official.id);
  });

  it('writes the same names and order in the XLSX, and in the running text of its official document', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await buildReportXlsx(data())) as unknown as ArrayBuffer);
    const rows = workbook
      .getWorksheet('Thỏa thuận')!
      .getSheetValues()
      .slice(2)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows.map((r) => [r[1], r[4], r[7]])).toEqual([
      ['TT-03/2031', 'Lào', 'Sở Công Thương'],
      ['TT-07/2031', 'Lào', 'Sở Công Thương'],
      ['(hồ sơ TTQT-2031-00004)', 'Hàn Quốc', 'Sở Giáo dục và Đào tạo'],
      ['TT-02/2031', 'Campuchia', 'Sở Y tế'],
    ]);
    const agencies = workbook
      .getWorksheet('Báo cáo các cơ quan')!
      .getSheetValues()
      .slice(2)
      .map((r) => (r as unknown[])[2]);
    expect(agencies).toEqual(['Sở Công Thương', 'Sở Ngoại vụ', 'Sở Tài chính']);

    const body = reportBody(data());
    expect(body).not.toMatch(/\bHT-/);
    expect(body).toContain(
      '1. Thỏa thuận phát triển thương mại biên giới (số TT-03/2031) (Lào): ký mới ngày 02/03/2031; cơ quan chủ trì: Sở Công Thương.',
    );
    expect(body).toContain('(số hồ sơ TTQT-2031-00004)');
    // Each agency's status, not what it wrote: the body is read by every user of the province; the comments stay in
    // the DOCX above, which only the coordinating SNGV, LEADER and ADMIN download.
    expect(body).toContain('- Sở Công Thương: đã nộp.');
    expect(body).toContain('- Sở Tài chính: không nộp.');
    expect(body).not.toContain('Báo cáo của Sở Công Thương');
    expect((await docxParagraphs(await buildReportDocx(data()))).join('\n')).toContain('Báo cáo của Sở Công Thương');
  });
});
