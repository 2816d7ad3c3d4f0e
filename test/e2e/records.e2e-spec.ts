/**
 * Official records in Debian's Chromium against the real stack (issue 17): the records officer (văn thư) of the
 * People's Committee numbers the decision of an approved MoU from the proposal page and finds it in the outgoing
 * documents register; the foreign-affairs department receives an edXML package from MOFA, refuses it without a
 * reason on screen, then rejects it with one, and downloads the status message that carries the reason back.
 * Screenshots 40-44.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Download } from 'playwright-core';
import { isEdxmlErrors, parseEdxmlStatus } from '@accord/records/edxml';
import { buildTestPdf, createTestCa, issueTestCertificate, signPdf } from '@accord/records/signature/test-signing';
import { driveMou } from '../support/drive';
import { waitFor } from '../support/eventually';
import { mouBody } from '../support/fixtures';
import { login } from '../support/http';
import { demoEmail } from '../support/demo-users';
import { MOFA_ORGAN as MOFA, mofaPackage } from '../support/edxml-fixtures';
import { stack } from '../integration/stack';
import { accessibilityViolations } from './support/accessibility';
import { jsErrors, launchBrowser, newUserPage, shot, signIn } from './support/browser';
import { literal, uiText } from './support/ui-text';
import { ensureWebBuilt, forgetWebBuild } from './support/web-build';

const { apiUrl } = stack();
const V1 = '/api/v1';
const vi = uiText('vi');
const CLERK = 'clerk@ubnd.hatinh.gov.vn';
const SUBMITTER = demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' });
const OFFICER = demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' });

async function text(download: Download): Promise<string> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('official records in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    await ensureWebBuilt();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    forgetWebBuild();
  });

  it('lets the clerk number the decision of an approved MoU and find it in the register', async () => {
    const title = `Văn bản: quyết định cấp số ${randomUUID().slice(0, 8)}`;
    const mou = await driveMou(apiUrl, { until: 'APPROVED', body: mouBody({ title }) });
    // The Chairman's approval drafts the decision of the People's Committee.
    const clerkApi = await login(apiUrl, CLERK);
    await waitFor(
      'the draft decision',
      async () => (await clerkApi.get<{ items: { type: string; status: string }[] }>(`${V1}/proposals/${mou.id}/documents`)).body.items,
      (items) => items.some((d) => d.type === 'DECISION' && d.status === 'DRAFT'),
    );

    // The submitter sees the draft and may download it and the case archive, but not number it.
    const submitter = await newUserPage(browser, apiUrl);
    await signIn(submitter.page, SUBMITTER);
    await submitter.page.goto(`/proposals/${mou.id}`);
    const submitterCard = submitter.page.locator('article.document-card[data-document-type="DECISION"]');
    await submitterCard.waitFor();
    expect(await submitterCard.getByRole('heading', { level: 3 }).textContent()).toBe(
      `${vi('documentType.DECISION')} ${vi('documents.unnumbered')}`,
    );
    await submitterCard.getByRole('button', { name: vi('documents.downloadPdf') }).waitFor();
    expect(await submitterCard.getByRole('button', { name: vi('documents.issue') }).count()).toBe(0);
    await submitter.page.getByRole('button', { name: vi('documents.archive') }).waitFor();
    expect(jsErrors(submitter.page)).toEqual([]);
    await submitter.context.close();

    const { context, page } = await newUserPage(browser, apiUrl);
    page.on('dialog', (d) => void d.accept());
    await signIn(page, CLERK);
    // The records officer lands on the register, and the navigation offers it.
    await page.getByRole('heading', { level: 1, name: vi('register.title') }).waitFor();
    await page.goto(`/proposals/${mou.id}`);
    await page.getByRole('heading', { level: 2, name: vi('documents.title') }).waitFor();
    const card = page.locator('article.document-card[data-document-type="DECISION"]');
    await card.waitFor();
    expect(await card.getAttribute('data-document-status')).toBe('DRAFT');
    expect(await card.textContent()).toContain(vi('documentStatus.DRAFT'));
    // Not of the submitting agency, not a leader: no case archive for the clerk.
    expect(await page.getByRole('button', { name: vi('documents.archive') }).count()).toBe(0);
    await shot(page, '40-documents-draft');

    await card.getByRole('button', { name: vi('documents.issue') }).click();
    const issued = card
      .getByRole('status')
      .filter({ hasText: new RegExp(`^${literal(vi('documents.issued', { codeNumber: 'N' })).replace('N', '(\\d+/QĐ-UBND)')}$`) });
    await issued.waitFor();
    const codeNumber = /(\d+\/QĐ-UBND)/.exec((await issued.textContent()) ?? '')![1]!;
    await page.locator('article.document-card[data-document-status="ISSUED"]').waitFor();
    expect(await card.locator('.code-number').textContent()).toBe(codeNumber);
    expect(await card.textContent()).toContain(vi('documentStatus.ISSUED'));
    // Issued: it can go out as edXML, and its issuer may now record the signed copy.
    await card.getByRole('button', { name: vi('documents.downloadEdxml') }).waitFor();
    await card.getByLabel(new RegExp(`^${literal(vi('documents.signedCopy'))}`)).waitFor();
    await card.getByRole('button', { name: vi('documents.uploadSignedCopy') }).click();
    expect(await card.locator('.field-error').textContent()).toBe(vi('documents.chooseSignedCopy'));
    // A PDF without a signature: refused, in Vietnamese, by its code.
    await card.getByLabel(new RegExp(`^${literal(vi('documents.signedCopy'))}`)).setInputFiles({
      name: 'chua-ky.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await card.getByRole('button', { name: vi('documents.uploadSignedCopy') }).click();
    await card
      .getByRole('alert')
      .filter({ hasText: new RegExp(`${literal(vi('problem.SIGNED_COPY_UNSIGNED'))}|${literal(vi('problem.SIGNED_COPY_INVALID'))}`) })
      .waitFor();
    // The copy signed outside Accord (here with a CA made in the test, which the api does not trust): recorded, SIGNED,
    // with its signer's certificate shown and said to be unverified against a trusted authority.
    const documentId = (await card.getAttribute('data-document-id'))!;
    const ca = await createTestCa({ commonName: 'CA thử nghiệm', organization: 'Ban Cơ yếu Chính phủ (thử)' });
    const signer = await issueTestCertificate(ca, { commonName: 'Bùi Thanh Minh', organization: 'UBND tỉnh Hà Tĩnh' });
    const signed = await signPdf(buildTestPdf(['QUYET DINH', `accord-document:${documentId}`]), signer);
    await card.getByLabel(new RegExp(`^${literal(vi('documents.signedCopy'))}`)).setInputFiles({
      name: 'da-ky.pdf',
      mimeType: 'application/pdf',
      buffer: signed,
    });
    await card.getByRole('button', { name: vi('documents.uploadSignedCopy') }).click();
    await page.locator('article.document-card[data-document-status="SIGNED"]').waitFor();
    const signature = card.locator('.signature-info');
    expect(await signature.textContent()).toContain('Bùi Thanh Minh');
    expect(await signature.textContent()).toContain(vi('documents.chainUntrusted'));
    expect(await card.textContent()).toContain(vi('documentStatus.SIGNED'));
    expect(await card.getByRole('button', { name: vi('documents.uploadSignedCopy') }).count()).toBe(0);
    await shot(page, '41-documents-issued');
    // The document card with its actions, the signed-copy form and its refusal: nothing axe-core finds serious.
    expect(await accessibilityViolations(page)).toEqual([]);

    // The register of the People's Committee for this year lists it under its number.
    await page
      .getByRole('navigation', { name: vi('nav.label') })
      .getByRole('link', { name: vi('nav.register') })
      .click();
    await page.getByRole('heading', { level: 1, name: vi('register.title') }).waitFor();
    expect(await page.getByLabel(vi('register.agency'), { exact: true }).inputValue()).toBe('HT-UBND');
    expect(await page.getByLabel(vi('register.year'), { exact: true }).inputValue()).toBe(
      String(new Date(Date.now() + 7 * 3600_000).getUTCFullYear()),
    );
    const row = page.locator(`table.register-table tr[data-code-number="${codeNumber}"]`);
    await row.waitFor();
    expect(await row.getByRole('rowheader').textContent()).toBe(codeNumber.split('/')[0]);
    expect(await row.textContent()).toContain(vi('documentType.DECISION'));
    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: title }).waitFor();
    await page.goBack();
    const csv = page.waitForEvent('download');
    await page.getByRole('button', { name: vi('register.exportCsv') }).click();
    const file = await csv;
    expect(file.suggestedFilename()).toBe(`register-HT-UBND-${new Date(Date.now() + 7 * 3600_000).getUTCFullYear()}.csv`);
    expect(await text(file)).toContain(codeNumber);
    await shot(page, '42-register');
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  }, 180_000);

  it('lets the foreign-affairs department receive an edXML package and reject it with a reason', async () => {
    const run = randomUUID().slice(0, 8);
    const subject = `V/v góp ý thỏa thuận quốc tế ${run}`;
    const codeNumber = String(1000 + Math.floor(Math.random() * 8000));
    const { xml } = mofaPackage({
      codeNumber,
      subject,
      signer: { competence: 'TL. Bộ trưởng', position: 'Vụ trưởng', fullName: 'Nguyễn Văn A' },
      attachments: [{ name: 'cong-van.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 công văn\n%%EOF\n') }],
    });

    const { context, page } = await newUserPage(browser, apiUrl);
    await signIn(page, OFFICER);
    await page
      .getByRole('navigation', { name: vi('nav.label') })
      .getByRole('link', { name: vi('nav.incoming') })
      .click();
    await page.getByRole('heading', { level: 1, name: vi('incoming.title') }).waitFor();
    // No file chosen: said on the field, nothing sent.
    await page.getByRole('button', { name: vi('incoming.upload') }).click();
    expect(await page.locator('#f-edxmlPackage-error').textContent()).toBe(vi('incoming.chooseFile'));
    // A file that is not a package: the reader's refusal.
    await page.getByLabel(new RegExp(`^${literal(vi('incoming.package'))}`)).setInputFiles({
      name: 'khong-phai.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'),
    });
    await page.getByRole('button', { name: vi('incoming.upload') }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: vi('problem.EDXML_INVALID') })
      .waitFor();

    await page.getByLabel(new RegExp(`^${literal(vi('incoming.package'))}`)).setInputFiles({
      name: `bng-${codeNumber}.xml`,
      mimeType: 'application/xml',
      buffer: Buffer.from(xml, 'utf8'),
    });
    await page.getByRole('button', { name: vi('incoming.upload') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: vi('incoming.received') })
      .waitFor();
    const row = page.locator(`table.incoming-table tr[data-code-number="${codeNumber}/BNG-LPQT"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-incoming-status')).toBe('RECEIVED');
    expect(await row.textContent()).toContain(MOFA.organName);
    // The status filter: it is among the received, not among the rejected.
    await page.getByLabel(vi('filters.status')).selectOption('REJECTED');
    await page.waitForURL((url) => url.searchParams.get('status') === 'REJECTED');
    await row.waitFor({ state: 'detached' });
    await page.getByLabel(vi('filters.status')).selectOption('RECEIVED');
    await row.waitFor();
    await shot(page, '43-incoming-list');

    await row.getByRole('link', { name: subject }).click();
    await page.getByRole('heading', { level: 1, name: subject }).waitFor();
    expect(await page.locator('.meta-grid').textContent()).toContain(`${codeNumber}/BNG-LPQT`);
    expect(await page.getByText('cong-van.pdf').count()).toBe(1);
    // Rejecting needs the reason the sender gets back.
    await page.getByRole('button', { name: vi('incoming.reject') }).click();
    expect(await page.locator('#f-reason-error').textContent()).toBe(vi('validation.required'));
    expect(await accessibilityViolations(page)).toEqual([]);
    const reason = `Văn bản gửi nhầm cơ quan (${run})`;
    await page.getByLabel(new RegExp(`^${literal(vi('incoming.rejectReason'))}`)).fill(reason);
    await page.getByRole('button', { name: vi('incoming.reject') }).click();
    await page
      .getByRole('status')
      .filter({ hasText: vi('incoming.rejected') })
      .waitFor();
    await page.locator('.status-box [data-incoming-status="REJECTED"]').waitFor();
    expect(await page.locator('.status-reason dd').textContent()).toBe(reason);
    // Answered: no second answer on screen.
    expect(await page.getByRole('button', { name: vi('incoming.accept') }).count()).toBe(0);
    await shot(page, '44-incoming-rejected');

    const pending = page.waitForEvent('download');
    await page.getByRole('button', { name: vi('incoming.downloadStatus') }).click();
    const status = parseEdxmlStatus(await text(await pending));
    if (isEdxmlErrors(status)) throw new Error(JSON.stringify(status.errors));
    expect(status).toMatchObject({ status: 'REJECTED', description: reason, responseFor: { organId: MOFA.organId } });
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  }, 180_000);
});
