/**
 * Signed copies and edXML exchange of official documents (issue 17, items 4-5) against real Postgres as the app role:
 * PDFs signed with a CA made in the test (libs/records/src/signature/test-signing.ts) are accepted with their signer, or
 * refused with 422 and the reason (unsigned, one byte changed, another document's); who may record one (403) and who
 * may not even see it (404, another province); an issued document's edXML package round-trips with its CodeNumber and
 * OrganIds; the inbox links an answer to our document or registers a new incoming one, and refuses XXE.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '@accord/config';
import type { AuthUser } from '../../apps/api/src/auth/auth-user';
import { LocalDiskAttachmentStorage } from '../../apps/api/src/attachments/attachment-storage';
import { DocumentSignedCopyService } from '../../apps/api/src/documents/document-signed-copy.service';
import { DocumentsService } from '../../apps/api/src/documents/documents.service';
import { EdxmlService } from '../../apps/api/src/documents/edxml.service';
import { runInProvince } from '@accord/persistence';
import { buildEdxmlPackage, DEMO_EDXML_ORGAN_DIRECTORY, isEdxmlErrors, parseEdxmlPackage, type EdxmlDocument } from '@accord/records/edxml';
import { buildTestPdf, createTestCa, issueTestCertificate, signPdf, type TestIdentity } from '@accord/records/signature/test-signing';
import { demoEmail } from '../support/demo-users';
import { mofaLetter } from '../support/edxml-fixtures';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { decideProposal } from '../support/medium-rows';
import { seededUser } from '../support/medium-users';
import { uploadedPdf } from '../support/uploads';

jest.setTimeout(90_000);

const HT = DEMO_EDXML_ORGAN_DIRECTORY.provinces.HT!;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('signed copies and edXML (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  let dir: string;
  let documents: DocumentsService;
  let signedCopies: DocumentSignedCopyService;
  let edxml: EdxmlService;
  let submitter: AuthUser; // HT-SCT
  let chairman: AuthUser; // HT-UBND, LEADER
  let clerk: AuthUser; // HT-UBND, CLERK
  let officer: AuthUser; // HT-SNGV
  let dnChairman: AuthUser;
  let ca: TestIdentity;
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

  const issuedDecision = async () => documents.issue(clerk, (await draftDecision()).id);

  const part = (bytes: Buffer, name?: string) => uploadedPdf(dir, bytes, name);

  const signedPdfOf = async (documentId: string) =>
    signPdf(buildTestPdf(['QUYET DINH ve viec chap thuan', `accord-document:${documentId}`]), signer);

  beforeAll(async () => {
    db = await mediumDatabase();
    dir = await mkdtemp(join(tmpdir(), 'accord-signed-copy-'));
    ca = await createTestCa({ commonName: 'Test Root CA', organization: 'Ban Cơ yếu Chính phủ (thử)' });
    signer = await issueTestCertificate(ca, { commonName: 'Bùi Thanh Minh', organization: 'UBND tỉnh Hà Tĩnh' });
    const config = { NODE_ENV: 'test', SIGNING_TRUST_ANCHORS: ca.certificatePem } as AppConfig;
    const storage = new LocalDiskAttachmentStorage(join(dir, 'store'));
    documents = new DocumentsService(db.appDataSource);
    signedCopies = new DocumentSignedCopyService(db.appDataSource, documents, storage, config);
    edxml = new EdxmlService(db.appDataSource, documents, storage, config);
    [submitter, chairman, clerk, officer, dnChairman] = await Promise.all([
      seededUser(db.dataSource, demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' })),
      seededUser(db.dataSource, demoEmail({ agency: 'HT-UBND', role: 'LEADER' })),
      seededUser(db.dataSource, 'clerk@ubnd.hatinh.gov.vn'),
      seededUser(db.dataSource, demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' })),
      seededUser(db.dataSource, 'chairman@ubnd.dongnai.gov.vn'),
    ]);
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("names the certificate's holder as signer of a document drafted without one, and keeps a drafted signer", async () => {
    const unnamed = await issuedDecision();
    await db.dataSource.query('UPDATE official_document SET signer_name = NULL WHERE id = $1', [unnamed.id]);
    const director = await issueTestCertificate(ca, { commonName: 'Phạm Quốc Dũng', organization: 'Sở Ngoại vụ tỉnh Hà Tĩnh' });
    const byDirector = signPdf(buildTestPdf(['BAO CAO', `accord-document:${unnamed.id}`]), director);
    expect((await signedCopies.upload(clerk, unnamed.id, await part(await byDirector))).signer).toMatchObject({ name: 'Phạm Quốc Dũng' });

    const named = await issuedDecision();
    const byOther = signPdf(buildTestPdf(['QUYET DINH', `accord-document:${named.id}`]), director);
    expect((await signedCopies.upload(clerk, named.id, await part(await byOther))).signer).toMatchObject({ name: chairman.fullName });
  });

  it('accepts a validly signed copy: SIGNED, the signer shown, sha256 and signer audited', async () => {
    const issued = await issuedDecision();
    const pdf = await signedPdfOf(issued.id);
    const signed = await signedCopies.upload(clerk, issued.id, await part(pdf));
    expect(signed).toMatchObject({
      id: issued.id,
      status: 'SIGNED',
      codeNumber: issued.codeNumber,
      sha256: sha256(pdf),
      signature: {
        subject: expect.stringContaining('CN=Bùi Thanh Minh'),
        issuer: expect.stringContaining('CN=Test Root CA'),
        chainTrusted: true,
      },
    });
    expect(signed.signature!.serial).toMatch(/^[0-9A-F]+$/);
    expect(Date.parse(signed.signature!.signedAt)).toBeGreaterThan(Date.now() - 60_000);
    // GET /documents/:id shows it too, to whoever sees the document.
    expect(await documents.get(submitter, issued.id)).toMatchObject({ status: 'SIGNED', sha256: sha256(pdf), signature: signed.signature });
    const audits = await db.dataSource.query(
      `SELECT payload, actor_id FROM audit_event WHERE action = 'DOCUMENT_SIGNED' AND payload->>'documentId' = $1`,
      [issued.id],
    );
    expect(audits).toHaveLength(1);
    expect(audits[0].payload).toMatchObject({
      sha256: sha256(pdf),
      signer: { commonName: 'Bùi Thanh Minh', serial: signed.signature!.serial },
      chainTrusted: true,
    });
    expect(audits[0].payload.signedAt).toEqual(expect.any(String));
    // The same copy again: the document as it is; another signed copy: 409.
    expect((await signedCopies.upload(chairman, issued.id, await part(pdf))).sha256).toBe(sha256(pdf));
    // (Signed at another second: RSA PKCS#1 v1.5 is deterministic, the same second would give the same bytes.)
    const again = await signPdf(buildTestPdf(['QUYET DINH ve viec chap thuan', `accord-document:${issued.id}`]), signer, {
      signingTime: new Date(Date.now() - 5_000),
    });
    expect(sha256(again)).not.toBe(sha256(pdf));
    await expect(signedCopies.upload(clerk, issued.id, await part(again))).rejects.toMatchObject({
      status: 409,
      code: 'DOCUMENT_ALREADY_SIGNED',
    });
  });

  it('refuses unsigned, tampered and foreign PDFs with 422 and the reason, and a DRAFT with 409', async () => {
    const issued = await issuedDecision();
    const unsigned = buildTestPdf(['QUYET DINH', `accord-document:${issued.id}`]);
    await expect(signedCopies.upload(clerk, issued.id, await part(unsigned))).rejects.toMatchObject({
      status: 422,
      code: 'SIGNED_COPY_UNSIGNED',
      message: expect.stringMatching(/^NO_SIGNATURE: /),
    });
    const tampered = Buffer.from(await signedPdfOf(issued.id));
    const at = tampered.indexOf('QUYET DINH');
    tampered[at] = 'K'.charCodeAt(0); // one byte of the signed content
    await expect(signedCopies.upload(clerk, issued.id, await part(tampered))).rejects.toMatchObject({
      status: 422,
      code: 'SIGNED_COPY_TAMPERED',
      message: expect.stringMatching(/^DIGEST_MISMATCH: /),
    });
    const other = await issuedDecision();
    await expect(signedCopies.upload(clerk, issued.id, await part(await signedPdfOf(other.id)))).rejects.toMatchObject({
      status: 422,
      code: 'SIGNED_COPY_NOT_THIS_DOCUMENT',
    });
    await expect(signedCopies.upload(clerk, issued.id, await part(Buffer.from('not a pdf at all')))).rejects.toMatchObject({
      status: 422,
      code: 'SIGNED_COPY_INVALID',
    });
    await expect(signedCopies.upload(clerk, issued.id, undefined)).rejects.toMatchObject({ status: 400 });
    expect((await documents.get(clerk, issued.id)).status).toBe('ISSUED');

    const draft = await draftDecision();
    await expect(signedCopies.upload(clerk, draft.id, await part(await signedPdfOf(draft.id)))).rejects.toMatchObject({
      status: 409,
      code: 'DOCUMENT_NOT_ISSUED',
    });
  });

  it("lets only the issuer's LEADER or CLERK record it (403), and hides the document from another province (404)", async () => {
    const issued = await issuedDecision();
    const pdf = await signedPdfOf(issued.id);
    const sctClerk: AuthUser = { ...submitter, id: randomUUID(), roles: ['CLERK'] };
    await expect(signedCopies.upload(sctClerk, issued.id, await part(pdf))).rejects.toMatchObject({
      status: 403,
      code: 'NOT_DOCUMENT_ISSUER',
    });
    await expect(signedCopies.upload(submitter, issued.id, await part(pdf))).rejects.toMatchObject({ status: 403 });
    // HT-SNGV had no task of this proposal: it does not see the document at all.
    await expect(signedCopies.upload(officer, issued.id, await part(pdf))).rejects.toMatchObject({
      status: 404,
      code: 'DOCUMENT_NOT_FOUND',
    });
    await expect(runInProvince('DN', async () => signedCopies.upload(dnChairman, issued.id, await part(pdf)))).rejects.toMatchObject({
      status: 404,
    });
    await expect(runInProvince('DN', () => edxml.exportPackage(dnChairman, issued.id))).rejects.toMatchObject({ status: 404 });
    expect((await documents.get(clerk, issued.id)).status).toBe('ISSUED');
  });

  it('exports an issued document as edXML that round-trips with its CodeNumber and OrganIds, the signed copy attached', async () => {
    const draft = await draftDecision();
    await expect(edxml.exportPackage(chairman, draft.id)).rejects.toMatchObject({ status: 409, code: 'DOCUMENT_NOT_ISSUED' });
    const issued = await documents.issue(chairman, draft.id);
    const exported = await edxml.exportPackage(submitter, issued.id);
    expect(exported.demo).toBe(true);
    const parsed = parseEdxmlPackage(exported.xml);
    if (isEdxmlErrors(parsed)) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed).toMatchObject({
      documentId: issued.id,
      from: { organId: HT['HT-UBND']!.organId, organName: HT['HT-UBND']!.organName },
      codeNumber: String(issued.number),
      codeNotation: 'QĐ-UBND',
      place: 'Hà Tĩnh',
      promulgationDate: issued.issuedOn,
      documentType: { code: '2', name: 'Quyết định' },
      subject: issued.subject,
      signer: { fullName: chairman.fullName, competence: 'TM. Ủy ban nhân dân' },
      toPlaces: issued.recipients,
      attachments: [],
    });
    expect(parsed.to.map((o) => o.organId).sort()).toEqual([HT['HT-SCT']!.organId, HT['HT-SNGV']!.organId].sort());

    const pdf = await signedPdfOf(issued.id);
    await signedCopies.upload(chairman, issued.id, await part(pdf));
    const withCopy = parseEdxmlPackage((await edxml.exportPackage(chairman, issued.id)).xml);
    if (isEdxmlErrors(withCopy)) throw new Error(JSON.stringify(withCopy.errors));
    expect(withCopy.attachments).toHaveLength(1);
    expect(withCopy.attachments[0]).toMatchObject({ contentType: 'application/pdf' });
    expect(sha256(withCopy.attachments[0]!.content)).toBe(sha256(pdf));
  });

  /** MOFA's package to HT-SNGV, answering `answers` when given. */
  function mofaPackage(answers?: { organId: string; code: string; promulgationDate: string; documentId: string }): string {
    return buildEdxmlPackage(
      mofaLetter({
        ...(answers ? { responseFor: [answers] } : {}),
        attachments: [{ name: 'cong-van.pdf', contentType: 'application/pdf', content: buildTestPdf(['Cong van BNG']) }],
      }),
    );
  }

  it('receives packages: links an answer to our document by its number, registers others for HT-SNGV, once', async () => {
    const issued = await issuedDecision();
    const answer = mofaPackage({
      organId: HT['HT-UBND']!.organId,
      code: issued.codeNumber!,
      promulgationDate: issued.issuedOn!,
      documentId: 'not-our-id', // an axis that renumbered: linked by number, notation and year
    });
    const linked = await edxml.receive(officer, answer);
    expect(linked).toEqual({ id: expect.any(String), linkedDocumentId: issued.id, status: 'RECEIVED' });
    const [row] = await db.dataSource.query(
      `SELECT recipient_agency_code, proposal_id, from_organ_id, code_number, code_notation, attachments, province_code
       FROM incoming_document WHERE id = $1`,
      [linked.id],
    );
    expect(row).toMatchObject({
      recipient_agency_code: 'HT-SNGV',
      proposal_id: issued.proposalId,
      from_organ_id: DEMO_EDXML_ORGAN_DIRECTORY.external.MOFA!.organId,
      code_number: '1234',
      code_notation: 'BNG-LPQT',
      province_code: 'HT',
    });
    expect(row.attachments).toEqual([expect.objectContaining({ name: 'cong-van.pdf', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) })]);
    // The same package again registers nothing new.
    expect(await edxml.receive(officer, answer)).toEqual(linked);
    const audits = await db.dataSource.query(
      `SELECT payload, proposal_id FROM audit_event WHERE action = 'EDXML_RECEIVED' AND payload->>'incomingDocumentId' = $1`,
      [linked.id],
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ proposal_id: issued.proposalId, payload: { linkedDocumentId: issued.id } });

    const admin = await seededUser(db.dataSource, demoEmail({ agency: null, role: 'ADMIN' }));
    const fresh = await edxml.receive(admin, mofaPackage());
    expect(fresh).toEqual({ id: expect.any(String), status: 'RECEIVED' });
    expect((await db.dataSource.query('SELECT linked_document_id FROM incoming_document WHERE id = $1', [fresh.id]))[0]).toEqual({
      linked_document_id: null,
    });
  });

  it('refuses XXE, broken packages, packages for another province and callers other than SNGV or ADMIN', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>`;
    await expect(edxml.receive(officer, xxe)).rejects.toMatchObject({
      status: 400,
      code: 'EDXML_INVALID',
      errors: [expect.objectContaining({ field: 'xml' })],
    });
    await expect(edxml.receive(officer, '<not-edxml/>')).rejects.toMatchObject({ status: 400, code: 'EDXML_INVALID' });
    const forDn = buildEdxmlPackage({
      ...(parseEdxmlPackage(mofaPackage()) as EdxmlDocument),
      to: [DEMO_EDXML_ORGAN_DIRECTORY.provinces.DN!['DN-SNGV']!],
    });
    await expect(edxml.receive(officer, forDn)).rejects.toMatchObject({ status: 400, errors: [expect.objectContaining({ field: 'to' })] });
    await expect(edxml.receive(submitter, mofaPackage())).rejects.toMatchObject({ status: 403, code: 'NOT_EDXML_RECEIVER' });
    await expect(edxml.receive(chairman, mofaPackage())).rejects.toMatchObject({ status: 403 });
  });
});
