/**
 * GET /documents/:id/content (issue 17, item 3) against real Postgres as the app role: a visible document served as
 * PDF and DOCX in the Decree 30 layout (text extracted with pdftotext), the unsigned rendering's sha256 recorded at
 * issue and stable, another province's caller 404, and once signed, the signed copy served in place of the rendering.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StreamableFile } from '@nestjs/common';
import JSZip from 'jszip';
import type { AppConfig } from '@accord/config';
import type { AuthUser } from '../../apps/api/src/auth/auth-user';
import { LocalDiskAttachmentStorage } from '../../apps/api/src/attachments/attachment-storage';
import { DocumentContentService } from '../../apps/api/src/documents/document-content.service';
import { DocumentSignedCopyService } from '../../apps/api/src/documents/document-signed-copy.service';
import { DocumentsService } from '../../apps/api/src/documents/documents.service';
import { runInProvince } from '@accord/persistence';
import { createTestCa, issueTestCertificate, signPdf, type TestIdentity } from '@accord/records/signature/test-signing';
import { demoEmail } from '../support/demo-users';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { decideProposal } from '../support/medium-rows';
import { seededUser } from '../support/medium-users';
import { uploadedPdf } from '../support/uploads';

jest.setTimeout(90_000);

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function bytesOf(file: StreamableFile): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of file.getStream()) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

describe('document content (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  let dir: string;
  let documents: DocumentsService;
  let contents: DocumentContentService;
  let signedCopies: DocumentSignedCopyService;
  let submitter: AuthUser; // HT-SCT
  let chairman: AuthUser; // HT-UBND, LEADER
  let clerk: AuthUser; // HT-UBND, CLERK
  let dnChairman: AuthUser;
  let signer: TestIdentity;

  /** A proposal of HT-SCT approved by the chairman: its DRAFT decision. */
  async function draftDecision() {
    const proposal = await decideProposal(db.dataSource, db.appDataSource, {
      agencyCode: 'HT-SCT',
      submittedBy: submitter.id,
      decidedBy: chairman.id,
      decision: 'APPROVE',
    });
    const { items } = await documents.forProposal(chairman, proposal.id);
    return items[0]!;
  }

  async function pdftotext(pdf: Buffer): Promise<string> {
    const path = join(dir, `${randomUUID()}.pdf`);
    await writeFile(path, pdf);
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  }

  const part = (bytes: Buffer) => uploadedPdf(dir, bytes);

  beforeAll(async () => {
    db = await mediumDatabase();
    dir = await mkdtemp(join(tmpdir(), 'accord-document-content-'));
    const ca = await createTestCa({ commonName: 'Test Root CA' });
    signer = await issueTestCertificate(ca, { commonName: 'Bùi Thanh Minh', organization: 'UBND tỉnh Hà Tĩnh' });
    const config = { NODE_ENV: 'test', SIGNING_TRUST_ANCHORS: ca.certificatePem } as AppConfig;
    const storage = new LocalDiskAttachmentStorage(join(dir, 'store'));
    documents = new DocumentsService(db.appDataSource);
    contents = new DocumentContentService(db.appDataSource, documents, storage);
    signedCopies = new DocumentSignedCopyService(db.appDataSource, documents, storage, config);
    [submitter, chairman, clerk, dnChairman] = await Promise.all([
      seededUser(db.dataSource, demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' })),
      seededUser(db.dataSource, demoEmail({ agency: 'HT-UBND', role: 'LEADER' })),
      seededUser(db.dataSource, 'clerk@ubnd.hatinh.gov.vn'),
      seededUser(db.dataSource, 'chairman@ubnd.dongnai.gov.vn'),
    ]);
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves a DRAFT with blank number and date, and the issued document as PDF and DOCX to whoever sees it', async () => {
    const draft = await draftDecision();
    const draftPdf = await contents.content(submitter, draft.id, 'pdf');
    expect(draftPdf.getHeaders()).toMatchObject({ type: 'application/pdf', disposition: 'attachment; filename="du-thao-QD-UBND.pdf"' });
    const draftText = await pdftotext(await bytesOf(draftPdf));
    expect(draftText).toContain('Số: /QĐ-UBND');
    expect(draftText).toMatch(/Hà Tĩnh, ngày tháng năm \d{4}/);

    const issued = await documents.issue(clerk, draft.id);
    // The unsigned rendering's sha256 is recorded at issue, and GET /documents/:id shows it until there is a signed copy.
    expect(issued.sha256).toMatch(/^[0-9a-f]{64}$/);
    const pdfFile = await contents.content(submitter, issued.id, 'pdf');
    expect(pdfFile.getHeaders()).toMatchObject({
      type: 'application/pdf',
      disposition: `attachment; filename="${issued.number}-QD-UBND.pdf"`,
    });
    const pdf = await bytesOf(pdfFile);
    expect(sha256(pdf)).toBe(issued.sha256);
    expect(sha256(await bytesOf(await contents.content(chairman, issued.id, 'pdf')))).toBe(issued.sha256);
    const [year, month, day] = issued.issuedOn!.split('-');
    const text = await pdftotext(pdf);
    for (const component of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ỦY BAN NHÂN DÂN',
      'TỈNH HÀ TĨNH',
      `Số: ${issued.codeNumber}`,
      `Hà Tĩnh, ngày ${day} tháng ${Number(month) <= 2 ? month : Number(month)} năm ${year}`,
      'QUYẾT ĐỊNH',
      'Nơi nhận:',
      '- Sở Công Thương;',
      'TM. ỦY BAN NHÂN DÂN',
      chairman.fullName,
    ])
      expect(text).toContain(component);
    expect(pdf.includes(Buffer.from(`accord-document:${issued.id}`))).toBe(true);

    const docxFile = await contents.content(submitter, issued.id, 'docx');
    expect(docxFile.getHeaders()).toMatchObject({
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      disposition: `attachment; filename="${issued.number}-QD-UBND.docx"`,
    });
    const xml = await (await JSZip.loadAsync(await bytesOf(docxFile))).file('word/document.xml')!.async('string');
    expect(xml).toContain(`Số: ${issued.codeNumber}`);
    expect(xml).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  });

  it('hides the document from those who do not see it (404), another province included', async () => {
    const issued = await documents.issue(clerk, (await draftDecision()).id);
    const other = { ...submitter, id: randomUUID(), agencyCode: 'HT-SGDDT' };
    await expect(contents.content(other, issued.id, 'pdf')).rejects.toMatchObject({ status: 404, code: 'DOCUMENT_NOT_FOUND' });
    await expect(runInProvince('DN', () => contents.content(dnChairman, issued.id, 'pdf'))).rejects.toMatchObject({ status: 404 });
    await expect(runInProvince('DN', () => contents.content(dnChairman, issued.id, 'docx'))).rejects.toMatchObject({ status: 404 });
  });

  it('serves the signed copy once there is one: the served rendering, signed, is recognised by its sha256', async () => {
    const issued = await documents.issue(clerk, (await draftDecision()).id);
    const rendering = await bytesOf(await contents.content(clerk, issued.id, 'pdf'));
    const signedPdf = await signPdf(rendering, signer);
    const signed = await signedCopies.upload(clerk, issued.id, await part(signedPdf));
    expect(signed).toMatchObject({ status: 'SIGNED', sha256: sha256(signedPdf) });
    const served = await contents.content(submitter, issued.id, 'pdf');
    expect(served.getHeaders()).toMatchObject({ disposition: `attachment; filename="${issued.number}-QD-UBND.pdf"` });
    expect((await bytesOf(served)).equals(signedPdf)).toBe(true);
    // The DOCX stays the (unsigned) rendering.
    const xml = await (
      await JSZip.loadAsync(await bytesOf(await contents.content(submitter, issued.id, 'docx')))
    )
      .file('word/document.xml')!
      .async('string');
    expect(xml).toContain(`Số: ${issued.codeNumber}`);
  });
});
