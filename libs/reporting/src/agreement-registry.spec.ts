/**
 * The registry export as an official document (issue 17, item 6): `GET /agreements/export?format=docx` prints the
 * province's agreements in the Decree 30 frame of the consolidated report, read back here paragraph by paragraph from
 * word/document.xml: issuer, "Số:      /BC-SNgV", the place-date line with the day it was printed, agencies and
 * countries by name (never their codes), rows by lead agency name then number, recipients and signature block.
 */
import type { AgreementLine } from '@accord/persistence/reporting/report-data';
import { buildRegistryDocx, registryRenderable, type AgreementRegistryData } from './agreement-registry';
import { docxParagraphs } from '@accord/records/render/docx-text';

const agreement = (a: Partial<AgreementLine> & Pick<AgreementLine, 'title' | 'leadAgency' | 'leadAgencyName'>): AgreementLine => ({
  id: `00000000-0000-4000-8000-${String(a.title.length).padStart(12, '0')}`,
  number: null,
  counterpart: 'Savannakhet Province',
  country: 'LA',
  fileReference: 'TTQT-2031-00001',
  signedOn: '2031-03-02',
  expiresOn: '2033-03-01',
  status: 'IN_FORCE',
  ...a,
});

function data(province: 'HT' | 'DN' = 'HT'): AgreementRegistryData {
  const p = (code: string) => `${province}-${code}`;
  return {
    authority:
      province === 'HT'
        ? {
            provinceCode: 'HT',
            provinceName: 'Tỉnh Hà Tĩnh',
            place: 'Hà Tĩnh',
            committee: 'Ủy ban nhân dân tỉnh Hà Tĩnh',
            issuer: { code: 'HT-SNGV', name: 'Sở Ngoại vụ' },
          }
        : {
            provinceCode: 'DN',
            provinceName: 'Thành phố Đồng Nai',
            place: 'Đồng Nai',
            committee: 'Ủy ban nhân dân thành phố Đồng Nai',
            issuer: { code: 'DN-SNGV', name: 'Sở Ngoại vụ' },
          },
    // In signing order, as the registry lists them; an agreement number may itself start with the province prefix.
    agreements: [
      agreement({
        title: 'Hợp tác y tế biên giới',
        number: 'HT-YT-2031-02',
        leadAgency: p('SYT'),
        leadAgencyName: 'Sở Y tế',
        country: 'KH',
      }),
      agreement({ title: 'Hợp tác thương mại', number: 'TT-07/2031', leadAgency: p('SCT'), leadAgencyName: 'Sở Công Thương' }),
      agreement({
        title: 'Trao đổi giáo dục',
        number: null,
        fileReference: 'TTQT-2031-00004',
        leadAgency: p('SGDDT'),
        leadAgencyName: 'Sở Giáo dục và Đào tạo',
        country: 'KR',
        status: 'EXPIRED',
      }),
      agreement({
        title: 'Xúc tiến đầu tư',
        number: 'TT-03/2031',
        leadAgency: p('SCT'),
        leadAgencyName: 'Sở Công Thương',
        status: 'TERMINATED',
      }),
      agreement({
        title: 'Đào tạo nghề',
        number: 'ĐT-01/2031',
        leadAgency: p('SLDTBXH'),
        leadAgencyName: 'Đài Phát thanh',
        expiresOn: null,
      }),
    ],
    date: '2031-11-06',
    generatedAt: '2031-11-06T03:00:05.000Z',
  };
}

describe('agreement registry document', () => {
  it('prints the registry as an official document: issuer, blank number, dated place-date line, title, recipients, signature', async () => {
    const lines = await docxParagraphs(await buildRegistryDocx(data()));
    for (const part of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'UBND TỈNH HÀ TĨNH',
      'SỞ NGOẠI VỤ',
      'Số:      /BC-SNgV',
      'Hà Tĩnh, ngày 06 tháng 11 năm 2031',
      'DANH MỤC THỎA THUẬN QUỐC TẾ',
      'của tỉnh Hà Tĩnh',
      'Nơi nhận:',
      '- Ủy ban nhân dân tỉnh Hà Tĩnh;',
      '- Lưu: VT.',
      'GIÁM ĐỐC',
    ])
      expect(lines).toContain(part);
    const at = (s: string) => lines.indexOf(s);
    expect(at('Số:      /BC-SNgV')).toBeLessThan(at('DANH MỤC THỎA THUẬN QUỐC TẾ'));
    expect(at('DANH MỤC THỎA THUẬN QUỐC TẾ')).toBeLessThan(at('STT'));
    expect(at('GIÁM ĐỐC')).toBeGreaterThan(at('Xúc tiến đầu tư'));
    expect(lines.join('\n')).toContain('Tổng số thỏa thuận quốc tế trong sổ đăng ký: 5; còn hiệu lực: 3; hết hiệu lực: 1; đã chấm dứt: 1.');
  });

  it('names agencies, countries and statuses, fills the file reference for want of a number, and sorts by agency name then number', async () => {
    const lines = await docxParagraphs(await buildRegistryDocx(data()));
    for (const code of ['HT-SYT', 'HT-SCT', 'HT-SGDDT', 'HT-SLDTBXH', 'HT-SNGV', 'HT-UBND']) expect(lines.join('\n')).not.toContain(code);
    for (const code of ['LA', 'KH', 'KR', 'IN_FORCE', 'EXPIRED', 'TERMINATED']) expect(lines).not.toContain(code);
    for (const name of [
      'Sở Công Thương',
      'Sở Y tế',
      'Sở Giáo dục và Đào tạo',
      'Đài Phát thanh',
      'Lào',
      'Campuchia',
      'Hàn Quốc',
      'Còn hiệu lực',
      'Hết hiệu lực',
      'Đã chấm dứt',
      'HT-YT-2031-02',
      '(hồ sơ TTQT-2031-00004)',
      '02/03/2031',
      '01/03/2033',
    ])
      expect(lines).toContain(name);
    // Vietnamese order: Đài Phát thanh (Đ after D, before S) < Sở Công Thương (TT-03 before TT-07) < Sở Giáo dục < Sở Y tế.
    const order = ['TT-03/2031', 'TT-07/2031', '(hồ sơ TTQT-2031-00004)', 'HT-YT-2031-02'].map((s) => lines.indexOf(s));
    expect(order).toEqual([...order].sort((x, y) => x - y));
    expect(lines.indexOf('ĐT-01/2031')).toBeLessThan(order[0]!);
    // Numbered in that order.
    expect(lines[lines.indexOf('TT-03/2031') - 1]).toBe('2');
    expect(lines[lines.indexOf('ĐT-01/2031') - 1]).toBe('1');
  });

  it("takes the heading, place and recipients from the caller's province", async () => {
    const dn = await docxParagraphs(await buildRegistryDocx(data('DN')));
    expect(dn).toContain('UBND THÀNH PHỐ ĐỒNG NAI');
    expect(dn).toContain('Đồng Nai, ngày 06 tháng 11 năm 2031');
    expect(dn).toContain('của thành phố Đồng Nai');
    expect(dn).toContain('- Ủy ban nhân dân thành phố Đồng Nai;');
    expect(dn.join('\n')).not.toContain('Hà Tĩnh');
    expect(registryRenderable(data('DN'))).toMatchObject({ number: null, notation: 'BC-SNgV', date: '2031-11-06' });
  });
});
