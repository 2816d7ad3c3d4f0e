/**
 * The web app in Debian's Chromium against the real stack (api serving apps/web/dist, worker, Temporal,
 * Postgres): every step of an MoU from the form to signing through the people who take it, the language
 * switch, SLA badges, and the admin/auditor screens. Screenshots of each main screen go to test/e2e/screenshots/.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { driveMou } from '../support/drive';
import { mouBody } from '../support/fixtures';
import { login } from '../support/http';
import { stack } from '../integration/stack';
import { jsErrors, launchBrowser, newUserPage, shot, signIn } from './support/browser';
import { chooseOutcome, decide, openNotifications, openTask, searchInbox, signInAs } from './support/steps';
import { literal, uiText } from './support/ui-text';
import { ensureWebBuilt, forgetWebBuild } from './support/web-build';
import { demoEmail } from '../support/demo-users';

const { apiUrl, databaseUrl } = stack();
const V1 = '/api/v1';
const vi = uiText('vi');
/** Evaluated in the page (the test code itself has no DOM types): no horizontal scrolling. */
const FITS_WIDTH = 'document.documentElement.scrollWidth <= window.innerWidth + 1';

const USERS = {
  submitter: demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
  officer: demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
  bchqs: demoEmail({ agency: 'HT-BCHQS', role: 'REVIEWER' }),
  ca: demoEmail({ agency: 'HT-CA', role: 'REVIEWER' }),
  stp: demoEmail({ agency: 'HT-STP', role: 'REVIEWER' }),
  chairman: demoEmail({ agency: 'HT-UBND', role: 'LEADER' }),
  admin: demoEmail({ agency: null, role: 'ADMIN' }),
  auditor: demoEmail({ agency: null, role: 'AUDITOR' }),
};

/** dd/MM/yyyy of an instant in Vietnam (UTC+7), as the app shows it. */
function vnDate(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3600_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

describe('web app in Chromium', () => {
  let browser: Browser;
  let mouId = '';
  let mouReference = '';

  beforeAll(async () => {
    await ensureWebBuilt();
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    forgetWebBuild();
  });

  it('signs in, switches between Vietnamese (default) and English, and keeps the choice', async () => {
    const { context, page } = await newUserPage(browser, apiUrl);
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('vi');
    await shot(page, '01-login-vi');

    // Client validation before anything is sent: the summary names each field and the fields say what is wrong.
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Có 2 thông tin cần sửa' });
    await summary.waitFor();
    expect(await page.evaluate<boolean>("document.activeElement?.classList.contains('error-summary') ?? false")).toBe(true);
    expect(await page.locator('#f-email-error').textContent()).toBe('Vui lòng nhập thông tin này.');
    await page.getByLabel('Thư điện tử').fill(USERS.submitter);
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').filter({ hasText: 'Sai thư điện tử hoặc mật khẩu.' }).waitFor();

    await page.getByRole('group', { name: 'Ngôn ngữ' }).getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.evaluate<string>('document.documentElement.lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'EN', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await shot(page, '02-login-en');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();

    await page.getByLabel('E-mail').fill(USERS.submitter);
    await page.getByLabel('Password').fill('accord-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'My proposals' }).waitFor();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'New proposal' }).click();
    await page.getByRole('heading', { level: 1, name: 'New proposal' }).waitFor();
    await page.getByRole('radio', { name: /Cooperation mechanism, forum or network/ }).check();
    await page.getByLabel('Annual membership fee (VND)').fill('25000000');
    // Amounts in đồng, formatted for the reader in the UI language.
    await page.getByText('= ₫25,000,000').waitFor();
    await shot(page, '03-new-mechanism-en');

    // The session survives a reload (sessionStorage) and the language stays English; back to Vietnamese.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'New proposal' }).waitFor();
    await page.getByRole('button', { name: 'VI', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Tạo đề xuất' }).waitFor();
    await page.getByRole('radio', { name: /Tham gia cơ chế hợp tác/ }).check();
    await page.getByLabel('Phí thành viên hằng năm (đồng)').fill('25000000');
    await page.getByText('= 25.000.000 ₫').waitFor();

    // Another tab is another session: not signed in there. Signing in there with the keyboard alone, in the
    // order the page reads: skip link, language switch, e-mail, password, the button (Enter sends the form).
    const other = await context.newPage();
    await other.goto('/proposals');
    await other.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    const order: string[] = [];
    for (let i = 0; i < 6; i++) {
      await other.keyboard.press('Tab');
      order.push(await other.evaluate<string>("document.activeElement?.id || document.activeElement?.textContent?.trim() || ''"));
    }
    expect(order).toEqual(['Bỏ qua, đến nội dung chính', 'VI', 'EN', 'f-email', 'f-password', 'Đăng nhập']);
    await other.locator('#f-email').focus();
    await other.keyboard.type(USERS.officer);
    await other.keyboard.press('Tab');
    await other.keyboard.type('accord-demo');
    await other.keyboard.press('Enter');
    // Back where the person wanted to go before signing in.
    await other.getByRole('heading', { level: 1, name: 'Hồ sơ' }).waitFor();
    expect(new URL(other.url()).pathname).toBe('/proposals');
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  }, 60_000);

  // The same walk in Vietnamese (the default) and in English: every label, status and message comes from that
  // language's catalog, so an untranslated screen fails the English walk. Screenshots: NN-name (vi), en-NN-name.
  for (const lang of ['vi', 'en'] as const) {
    it(`takes an MoU from the form to signing through six people, every step in the UI (${lang})`, async () => {
      const t = uiText(lang);
      const name = (n: string) => (lang === 'vi' ? n : `en-${n}`);
      const nav = (page: Page) => page.getByRole('navigation', { name: t('nav.label') });
      const people: { context: BrowserContext; page: Page }[] = [];
      const person = async (email: string) => {
        const p = await newUserPage(browser, apiUrl);
        people.push(p);
        await signInAs(p.page, t, email);
        return p.page;
      };

      // --- Submitter (Sở Công Thương): fill the form, see errors, upload the draft, preview the routing, send.
      let page = await person(USERS.submitter);
      await page.getByRole('heading', { level: 1, name: t('proposals.mineTitle') }).waitFor();
      await nav(page)
        .getByRole('link', { name: t('nav.newProposal') })
        .click();
      await page.getByRole('heading', { level: 1, name: t('newProposal.title') }).waitFor();
      await page.getByRole('button', { name: t('newProposal.preview') }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: new RegExp(literal(t('form.errorSummary', { count: 999 })).replace('999', '\\d+')) })
        .waitFor();
      expect(await page.locator('#f-title-error').textContent()).toBe(t('validation.required'));
      expect(await page.locator('#f-details-fields-error').textContent()).toBe(t('validation.chooseAtLeastOne'));
      expect(await page.locator('#f-title').getAttribute('aria-invalid')).toBe('true');
      await shot(page, name('04-new-proposal-errors'));

      const title = `MoU xúc tiến thương mại với Savannakhet ${lang} ${randomUUID().slice(0, 8)}`;
      const field = (key: string) => page.getByLabel(t(`field.${key}`), { exact: false });
      await field('title').first().fill(title);
      await field('summary').fill('Thỏa thuận hợp tác xúc tiến thương mại giữa UBND tỉnh Hà Tĩnh và chính quyền tỉnh Savannakhet.');
      await field('details.level').selectOption('PROVINCIAL_COMMITTEE');
      await page.getByRole('checkbox', { name: t('coopField.TRADE') }).check();
      await field('details.proposedSigningDate').fill('31/02/2026');
      await field('details.termMonths').fill('36');
      await field('details.languages').fill('vi, lo');
      await field('details.counterpart.name').fill('Savannakhet Province');
      await field('details.counterpart.country').selectOption('LA');
      await field('details.counterpart.type').selectOption('FOREIGN_LOCAL_GOVERNMENT');
      for (const flag of ['touchesDefence', 'touchesSecurity', 'borderArea'])
        await page.getByRole('checkbox', { name: t(`field.details.${flag}`) }).check();
      await field('details.purpose').fill('Thúc đẩy thương mại biên giới.');
      await field('details.mainContent').fill('Hội chợ, trao đổi thông tin thị trường.');
      await field('details.legalConformity').fill('Phù hợp Luật Thỏa thuận quốc tế 2020.');
      await field('details.impactAssessment').fill('Tích cực về kinh tế - xã hội.');
      await field('details.feasibility').fill('Khả thi.');
      await page.getByRole('button', { name: t('newProposal.preview') }).click();
      // 31 February does not exist: caught in the browser, nothing sent.
      await page.locator('#f-details-proposedSigningDate-error').filter({ hasText: 'dd/mm/yyyy' }).waitFor();
      await field('details.proposedSigningDate').fill('15/12/2026');

      // A rule only the server knows (the related agreement must be registered) comes back on its field.
      await field('details.action').selectOption('EXTEND');
      await field('details.relatedAgreementId').fill(randomUUID());
      await page.getByRole('button', { name: t('newProposal.preview') }).click();
      await page.locator('#f-details-relatedAgreementId-error').filter({ hasText: 'No registered agreement has this id' }).waitFor();
      await field('details.action').selectOption('SIGN');
      // The field is hidden again for a signature, and so is its error.
      await page.locator('#f-details-relatedAgreementId-error').waitFor({ state: 'detached' });
      expect(await page.locator('.error-summary').count()).toBe(0);

      // The bilingual draft, sent on a slow line (200 kB at 64 kB/s) so the progress bar shows.
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 20,
        downloadThroughput: -1,
        uploadThroughput: 64 * 1024,
      });
      const draft = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200 * 1024, 0x20), Buffer.from('\n%%EOF\n')]);
      await page.locator('#f-attachmentIds').setInputFiles({ name: 'du-thao-song-ngu.pdf', mimeType: 'application/pdf', buffer: draft });
      const progress = page.getByRole('progressbar', { name: t('attachments.progress', { name: 'du-thao-song-ngu.pdf' }) });
      await progress.waitFor();
      await page
        .getByRole('status')
        .filter({ hasText: t('attachments.uploadingFile', { name: 'du-thao-song-ngu.pdf', index: 1, count: 1 }) })
        .waitFor();
      await shot(page, name('04b-upload-progress'));
      await page.locator('.attachments li', { hasText: 'du-thao-song-ngu.pdf' }).waitFor();
      await progress.waitFor({ state: 'detached' });
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

      await page.getByRole('button', { name: t('newProposal.preview') }).click();
      const plan = page.locator('.preview-panel');
      await plan.getByRole('heading', { name: t('plan.title') }).waitFor();
      const stages = await plan.locator('.plan-stage-name').allTextContents();
      expect(stages.map((s) => s.replace(/^\d+/, '').replace(` — ${t('plan.parallel')}`, ''))).toEqual(
        ['INTAKE', 'CONSULTATION', 'ABSORPTION', 'APPRAISAL', 'DECISION', 'SIGNING'].map((s) => t(`stage.${s}`)),
      );
      const consultation = await plan.locator('.plan-stage').nth(1).textContent();
      for (const consultee of [
        t('agency.HT-SNGV'),
        t('agency.HT-BCHQS'),
        t('agency.HT-CA'),
        t('externalBody.MOFA'),
        t('clock.workingDays', { count: 7 }),
      ]) {
        expect(consultation).toContain(consultee);
      }
      await shot(page, name('05-routing-preview'));
      await page.getByRole('button', { name: t('newProposal.send') }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      const reference = (await page.locator('.eyebrow .reference').textContent())!;
      expect(reference).toMatch(/^TTQT-\d{4}-\d{5}$/);
      if (lang === 'vi') {
        mouReference = reference;
        mouId = page.url().split('/').pop()!;
      }
      await page.getByText(t('proposal.created', { reference })).waitFor();
      expect(await page.locator('.status-box .badge').textContent()).toBe(t('status.INTAKE'));
      await page.locator('.timeline').getByText(t('event.PROPOSAL_SUBMITTED')).waitFor();
      await page.locator('.dossier .attachments').getByText('du-thao-song-ngu.pdf').waitFor();
      await shot(page, name('06-proposal-submitted'));
      const submitter = page;

      // --- SNgV officer: told of the new task in the notifications, opens it from there, checks completeness.
      page = await person(USERS.officer);
      await page.getByRole('heading', { level: 1, name: t('inbox.title') }).waitFor();
      // Other suites may have filled the inbox: search it as a reviewer would, by words of the title typed without
      // accents, in another order and case ("SAVANNAKHET thuong mai <id>").
      const intakeRow = page.locator('tr[data-task-kind="INTAKE_CHECK"]', { hasText: reference });
      await searchInbox(page, t, `SAVANNAKHET thuong mai ${title.split(' ').at(-1)}`);
      await intakeRow.waitFor();
      await page.locator('table.inbox-table tbody tr').nth(1).waitFor({ state: 'detached' }); // only this proposal's task
      expect(await intakeRow.locator('[data-sla]').getAttribute('data-sla')).toBe('ON_TRACK');
      const due = literal(t('sla.due', { date: '§' })).replace('§', '\\d{2}/\\d{2}/\\d{4}');
      expect(await intakeRow.locator('.sla').textContent()).toMatch(new RegExp(`${literal(t('sla.ON_TRACK'))}\\s*${due}`));
      await shot(page, name('07-inbox-officer'));
      const notification = page.locator('li.notification[data-notification-kind="TASK_OPENED"]', { hasText: reference });
      await openNotifications(page, t);
      await notification.waitFor();
      expect(await notification.getAttribute('data-read')).toBe('false');
      const unreadBefore = Number(await page.locator('[data-unread]').first().getAttribute('data-unread'));
      expect(unreadBefore).toBeGreaterThan(0);
      await shot(page, name('26-notifications'));
      await notification.getByRole('link').click();
      await page.getByRole('heading', { level: 1 }).filter({ hasText: reference }).waitFor();
      await page.goBack();
      await notification.waitFor();
      expect(await notification.getAttribute('data-read')).toBe('true');
      expect(Number(await page.locator('[data-unread]').first().getAttribute('data-unread'))).toBe(unreadBefore - 1);

      await openTask(page, t, reference, 'INTAKE_CHECK');
      await page.locator('.dossier').getByText('Savannakhet Province').first().waitFor();
      await shot(page, name('08-task-intake'));
      await decide(page, t, 'COMPLETE', 'CONSULTATION');
      const officer = page;

      // --- Consultation in parallel: BCHQS (defence), CA (security), SNgV, and MOFA's answer recorded by SNgV.
      page = await person(USERS.bchqs);
      await openTask(page, t, reference, 'OPINION');
      await decide(page, t, 'AGREE', 'CONSULTATION');

      page = await person(USERS.ca);
      await openTask(page, t, reference, 'OPINION');
      await chooseOutcome(page, t, 'AGREE_WITH_COMMENTS');
      await shot(page, name('09-task-opinion'));
      await decide(page, t, 'AGREE_WITH_COMMENTS', 'CONSULTATION', 'Bổ sung điều khoản an ninh biên giới.');

      page = officer;
      await openTask(page, t, reference, 'OPINION');
      await decide(page, t, 'AGREE', 'CONSULTATION');
      await openTask(page, t, reference, 'EXTERNAL_OPINION');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(t('externalBody.MOFA'));
      await decide(page, t, 'AGREE', 'ABSORPTION', 'Công văn số 1234/BNG-LPQT ngày 10/11/2026.');
      // The consultation tasks were opened from the inbox, so their notifications are still unread: read them all.
      await openNotifications(page, t);
      await page.locator('li.notification-unread[data-notification-kind="TASK_OPENED"]', { hasText: reference }).first().waitFor();
      await page.getByRole('button', { name: t('notifications.readAll') }).click();
      // Exact: a substring match of "0 … unread" is already satisfied by "10 … unread" before the list reloads.
      await page.getByText(t('notifications.unreadCount', { count: 0 }), { exact: true }).waitFor();
      expect(await page.locator('li.notification-unread').count()).toBe(0);
      expect(await page.locator('header .count-badge').count()).toBe(0);

      // --- Submitter: absorption and explanation report, answering the opinions shown beside the form.
      page = submitter;
      await openTask(page, t, reference, 'ABSORPTION');
      await page.locator('.opinions').getByText('Bổ sung điều khoản an ninh biên giới.').waitFor();
      await decide(page, t, 'SUBMIT', 'APPRAISAL', 'Đã tiếp thu ý kiến của Công an tỉnh.');

      // --- Department of Justice: appraisal.
      page = await person(USERS.stp);
      await openTask(page, t, reference, 'APPRAISAL');
      await decide(page, t, 'CONFORMS', 'DECISION');

      // --- Chairman: the decision queue summarises each consultee's opinion, then the decision.
      page = await person(USERS.chairman);
      await page.getByRole('heading', { level: 1, name: t('decisions.title') }).waitFor();
      const card = page.locator('.decision-card', { hasText: reference });
      await card.waitFor();
      const opinions = card.locator('.opinions tbody tr');
      const rows = (await opinions.allTextContents()).join('\n');
      for (const expected of [
        'agency.HT-BCHQS',
        'agency.HT-CA',
        'agency.HT-SNGV',
        'externalBody.MOFA',
        'agency.HT-STP',
        'decision.AGREE_WITH_COMMENTS',
        'decision.CONFORMS',
      ]) {
        expect(rows).toContain(t(expected));
      }
      expect(await opinions.count()).toBe(5);
      expect(await card.locator('.opinion-counts').textContent()).toBe(t('opinions.counts', { agree: 4, comments: 1, against: 0 }));
      await shot(page, name('10-leader-queue'));
      await card.getByRole('link', { name: new RegExp(`${literal(t('decisions.open'))}: ${reference}`) }).click();
      await page.getByRole('heading', { level: 1 }).filter({ hasText: reference }).waitFor();
      await shot(page, name('11-task-decision'));
      await decide(page, t, 'APPROVE', 'APPROVED');

      // --- Submitter: signing record (date, place, signatories), then the post-signing report.
      page = submitter;
      await openTask(page, t, reference, 'SIGNING');
      await chooseOutcome(page, t, 'SIGNED');
      await page.getByRole('button', { name: t('task.submit') }).click();
      await page
        .locator('#f-signing-place-error')
        .filter({ hasText: t('validation.required') })
        .waitFor();
      await page.getByLabel(t('signing.field.place')).fill('Hà Tĩnh');
      await page.getByLabel(t('signing.field.agreementNumber')).fill(`HT-LA-${reference.slice(-5)}`);
      const signatories = [
        ['Võ Trọng Hải', 'Chủ tịch UBND tỉnh Hà Tĩnh', 'UBND tỉnh Hà Tĩnh'],
        ['Santiphap Phomvihane', 'Tỉnh trưởng tỉnh Savannakhet', 'Tỉnh Savannakhet'],
      ];
      for (const [i, [fullName, position, party]] of signatories.entries()) {
        if (i > 0) await page.getByRole('button', { name: t('signing.add') }).click();
        const group = page.getByRole('group', { name: t('signing.signatoryN', { n: i + 1 }) });
        await group.getByLabel(t('signing.sig.name')).fill(fullName!);
        await group.getByLabel(t('signing.sig.title')).fill(position!);
        await group.getByLabel(t('signing.sig.party')).fill(party!);
      }
      await shot(page, name('12-signing-form'));
      await decide(page, t, 'SIGNED', 'SIGNED');

      await openTask(page, t, reference, 'POST_SIGNING_REPORT');
      // Law 70/2020 Art 19(5): due 15 calendar days after signing.
      expect(await page.locator('.meta-grid').textContent()).toContain(t('clock.calendarDays', { count: 15 }));
      await decide(page, t, 'SUBMITTED', 'IN_FORCE', 'Đã báo cáo Thủ tướng, sao gửi Bộ Ngoại giao.');

      await page
        .getByRole('link', { name: t('task.openProposal') })
        .first()
        .click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      expect(await page.locator('.status-box .badge').textContent()).toBe(t('status.IN_FORCE'));
      const timeline = await page.locator('.timeline').textContent();
      for (const event of ['PROPOSAL_SUBMITTED', 'TASK_COMPLETED', 'AGREEMENT_REGISTERED']) expect(timeline).toContain(t(`event.${event}`));
      // Each opened task with the deadline it was given.
      const report = `${literal(t('taskKind.POST_SIGNING_REPORT'))} — ${literal(t('agency.HT-SCT'))} — ${literal(t('sla.due', { date: '§' })).replace('§', '\\d{2}/\\d{2}/\\d{4}')}`;
      expect(timeline).toMatch(new RegExp(report));
      await shot(page, name('13-proposal-in-force'));
      await nav(page)
        .getByRole('link', { name: t('nav.myProposals') })
        .click();
      const mine = page.locator('tbody tr', { hasText: reference });
      await mine.waitFor();
      expect(await mine.locator('.badge').textContent()).toBe(t('status.IN_FORCE'));
      await shot(page, name('13b-my-proposals'));

      for (const p of people) {
        expect(jsErrors(p.page)).toEqual([]);
        await p.context.close();
      }
    }, 240_000);
  }

  it('answers a supplement request with a revised dossier (a new version) from the prefilled form', async () => {
    const submitter = await login(apiUrl, USERS.submitter);
    const created = await submitter.post(`${V1}/proposals`, mouBody({ title: `Bổ sung hồ sơ ${randomUUID().slice(0, 8)}` }));
    expect(created.status).toBe(201);
    const { reference } = created.body as { reference: string };

    const officer = await newUserPage(browser, apiUrl);
    await signIn(officer.page, USERS.officer);
    await openTask(officer.page, vi, reference, 'INTAKE_CHECK');
    await decide(officer.page, vi, 'REQUEST_SUPPLEMENT', 'SUPPLEMENT_REQUESTED', 'Thiếu bản dịch tiếng Lào của dự thảo.');

    const sub = await newUserPage(browser, apiUrl);
    const page = sub.page;
    await signIn(page, USERS.submitter);
    await openTask(page, vi, reference, 'SUPPLEMENT');
    await chooseOutcome(page, vi, 'RESUBMIT');
    // The form starts from the current dossier; a field emptied by mistake is caught before sending.
    expect(await page.getByLabel('Tên bên ký kết nước ngoài').inputValue()).toBe('Savannakhet Province');
    expect(await page.getByLabel('Ngày dự kiến ký').inputValue()).toBe('15/12/2026');
    await page.getByLabel('Tóm tắt').fill('');
    await page.getByRole('button', { name: 'Gửi kết quả' }).click();
    await page.locator('#f-summary-error').filter({ hasText: 'Vui lòng nhập thông tin này.' }).waitFor();
    await page.getByLabel('Tóm tắt').fill('Thỏa thuận xúc tiến thương mại, kèm bản dịch tiếng Lào.');
    await page.getByLabel('Nội dung chính của thỏa thuận').fill('Hội chợ, trao đổi thông tin; bản dịch tiếng Lào đính kèm.');
    await shot(page, '20-supplement-resubmit');
    await decide(page, vi, 'RESUBMIT', 'INTAKE');

    await page.getByRole('link', { name: 'Xem toàn bộ hồ sơ' }).first().click();
    await page.getByText('Các phiên bản trước (1)').waitFor();
    expect(await page.locator('.dossier').first().textContent()).toContain('bản dịch tiếng Lào đính kèm');
    // What the supplement changed, field by field: version 1 against version 2, the words added marked as such.
    const changes = page.locator('.dossier-changes');
    await changes.getByRole('heading', { name: 'Thay đổi giữa các phiên bản hồ sơ' }).waitFor();
    expect(await changes.getByRole('combobox', { name: 'So sánh' }).inputValue()).toBe('0');
    expect(await changes.getByRole('combobox', { name: 'với' }).inputValue()).toBe('1');
    expect(await changes.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-path')))).toEqual([
      'summary',
      'details.mainContent',
    ]);
    const mainContent = changes.locator('tr[data-path="details.mainContent"]');
    expect(await mainContent.locator('th').textContent()).toBe('Nội dung chính của thỏa thuận · sửa');
    expect((await mainContent.locator('ins').allTextContents()).join(' ')).toContain('bản dịch tiếng Lào đính kèm');
    expect((await mainContent.locator('del').allTextContents()).join(' ')).toContain('Trade fairs');
    await shot(page, '27-dossier-changes');
    // At tablet width the proposal page, changes included, still fits without sideways scrolling.
    await page.setViewportSize({ width: 768, height: 1000 });
    expect(await page.evaluate<boolean>(FITS_WIDTH)).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
    // Comparing a version with itself says so rather than showing an empty table.
    await changes.getByRole('combobox', { name: 'với' }).selectOption('0');
    await changes.getByText('Hãy chọn hai phiên bản khác nhau để so sánh.').waitFor();

    // The officer checking the resubmitted dossier sees the same changes beside the decision form.
    await openTask(officer.page, vi, reference, 'INTAKE_CHECK');
    await officer.page.locator('.dossier-panel .dossier-changes tr[data-path="summary"]').waitFor();

    // Not decided yet, so the proposing agency may still withdraw it, with a reason.
    await page.getByRole('button', { name: 'Rút hồ sơ' }).click();
    await page.locator('#f-reason-error').filter({ hasText: 'Vui lòng nhập thông tin này.' }).waitFor();
    await page.getByLabel('Lý do rút hồ sơ').fill('Đối tác đề nghị lùi thời điểm ký sang năm sau.');
    await page.getByRole('button', { name: 'Rút hồ sơ' }).click();
    await page.locator('.status-box .badge').filter({ hasText: 'Đã rút hồ sơ' }).waitFor();
    await page.getByRole('heading', { name: 'Rút hồ sơ' }).waitFor({ state: 'detached' });
    for (const p of [officer, sub]) {
      expect(jsErrors(p.page)).toEqual([]);
      await p.context.close();
    }
  }, 90_000);

  it('shows SLA badges (on track, due soon, overdue) with their due dates and filters overdue tasks', async () => {
    const submitter = await login(apiUrl, USERS.submitter);
    const slaTag = randomUUID().slice(0, 8);
    const created = await Promise.all(
      ['SLA sắp đến hạn', 'SLA quá hạn'].map((title) => submitter.post(`${V1}/proposals`, mouBody({ title: `${title} ${slaTag}` }))),
    );
    for (const c of created) expect(c.status).toBe(201);
    const [soon, late] = created.map((c) => c.body as { id: string; reference: string });

    // Move the intake clocks in the read model, as if these tasks had been waiting: one past 80 % of its clock,
    // one past its deadline (the api computes the badge from created_at and due_at at read time).
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const now = Date.now();
      await db.query(`UPDATE task SET created_at = $2, due_at = $3 WHERE proposal_id = $1 AND kind = 'INTAKE_CHECK'`, [
        soon!.id,
        new Date(now - 9 * 86400_000),
        new Date(now + 86400_000),
      ]);
      await db.query(`UPDATE task SET created_at = $2, due_at = $3 WHERE proposal_id = $1 AND kind = 'INTAKE_CHECK'`, [
        late!.id,
        new Date(now - 5 * 86400_000),
        new Date(now - 2 * 86400_000),
      ]);
    } finally {
      await db.end();
    }
    const { rows } = await (async () => {
      const c = new Client({ connectionString: databaseUrl });
      await c.connect();
      try {
        return await c.query<{ proposal_id: string; due_at: Date }>(
          `SELECT proposal_id, due_at FROM task WHERE proposal_id = ANY($1) AND kind = 'INTAKE_CHECK'`,
          [[soon!.id, late!.id]],
        );
      } finally {
        await c.end();
      }
    })();
    const dueOf = (id: string) => vnDate(rows.find((r) => r.proposal_id === id)!.due_at.toISOString());

    const { context, page } = await newUserPage(browser, apiUrl);
    await signIn(page, USERS.officer);
    await page.getByRole('heading', { level: 1, name: 'Việc cần xử lý' }).waitFor();
    await searchInbox(page, vi, `sla ${slaTag}`);
    const soonRow = page.locator('tr[data-task-kind="INTAKE_CHECK"]', { hasText: soon!.reference });
    const lateRow = page.locator('tr[data-task-kind="INTAKE_CHECK"]', { hasText: late!.reference });
    await lateRow.waitFor();
    expect(await soonRow.locator('[data-sla]').getAttribute('data-sla')).toBe('DUE_SOON');
    // Due in 24 h: tomorrow's working day, or none left when tomorrow is a weekend day (holidays are not counted).
    expect((await soonRow.locator('.sla').textContent())!.replace(/\s+/g, ' ')).toMatch(
      new RegExp(`^▲ Sắp đến hạn Hạn: ${dueOf(soon!.id)} Còn [01] ngày làm việc$`),
    );
    expect(await lateRow.locator('[data-sla]').getAttribute('data-sla')).toBe('OVERDUE');
    expect((await lateRow.locator('.sla').textContent())!.replace(/\s+/g, ' ')).toBe(`■ Quá hạn Hạn: ${dueOf(late!.id)}`);

    await page.getByRole('checkbox', { name: 'Chỉ việc quá hạn' }).check();
    await page.waitForURL(/overdue=true/);
    await lateRow.waitFor();
    await soonRow.waitFor({ state: 'detached' });
    const badges = await page.locator('tbody [data-sla]').evaluateAll((els) => els.map((e) => e.getAttribute('data-sla')));
    expect(badges.length).toBeGreaterThan(0);
    expect(new Set(badges)).toEqual(new Set(['OVERDUE']));
    await shot(page, '14-inbox-overdue');

    // Save this filter set as a named view, clear the filter, and pick the view again.
    await page.getByRole('textbox', { name: 'Tên cho bộ lọc hiện tại' }).fill('Việc quá hạn');
    await page.getByRole('button', { name: 'Lưu bộ lọc' }).click();
    await page.getByRole('checkbox', { name: 'Chỉ việc quá hạn' }).uncheck();
    await soonRow.waitFor();
    await page.getByRole('combobox', { name: 'Bộ lọc đã lưu' }).selectOption('Việc quá hạn');
    await page.waitForURL(/overdue=true/);
    await soonRow.waitFor({ state: 'detached' });
    expect(await page.getByRole('checkbox', { name: 'Chỉ việc quá hạn' }).isChecked()).toBe(true);

    // The same inbox at tablet width (768 px): one column, nothing cut off.
    await page.setViewportSize({ width: 768, height: 1000 });
    await page.getByRole('checkbox', { name: 'Chỉ việc quá hạn' }).uncheck();
    await soonRow.waitFor();
    expect(await page.evaluate<boolean>(FITS_WIDTH)).toBe(true);
    await shot(page, '15-inbox-768');
    await openTask(page, vi, late!.reference, 'INTAKE_CHECK');
    expect(await page.locator('.meta-grid [data-sla]').getAttribute('data-sla')).toBe('OVERDUE');
    expect(await page.evaluate<boolean>(FITS_WIDTH)).toBe(true);
    await shot(page, '16-task-768');
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  }, 90_000);

  it('shows paused clocks: the badge in the inbox and, on the timeline, which tasks stopped and why', async () => {
    // Set up over HTTP: an MoU in consultation, where the defence command asks for a supplement.
    const t = vi;
    const { id, reference } = await driveMou(apiUrl, {
      until: 'CONSULTATION',
      body: mouBody({ title: `Tạm dừng thời hạn ${randomUUID().slice(0, 8)}` }),
    });
    const bchqs = await login(apiUrl, USERS.bchqs);
    const open = (await bchqs.get(`${V1}/tasks?proposalId=${id}&status=OPEN`)).body.items as {
      id: string;
      kind: string;
      candidateAgency: { code: string };
    }[];
    const mine = open.find((task) => task.candidateAgency.code === 'HT-BCHQS')!;
    const asked = await bchqs.post(`${V1}/tasks/${mine.id}/complete`, {
      decision: 'REQUEST_SUPPLEMENT',
      comment: 'Thiếu ý kiến của Bộ đội Biên phòng.',
    });
    expect(asked.status).toBe(200);

    const { context, page } = await newUserPage(browser, apiUrl);
    await signInAs(page, t, USERS.officer);
    await searchInbox(page, t, reference);
    const row = page.locator('tr[data-task-kind="OPINION"]', { hasText: reference });
    await row.waitFor();
    expect(await row.locator('[data-sla]').getAttribute('data-sla')).toBe('PAUSED');
    expect(await row.locator('.sla').textContent()).toContain(t('sla.PAUSED'));
    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: reference }).waitFor();
    await page
      .getByRole('link', { name: t('task.openProposal') })
      .first()
      .click();
    const paused = page.locator('.timeline-event.action-CLOCKS_PAUSED');
    await paused.waitFor();
    // The other consultees' clocks stop, each task named; the request that stopped them is on the timeline too.
    const text = (await paused.locator('.timeline-details').textContent())!;
    for (const task of [
      `${t('taskKind.OPINION')} — ${t('agency.HT-SNGV')}`,
      `${t('taskKind.OPINION')} — ${t('agency.HT-CA')}`,
      `${t('taskKind.EXTERNAL_OPINION')} — ${t('externalBody.MOFA')}`,
    ]) {
      expect(text).toContain(task);
    }
    expect(text).not.toContain(t('agency.HT-BCHQS'));
    const request = page.locator('.timeline-event.action-TASK_COMPLETED', { hasText: 'Thiếu ý kiến của Bộ đội Biên phòng.' });
    expect(await request.textContent()).toContain(t('decision.REQUEST_SUPPLEMENT'));
    await shot(page, '29-clocks-paused');
    expect(jsErrors(page)).toEqual([]);
    await context.close();
    expect(
      (await (await login(apiUrl, USERS.admin)).post(`${V1}/admin/proposals/${id}/cancel`, { reason: 'Dọn dữ liệu thử' })).status,
    ).toBe(200);
  }, 90_000);

  it("names an out-of-office substitute chosen by name, in English, and shows the api's field errors on an overlap", async () => {
    const t = uiText('en');
    const { context, page } = await newUserPage(browser, apiUrl);
    page.on('dialog', (dialog) => void dialog.accept());
    await signInAs(page, t, USERS.officer);
    await page
      .getByRole('navigation', { name: t('nav.label') })
      .getByRole('link', { name: t('nav.account') })
      .click();
    await page.getByRole('heading', { level: 1, name: t('account.title') }).waitFor();
    const today = vnDate(new Date().toISOString());
    const colleague = t('account.colleagueOption', {
      name: 'Phạm Quốc Dũng',
      email: demoEmail({ agency: 'HT-SNGV', role: 'AGENCY_HEAD' }),
    });

    // Typed without accents, the search finds the colleague (GET /users folds Vietnamese diacritics); only members
    // of the officer's own agency are offered, and never the officer.
    await page.getByRole('textbox', { name: new RegExp(literal(t('account.colleagueSearch'))) }).fill('dung');
    await page
      .locator('.colleague-picker-status')
      .filter({ hasText: t('account.colleaguesFound', { count: 1 }) })
      .waitFor();
    const picker = page.getByRole('combobox', { name: new RegExp(literal(t('account.substitute'))) });
    expect(await picker.locator('option').allTextContents()).toEqual([t('account.substitutePlaceholder'), colleague]);
    await picker.selectOption({ label: colleague });
    await page.getByRole('textbox', { name: new RegExp(literal(t('account.startsOn'))) }).fill(today);
    await page.getByRole('textbox', { name: new RegExp(literal(t('account.endsOn'))) }).fill(today);
    await page.getByRole('button', { name: t('account.add') }).click();
    await page.getByText(t('account.added')).waitFor();
    const row = page.locator('tbody tr', { hasText: 'Phạm Quốc Dũng' });
    await row.waitFor();
    expect(await row.textContent()).toContain(t('account.status.ACTIVE'));
    await shot(page, '28-account-substitute-en');

    // The same days again overlap the substitution just made: the api's 409 names both date fields, which read as
    // its code's message (SUBSTITUTION_OVERLAP, apps/web/src/lib/problem-message.ts), not the api's English.
    await page.getByRole('textbox', { name: new RegExp(literal(t('account.colleagueSearch'))) }).fill('dung');
    await picker.selectOption({ label: colleague });
    await page.getByRole('textbox', { name: new RegExp(literal(t('account.startsOn'))) }).fill(today);
    await page.getByRole('textbox', { name: new RegExp(literal(t('account.endsOn'))) }).fill(today);
    await page.getByRole('button', { name: t('account.add') }).click();
    await page
      .locator('#f-startsOn-error')
      .filter({ hasText: t('problem.SUBSTITUTION_OVERLAP') })
      .waitFor();
    await page
      .locator('#f-endsOn-error')
      .filter({ hasText: t('problem.SUBSTITUTION_OVERLAP') })
      .waitFor();

    // Revoked (after a confirmation), it leaves the list of current substitutes.
    await row.getByRole('button', { name: t('account.revokeFor', { name: 'Phạm Quốc Dũng' }) }).click();
    await page.getByText(t('account.revoked')).waitFor();
    await row.waitFor({ state: 'detached' });
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  }, 60_000);

  it('lets the auditor verify the audit chain and the admin search proposals and read the Temporal history', async () => {
    expect(mouId).not.toBe('');
    const auditor = await newUserPage(browser, apiUrl);
    await signIn(auditor.page, USERS.auditor);
    let page = auditor.page;
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Nhật ký kiểm toán' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nhật ký kiểm toán' }).waitFor();
    const status = page.locator('.verify-status');
    await status.waitFor();
    expect(await status.getAttribute('data-ok')).toBe('true');
    expect(await page.locator('.alert-success').textContent()).toMatch(/Chuỗi nhật ký toàn vẹn\. Đã kiểm tra \d+ bản ghi\./);
    // The chain is anchored outside the database (the stack's worker signs its head every second).
    expect(await page.locator('.verify-checkpoint').textContent()).toMatch(
      /Điểm neo đã ký gần nhất \(lưu ngoài cơ sở dữ liệu\): bản ghi \d+, lúc .+\./,
    );
    await page.locator('table tbody tr').first().waitFor();
    await shot(page, '17-audit');

    const admin = await newUserPage(browser, apiUrl);
    await signIn(admin.page, USERS.admin);
    page = admin.page;
    await page.getByRole('heading', { level: 1, name: 'Tra cứu hồ sơ' }).waitFor();
    await page.getByLabel('Từ khóa (số hồ sơ, tên, tóm tắt)').fill(mouReference);
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    await page.waitForURL(new RegExp(`q=${mouReference}`));
    const row = page.locator('tbody tr', { hasText: mouReference });
    await page.locator('tbody tr').nth(1).waitFor({ state: 'detached' });
    await row.waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    expect(await row.locator('.badge').textContent()).toBe('Đang có hiệu lực');
    await shot(page, '18-admin-search');
    // The visible text, then the reference for screen readers.
    await row.getByRole('link', { name: new RegExp(`^Lịch sử Temporal\\s*: ${mouReference}$`) }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Lịch sử quy trình (Temporal)' }).waitFor();
    expect(await page.locator('.meta-grid').textContent()).toContain(`proposal-${mouId}`);
    const types = await page.locator('.history-table tbody td:nth-child(2)').allTextContents();
    expect(types[0]).toBe('WorkflowExecutionStarted');
    expect(types.filter((t) => t === 'WorkflowExecutionUpdateAccepted').length).toBeGreaterThanOrEqual(10);
    expect(types).toContain('WorkflowExecutionCompleted');
    await shot(page, '19-temporal-history');

    // A client-side route survives a reload: the api answers it with the app (SPA fallback), not a 404.
    await page.reload();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Lịch sử quy trình (Temporal)' }).waitFor();
    for (const p of [auditor, admin]) {
      expect(jsErrors(p.page)).toEqual([]);
      await p.context.close();
    }
  }, 60_000);
});
