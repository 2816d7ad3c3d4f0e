import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { verifySignedPdf } from '../signature';
import { createTestCa, issueTestCertificate, signPdf } from '../signature/test-signing';
import {
  documentFileStem,
  issuerHeading,
  layoutOf,
  placeDateLine,
  renderDocumentDocx,
  renderDocumentPdf,
  type RenderableDocument,
} from '.';

const decision: RenderableDocument = {
  id: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
  type: 'DECISION',
  issuer: issuerHeading({ agencyName: 'Ủy ban nhân dân tỉnh Hà Tĩnh', provinceName: 'Tỉnh Hà Tĩnh', peoplesCommittee: true }),
  number: 15,
  notation: 'QĐ-UBND',
  place: 'Hà Tĩnh',
  date: '2026-12-04',
  subject: 'Về việc chấp thuận ký kết Biên bản ghi nhớ hợp tác với tỉnh Khăm Muồn',
  body:
    'Căn cứ Luật Thỏa thuận quốc tế ngày 13 tháng 11 năm 2020;\n' +
    'Ủy ban nhân dân tỉnh quyết định chấp thuận việc ký kết Biên bản ghi nhớ về hợp tác thương mại.',
  signer: { authority: 'TM. Ủy ban nhân dân\nKT. Chủ tịch', title: 'Phó Chủ tịch', name: 'Ngô Thị Nga' },
  recipients: ['Sở Công Thương', 'Sở Ngoại vụ'],
  priority: 'NORMAL',
};

const COMPONENTS = [
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'ỦY BAN NHÂN DÂN',
  'TỈNH HÀ TĨNH',
  'Số: 15/QĐ-UBND',
  'Hà Tĩnh, ngày 04 tháng 12 năm 2026',
  'QUYẾT ĐỊNH',
  'Ủy ban nhân dân tỉnh quyết định chấp thuận',
  'Nơi nhận:',
  '- Sở Công Thương;',
  '- Lưu: VT.',
  'TM. ỦY BAN NHÂN DÂN',
  'KT. CHỦ TỊCH',
  'PHÓ CHỦ TỊCH',
  'Ngô Thị Nga',
];

/** Collapses runs of blanks and joins the layout's wrapped lines, so a phrase is found whatever the line breaks. */
const flat = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ');

describe('renderDocumentPdf (Decree 30 layout)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'accord-render-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const pdftotext = (pdf: Buffer, name: string): string => {
    const path = join(dir, `${name}.pdf`);
    writeFileSync(path, pdf);
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  };

  it('prints every component, the Vietnamese text extractable', async () => {
    const text = pdftotext(await renderDocumentPdf(decision), 'decision');
    for (const component of [...COMPONENTS, decision.subject]) expect(flat(text)).toContain(component);
    // The number line and the place-date line share a line, the header's two columns side by side.
    expect(text).toMatch(/Số: 15\/QĐ-UBND\s+Hà Tĩnh, ngày 04 tháng 12 năm 2026/);
    expect(text).toMatch(/ỦY BAN NHÂN DÂN\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/);
    // Recipients bottom left, the signer's authority bottom right on the same line.
    expect(text).toMatch(/Nơi nhận:\s+TM\. ỦY BAN NHÂN DÂN/);
  });

  it('renders the same document to the same bytes, the marker and title in the Info dictionary', async () => {
    const [a, b] = [await renderDocumentPdf(decision), await renderDocumentPdf(decision)];
    expect(a.equals(b)).toBe(true);
    // pdfkit writes each Info value as an indirect object: a plain literal string, in no stream.
    expect(a.includes(Buffer.from(`(accord-document:${decision.id})`, 'latin1'))).toBe(true);
    expect(a.includes(Buffer.from('(D:20261203170000Z)', 'latin1'))).toBe(true);
    const info = execFileSync('pdfinfo', ['-isodates', join(dir, 'decision.pdf')], { encoding: 'utf8' });
    expect(info).toMatch(new RegExp(`Title:\\s+${decision.subject}`));
    expect(info).toMatch(new RegExp(`Keywords:\\s+accord-document:${decision.id}`));
    expect(info).toMatch(/CreationDate:\s+2026-12-0(3T17:00:00Z|4T00:00:00\+07)/);
    expect(info).toMatch(/Page size:\s+595\.2\d* x 841\.8\d* pts \(A4\)/);
    // Another document differs (its id at least).
    expect((await renderDocumentPdf({ ...decision, id: '00000000-0000-4000-8000-000000000000' })).equals(a)).toBe(false);
  });

  it('is accepted as this document once signed: by its sha256 and by its marker', async () => {
    const pdf = await renderDocumentPdf(decision);
    const ca = await createTestCa({ commonName: 'Test Root CA' });
    const signed = await signPdf(pdf, await issueTestCertificate(ca, { commonName: 'Ngô Thị Nga' }));
    const sha256OfUnsigned = createHash('sha256').update(pdf).digest('hex');
    const check = (expected: { sha256OfUnsigned?: string; text?: string[] }) =>
      verifySignedPdf(signed, { expected, trustAnchorsPem: [ca.certificatePem] });
    await expect(check({ sha256OfUnsigned })).resolves.toMatchObject({ ok: true });
    await expect(check({ text: [`accord-document:${decision.id}`] })).resolves.toMatchObject({ ok: true });
    await expect(check({ text: ['accord-document:00000000-0000-4000-8000-000000000000'] })).resolves.toMatchObject({
      ok: false,
      reason: 'NOT_THIS_DOCUMENT',
    });
  });

  it('prints a DRAFT with blanks for number, day and month', async () => {
    const text = flat(pdftotext(await renderDocumentPdf({ ...decision, number: null }), 'draft'));
    expect(text).toContain('Số: /QĐ-UBND');
    expect(text).toContain('Hà Tĩnh, ngày tháng năm 2026');
    expect(text).not.toContain('15/QĐ-UBND');
  });

  it('prints an unregistered listing with a blank number but its day and month (the registry DOCX)', () => {
    const layout = layoutOf({ ...decision, number: null, unregistered: true, date: '2026-02-05' });
    expect(layout.numberLine).toBe('Số:      /QĐ-UBND');
    expect(layout.placeDateLine).toBe('Hà Tĩnh, ngày 05 tháng 02 năm 2026');
  });

  it("heads a department's letter with its organ in charge, V/v subject and priority mark", async () => {
    const letter: RenderableDocument = {
      ...decision,
      type: 'OFFICIAL_LETTER',
      issuer: issuerHeading({ agencyName: 'Sở Ngoại vụ', provinceName: 'Tỉnh Hà Tĩnh', peoplesCommittee: false }),
      notation: 'SNgV-HTQT',
      priority: 'URGENT',
    };
    const text = flat(pdftotext(await renderDocumentPdf(letter), 'letter'));
    for (const component of ['UBND TỈNH HÀ TĨNH', 'SỞ NGOẠI VỤ', 'Số: 15/SNgV-HTQT', 'V/v chấp thuận ký kết', 'KHẨN'])
      expect(text).toContain(component);
    expect(text).not.toContain('QUYẾT ĐỊNH');
  });

  it('breaks a long body over pages, numbering them from the second', async () => {
    const body = Array.from({ length: 60 }, (_, i) => `Điều ${i + 1}. Nội dung điều khoản thứ ${i + 1} của quyết định.`).join('\n');
    const text = pdftotext(await renderDocumentPdf({ ...decision, body }), 'long');
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[1]!.trim().split('\n')[0]!.trim()).toBe('2');
    expect(flat(pages.at(-1)!)).toContain('Ngô Thị Nga');
  });
});

describe('renderDocumentDocx', () => {
  it('holds the same components in word/document.xml, in Times New Roman, A4 with Decree 30 margins', async () => {
    const docx = await renderDocumentDocx(decision);
    const zip = await JSZip.loadAsync(docx);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = flat(
      xml
        .replace(/<\/w:p>/g, '\n')
        .replace(/<[^>]+>/g, '')
        .replace(/&amp;/g, '&'),
    );
    for (const component of [...COMPONENTS, decision.subject]) expect(text).toContain(component);
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).not.toMatch(/w:ascii="(?!Times New Roman)/);
    // A4 (11906 x 16838 twips); margins top 20, bottom 20, left 30, right 15 mm.
    expect(xml).toMatch(/<w:pgSz w:w="1190\d" w:h="1683\d"/);
    expect(xml).toMatch(/w:top="113\d" w:right="85\d" w:bottom="113\d" w:left="170\d"/);
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain(`accord-document:${decision.id}`);
  });
});

describe('layout texts', () => {
  it('pads days below 10 and the months January and February (Decree 30 Annex I)', () => {
    expect(placeDateLine('Hà Tĩnh', '2026-02-05', false)).toBe('Hà Tĩnh, ngày 05 tháng 02 năm 2026');
    expect(placeDateLine('Hà Tĩnh', '2026-03-15', false)).toBe('Hà Tĩnh, ngày 15 tháng 3 năm 2026');
    expect(placeDateLine('Đồng Nai', '2026-12-04', true)).toBe('Đồng Nai, ngày    tháng    năm 2026');
  });

  it('names files in ASCII', () => {
    expect(documentFileStem({ number: 15, notation: 'QĐ-UBND' })).toBe('15-QD-UBND');
    expect(documentFileStem({ number: null, notation: 'QĐ-UBND' })).toBe('du-thao-QD-UBND');
    expect(documentFileStem({ number: 3, notation: 'BC/SNgV "x"' })).toBe('3-BC-SNgV-x');
  });
});
