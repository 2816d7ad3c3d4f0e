import { XMLParser } from 'fast-xml-parser';
import {
  DEFAULT_EDXML_LIMITS,
  DEMO_EDXML_ORGAN_DIRECTORY,
  EdxmlValidationError,
  buildEdxmlPackage,
  buildEdxmlStatus,
  findOrganById,
  isEdxmlErrors,
  isOrganIdFormat,
  parseEdxmlPackage,
  parseEdxmlStatus,
  sha256Hex,
  resolveEdxmlOrgan,
  type EdxmlDocument,
  type EdxmlErrors,
  type EdxmlStatus,
} from './index';

const pdf = Buffer.from('%PDF-1.7\n% Quyết định chấp thuận\n%%EOF\n', 'utf8');
const annex = Buffer.from([0, 1, 2, 250, 251, 252, 253, 254, 255, 0x26, 0x3c]);

const decision = (): EdxmlDocument => ({
  documentId: '7f1c2a9e-3b1d-4c55-9d0e-1a2b3c4d5e6f',
  from: {
    organId: '000.00.00.Z01',
    organName: 'Ủy ban nhân dân tỉnh Hà Tĩnh',
    address: 'Số 1 đường Nguyễn Tất Thành, thành phố Hà Tĩnh',
    email: 'ubnd@hatinh.gov.vn',
    telephone: '0239 3855 555',
  },
  to: [
    { organId: '000.00.02.Z01', organName: 'Sở Ngoại vụ tỉnh Hà Tĩnh', organizationInCharge: 'Ủy ban nhân dân tỉnh Hà Tĩnh' },
    { organId: '000.00.00.Z90', organName: 'Bộ Ngoại giao' },
  ],
  codeNumber: '15',
  codeNotation: 'QĐ-UBND',
  place: 'Hà Tĩnh',
  promulgationDate: '2026-12-04',
  documentType: { code: '2', name: 'Quyết định' },
  subject: 'Về việc cho phép ký kết thỏa thuận quốc tế với tỉnh Khăm Muộn, nước CHDCND Lào',
  content: 'Điều 1. Cho phép ký kết thỏa thuận hợp tác "phát triển thương mại" & đầu tư <giai đoạn 2027–2030>.\nĐiều 2. …',
  signer: { competence: 'TM. Ủy ban nhân dân', position: 'Chủ tịch', fullName: 'Võ Trọng Hải' },
  priority: 'URGENT',
  toPlaces: ['Như Điều 3;', 'Bộ Ngoại giao;', 'Lưu: VT, NgV.'],
  dueDate: '2026-12-31',
  responseFor: [{ organId: '000.00.02.Z01', code: '42/TTr-SNgV', promulgationDate: '2026-11-20', documentId: 'a1b2c3' }],
  promulgationAmount: 5,
  pageAmount: 2,
  attachments: [
    { name: 'Quyết định 15-QĐ-UBND.pdf', contentType: 'application/pdf', content: pdf, description: 'Bản ký số' },
    { name: 'Phụ lục thỏa thuận.bin', contentType: 'application/octet-stream', content: annex },
  ],
});

const SENT_AT = new Date('2026-12-04T03:00:00Z');

function errorsOf(result: unknown): EdxmlErrors['errors'] {
  if (!isEdxmlErrors(result)) throw new Error(`expected errors, got a document: ${JSON.stringify(result).slice(0, 200)}`);
  return result.errors;
}

describe('edXML package (QCVN 102:2016/BTTTT)', () => {
  it('round trips: build then parse gives the document back, Vietnamese text and both attachments intact', () => {
    const xml = buildEdxmlPackage(decision(), { sentAt: SENT_AT });
    const parsed = parseEdxmlPackage(xml);
    expect(isEdxmlErrors(parsed)).toBe(false);
    expect(parsed).toEqual(decision());
    const doc = parsed as EdxmlDocument;
    expect(doc.attachments.map((a) => a.content.equals(decision().attachments[doc.attachments.indexOf(a)]!.content))).toEqual([true, true]);
  });

  it('round trips a minimal document (no optional field)', () => {
    const minimal: EdxmlDocument = {
      documentId: 'd-1',
      from: { organId: '000.00.00.Z01', organName: 'UBND tỉnh Hà Tĩnh' },
      to: [{ organId: '000.00.00.Z91', organName: 'Văn phòng Chính phủ' }],
      codeNumber: '7',
      codeNotation: 'BC-UBND',
      place: 'Hà Tĩnh',
      promulgationDate: '2026-01-05',
      documentType: { code: '2', name: 'Báo cáo' },
      subject: 'Báo cáo tình hình ký kết thỏa thuận quốc tế năm 2025',
      signer: { position: 'Chủ tịch', fullName: 'Võ Trọng Hải' },
      priority: 'NORMAL',
      toPlaces: [],
      attachments: [],
    };
    expect(parseEdxmlPackage(buildEdxmlPackage(minimal, { sentAt: SENT_AT }))).toEqual(minimal);
  });

  it('carries CodeNumber, CodeNotation and OrganId in the standard elements', () => {
    const xml = buildEdxmlPackage(decision(), { sentAt: SENT_AT });
    expect(xml).toContain('<edXML:CodeNumber>15</edXML:CodeNumber>');
    expect(xml).toContain('<edXML:CodeNotation>QĐ-UBND</edXML:CodeNotation>');
    expect(xml).toContain('<edXML:OrganId>000.00.00.Z01</edXML:OrganId>');
    expect(xml).toContain('<edXML:PromulgationDate>2026/12/04</edXML:PromulgationDate>');
    expect(xml).toContain('xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"');
    expect(xml).toContain('<edXML:Timestamp>2026/12/04 10:00:00</edXML:Timestamp>'); // 03:00Z is 10:00 in Vietnam

    // Read with a plain parser, prefixes kept: the element paths of the standard.
    const tree = new XMLParser({ parseTagValue: false, ignoreAttributes: true }).parse(xml);
    const header = tree.edXML['edXML:edXMLEnvelope']['edXML:edXMLHeader']['edXML:MessageHeader'];
    expect(header['edXML:Code']).toEqual({ 'edXML:CodeNumber': '15', 'edXML:CodeNotation': 'QĐ-UBND' });
    expect(header['edXML:From']['edXML:OrganId']).toBe('000.00.00.Z01');
    expect(header['edXML:To'].map((t: any) => t['edXML:OrganId'])).toEqual(['000.00.02.Z01', '000.00.00.Z90']);
    expect(header['edXML:SignerInfo']).toEqual({
      'edXML:Competence': 'TM. Ủy ban nhân dân',
      'edXML:Position': 'Chủ tịch',
      'edXML:FullName': 'Võ Trọng Hải',
    });
    expect(header['edXML:OtherInfo']['edXML:Priority']).toBe('1');
    expect(header['edXML:DocumentType']).toEqual({ 'edXML:Type': '2', 'edXML:TypeName': 'Quyết định' });
    const refs = tree.edXML['edXML:edXMLEnvelope']['edXML:edXMLBody']['edXML:edXMLManifest']['edXML:Reference'];
    expect(refs.map((r: any) => [r['edXML:AttachmentName'], r['accord:Sha256']])).toEqual([
      ['Quyết định 15-QĐ-UBND.pdf', sha256Hex(pdf)],
      ['Phụ lục thỏa thuận.bin', sha256Hex(annex)],
    ]);
    const encoded = tree.edXML.AttachmentEncoded.Attachment;
    expect(Buffer.from(encoded[1]['edXML:ContentTransferEncoded'], 'base64').equals(annex)).toBe(true);
  });

  it('refuses an attachment whose content does not match its sha256, naming the attachment', () => {
    const xml = buildEdxmlPackage(decision(), { sentAt: SENT_AT });
    const forged = Buffer.from(annex);
    forged[0] = 9;
    const tampered = xml.replace(annex.toString('base64'), forged.toString('base64'));
    expect(tampered).not.toBe(xml);
    const errors = errorsOf(parseEdxmlPackage(tampered));
    expect(errors).toEqual([{ field: 'attachments.1.sha256', message: expect.stringContaining('attachment "Phụ lục thỏa thuận.bin"') }]);
    expect(errors[0]!.message).toContain('does not match its declared sha256');
  });

  it('accepts a package without the sha256 extension (from another system) and still decodes the attachment', () => {
    const xml = buildEdxmlPackage(decision(), { sentAt: SENT_AT }).replace(/\s*<accord:Sha256>[0-9a-f]+<\/accord:Sha256>/g, '');
    const parsed = parseEdxmlPackage(xml) as EdxmlDocument;
    expect(parsed.attachments[0]!.content.equals(pdf)).toBe(true);
  });

  it('refuses broken attachments: not base64, no content, content not in the manifest', () => {
    const xml = buildEdxmlPackage(decision(), { sentAt: SENT_AT });
    expect(errorsOf(parseEdxmlPackage(xml.replace(pdf.toString('base64'), '!!not base64!!')))).toEqual([
      { field: 'attachments.0.content', message: 'attachment "Quyết định 15-QĐ-UBND.pdf": content is not valid base64' },
    ]);
    const orphan = xml.replace(/<ContentId>cid:attachment-2<\/ContentId>/, '<ContentId>cid:other</ContentId>');
    expect(errorsOf(parseEdxmlPackage(orphan)).map((e) => e.field)).toEqual(['attachments.1.content', 'attachments']);
  });

  it('reports every missing required field by its name', () => {
    const xml = buildEdxmlPackage(decision(), { sentAt: SENT_AT })
      .replace(/<edXML:CodeNumber>15<\/edXML:CodeNumber>/, '')
      .replace(/<edXML:Subject>[^<]*<\/edXML:Subject>/, '<edXML:Subject></edXML:Subject>')
      .replace(/<edXML:From>\s*<edXML:OrganId>[^<]*<\/edXML:OrganId>/, '<edXML:From>')
      .replace(/<edXML:FullName>[^<]*<\/edXML:FullName>/, '')
      .replace(/<edXML:PromulgationDate>2026\/12\/04</, '<edXML:PromulgationDate>2026/02/30<')
      .replace(/(<\/edXML:ResponseFor>\s*)<edXML:DocumentId>[^<]*<\/edXML:DocumentId>/, '$1');
    const fields = errorsOf(parseEdxmlPackage(xml)).map((e) => e.field);
    expect(fields.sort()).toEqual(['codeNumber', 'documentId', 'from.organId', 'promulgationDate', 'signer.fullName', 'subject']);
  });

  it('refuses a package with no recipient organ and a package that is not edXML', () => {
    const noTo = buildEdxmlPackage(decision(), { sentAt: SENT_AT }).replace(/<edXML:To>[\s\S]*?<\/edXML:To>/g, '');
    expect(errorsOf(parseEdxmlPackage(noTo))).toEqual([{ field: 'to', message: '<To> is required (at least one recipient organ)' }]);
    expect(errorsOf(parseEdxmlPackage('<html><body>hi</body></html>'))[0]!.field).toBe('xml');
    expect(errorsOf(parseEdxmlPackage('<edXML><unclosed></edXML>'))[0]!.message).toMatch(/^not well-formed XML/);
    expect(errorsOf(parseEdxmlPackage(''))[0]!.field).toBe('xml');
  });

  it('refuses the billion laughs: DOCTYPE with entities is an error, never an expansion', () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE lolz [',
      ' <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
      ']>',
      '<edXML><edXMLEnvelope><edXMLHeader><MessageHeader><Subject>&lol9;</Subject></MessageHeader></edXMLHeader></edXMLEnvelope></edXML>',
    ].join('\n');
    const started = Date.now();
    expect(errorsOf(parseEdxmlPackage(lol))).toEqual([{ field: 'xml', message: 'DOCTYPE and ENTITY declarations are not accepted' }]);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses an external entity (XXE) and never reads the file', () => {
    const valid = buildEdxmlPackage(decision(), { sentAt: SENT_AT });
    const xxe = valid
      .replace(
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE edXML [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
      )
      .replace(/<edXML:Subject>[^<]*</, '<edXML:Subject>&xxe;<');
    const result = parseEdxmlPackage(xxe);
    expect(errorsOf(result)[0]!.field).toBe('xml');
    expect(JSON.stringify(result)).not.toContain('root:');
  });

  it('refuses an undeclared entity reference even without a DOCTYPE (the parser expands nothing)', () => {
    const xml = buildEdxmlPackage(decision(), { sentAt: SENT_AT }).replace(/<edXML:Subject>[^<]*</, '<edXML:Subject>&xxe;<');
    expect(errorsOf(parseEdxmlPackage(xml))).toEqual([
      { field: 'xml', message: 'entity reference &xxe; is not accepted (no DTD, no entities)' },
    ]);
  });

  it('decodes the predefined entities and character references', () => {
    const xml = buildEdxmlPackage(decision(), { sentAt: SENT_AT }).replace(
      /<edXML:Subject>[^<]*</,
      '<edXML:Subject>A &amp; B &lt;C&gt; &#272;&#x1EA1;i h&#7897;i<',
    );
    expect((parseEdxmlPackage(xml) as EdxmlDocument).subject).toBe('A & B <C> Đại hội');
  });

  it('takes CDATA text literally (other senders wrap values in it)', () => {
    const xml = buildEdxmlPackage(decision(), { sentAt: SENT_AT }).replace(
      /<edXML:Subject>[^<]*</,
      '<edXML:Subject><![CDATA[Hợp tác & phát triển <2027> &amp;]]><',
    );
    expect((parseEdxmlPackage(xml) as EdxmlDocument).subject).toBe('Hợp tác & phát triển <2027> &amp;');
  });

  it('enforces size limits', () => {
    const xml = buildEdxmlPackage(decision(), { sentAt: SENT_AT });
    expect(errorsOf(parseEdxmlPackage(xml, { ...DEFAULT_EDXML_LIMITS, maxXmlChars: 1000 }))[0]!.message).toContain('larger than 1000');
    expect(errorsOf(parseEdxmlPackage(xml, { ...DEFAULT_EDXML_LIMITS, maxAttachmentBytes: 20 }))).toEqual([
      { field: 'attachments.0.content', message: 'attachment "Quyết định 15-QĐ-UBND.pdf" is larger than 20 bytes' },
    ]);
    expect(errorsOf(parseEdxmlPackage(xml, { ...DEFAULT_EDXML_LIMITS, maxAttachments: 1 }))[0]!.field).toBe('attachments');
    const deep = `<a>${'<b>'.repeat(100)}${'</b>'.repeat(100)}</a>`;
    expect(errorsOf(parseEdxmlPackage(deep))).toEqual([{ field: 'xml', message: 'XML refused: Maximum nested tags exceeded' }]);
  });

  it('refuses to build a document that is not ready for exchange', () => {
    const draft = { ...decision(), codeNumber: '', to: [], promulgationDate: '04/12/2026' };
    try {
      buildEdxmlPackage(draft);
      throw new Error('built');
    } catch (e) {
      expect(e).toBeInstanceOf(EdxmlValidationError);
      expect((e as EdxmlValidationError).errors.map((x) => x.field)).toEqual(['to', 'codeNumber', 'promulgationDate']);
    }
  });

  it('reads dates and a bare envelope as other senders write them', () => {
    const xml = buildEdxmlPackage(decision(), { sentAt: SENT_AT })
      .replace('<edXML:PromulgationDate>2026/12/04<', '<edXML:PromulgationDate>04/12/2026<')
      .replace('<edXML:DueDate>2026/12/31<', '<edXML:DueDate>2026-12-31<');
    const parsed = parseEdxmlPackage(xml) as EdxmlDocument;
    expect([parsed.promulgationDate, parsed.dueDate]).toEqual(['2026-12-04', '2026-12-31']);
  });
});

describe('edXML status messages', () => {
  const rejected: EdxmlStatus = {
    responseFor: { organId: '000.00.00.Z01', code: '15/QĐ-UBND', promulgationDate: '2026-12-04', documentId: 'doc-15' },
    from: { organId: '000.00.00.Z90', organName: 'Bộ Ngoại giao' },
    status: 'REJECTED',
    description: 'Thiếu bản dịch tiếng Việt của thỏa thuận; đề nghị gửi bổ sung.',
    timestamp: '2026-12-05T02:15:30.000Z',
    staffInfo: { department: 'Vụ Luật pháp và Điều ước quốc tế', staff: 'Nguyễn Thị Hồng', email: 'vanthu@mofa.gov.vn' },
  };

  it('round trips received, accepted and rejected statuses', () => {
    const received: EdxmlStatus = { ...rejected, status: 'RECEIVED', description: undefined, staffInfo: undefined };
    delete received.description;
    delete received.staffInfo;
    const accepted: EdxmlStatus = { ...rejected, status: 'ACCEPTED', description: 'Đã vào sổ văn bản đến' };
    for (const status of [received, accepted, rejected]) expect(parseEdxmlStatus(buildEdxmlStatus(status))).toEqual(status);
  });

  it('writes the status code and the Vietnam-time timestamp in the standard elements', () => {
    const xml = buildEdxmlStatus(rejected);
    expect(xml).toContain('<edXML:StatusCode>02</edXML:StatusCode>');
    expect(xml).toContain('<edXML:Timestamp>2026/12/05 09:15:30</edXML:Timestamp>');
    expect(xml).toContain('<edXML:Code>15/QĐ-UBND</edXML:Code>');
    expect(xml).toMatch(/<SOAP-ENV:Header>\s*<edXML:Status>/);
  });

  it('requires a reason for a rejection and refuses unknown codes', () => {
    expect(() => buildEdxmlStatus({ ...rejected, description: undefined })).toThrow(EdxmlValidationError);
    const unknown = buildEdxmlStatus(rejected).replace('<edXML:StatusCode>02<', '<edXML:StatusCode>99<');
    expect(errorsOf(parseEdxmlStatus(unknown))).toEqual([
      { field: 'status', message: '<StatusCode> "99" is not one Accord handles (01-06)' },
    ]);
    const noReason = buildEdxmlStatus(rejected).replace(/<edXML:Description>[^<]*<\/edXML:Description>/, '');
    expect(errorsOf(parseEdxmlStatus(noReason))).toEqual([{ field: 'description', message: 'is required' }]);
  });

  it('reads a status under edXMLEnvelope with a day-first timestamp, and refuses a DOCTYPE', () => {
    const xml = [
      '<edXML:edXMLEnvelope xmlns:edXML="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXML:edXMLHeader><edXML:Status>',
      '<edXML:ResponseFor><edXML:OrganId>000.00.00.Z01</edXML:OrganId><edXML:Code>15/QĐ-UBND</edXML:Code>',
      '<edXML:PromulgationDate>04/12/2026</edXML:PromulgationDate><edXML:DocumentId>doc-15</edXML:DocumentId></edXML:ResponseFor>',
      '<edXML:From><edXML:OrganId>000.00.00.Z91</edXML:OrganId><edXML:OrganName>Văn phòng Chính phủ</edXML:OrganName></edXML:From>',
      '<edXML:StatusCode>03</edXML:StatusCode><edXML:Timestamp>05/12/2026 09:15:30</edXML:Timestamp>',
      '</edXML:Status></edXML:edXMLHeader></edXML:edXMLEnvelope>',
    ].join('');
    const status = parseEdxmlStatus(xml) as EdxmlStatus;
    expect([status.status, status.timestamp, status.responseFor.promulgationDate]).toEqual([
      'ACCEPTED',
      '2026-12-05T02:15:30.000Z',
      '2026-12-04',
    ]);
    expect(errorsOf(parseEdxmlStatus(`<!DOCTYPE x [<!ENTITY a "b">]>${xml}`))[0]!.field).toBe('xml');
  });
});

describe('organ ids', () => {
  it('maps an Accord agency of a province to its configured organ, and back', () => {
    const organ = resolveEdxmlOrgan(DEMO_EDXML_ORGAN_DIRECTORY, 'HT', 'HT-SNGV');
    expect(organ).toEqual({
      organId: '000.00.02.Z01',
      organName: 'Sở Ngoại vụ tỉnh Hà Tĩnh',
      organizationInCharge: 'Ủy ban nhân dân tỉnh Hà Tĩnh',
    });
    expect(findOrganById(DEMO_EDXML_ORGAN_DIRECTORY, organ!.organId)).toEqual({ province: 'HT', agencyCode: 'HT-SNGV', organ });
    expect(findOrganById(DEMO_EDXML_ORGAN_DIRECTORY, '000.00.00.Z90')).toMatchObject({ external: 'MOFA' });
    expect(resolveEdxmlOrgan(DEMO_EDXML_ORGAN_DIRECTORY, 'HT', 'DN-SNGV')).toBeUndefined(); // another province's agency
    expect(resolveEdxmlOrgan(DEMO_EDXML_ORGAN_DIRECTORY, 'HT', 'HT-UNKNOWN')).toBeUndefined();
  });

  it('demo ids keep the Decision 20/2020 layout, are unique and are marked demo', () => {
    const ids = [
      ...Object.values(DEMO_EDXML_ORGAN_DIRECTORY.provinces).flatMap((agencies) => Object.values(agencies)),
      ...Object.values(DEMO_EDXML_ORGAN_DIRECTORY.external),
    ].map((o) => o.organId);
    expect(DEMO_EDXML_ORGAN_DIRECTORY.demo).toBe(true);
    expect(ids.every(isOrganIdFormat)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.endsWith('.Z01') || id.endsWith('.Z02') || /\.Z9\d$/.test(id))).toBe(true);
    expect(isOrganIdFormat('000.00.00.H22')).toBe(true);
    expect(isOrganIdFormat('HT-SNGV')).toBe(false);
  });
});
