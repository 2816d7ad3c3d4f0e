/**
 * The web app in Debian's Chromium against the real stack (api serving apps/web/dist, worker, Temporal,
 * Postgres): every step of an MoU from the form to signing through the people who take it, the language
 * switch, SLA badges, and the admin/auditor screens. Screenshots of each main screen go to test/e2e/screenshots/.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { mouBody } from '../support/fixtures';
import { login } from '../support/http';
import { stack } from '../integration/stack';
import { jsErrors, launchBrowser, newUserPage, shot, signIn } from './support/browser';
import { ensureWebBuilt, forgetWebBuild } from './support/web-build';

const { apiUrl, databaseUrl } = stack();
const V1 = '/api/v1';
/** Evaluated in the page (the test code itself has no DOM types): no horizontal scrolling. */
const FITS_WIDTH = 'document.documentElement.scrollWidth <= window.innerWidth + 1';

const USERS = {
  submitter: 'submitter@sct.hatinh.gov.vn',
  officer: 'officer@sngv.hatinh.gov.vn',
  bchqs: 'reviewer@bchqs.hatinh.gov.vn',
  ca: 'reviewer@ca.hatinh.gov.vn',
  stp: 'reviewer@stp.hatinh.gov.vn',
  chairman: 'chairman@ubnd.hatinh.gov.vn',
  admin: 'admin@accord.local',
  auditor: 'auditor@accord.local',
};

/** dd/MM/yyyy of an instant in Vietnam (UTC+7), as the app shows it. */
function vnDate(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3600_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

/** Opens the inbox through the navigation and the row of one task (loading more pages if the inbox is long). */
async function openTask(page: Page, reference: string, kind: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Việc cần xử lý' }).click();
  await page.getByRole('heading', { level: 1, name: 'Việc cần xử lý' }).waitFor();
  const row = page.locator(`tr[data-task-kind="${kind}"]`, { hasText: reference });
  await page.locator('table.inbox-table, p.empty').first().waitFor();
  for (let i = 0; i < 10 && (await row.count()) === 0; i++) {
    const more = page.getByRole('button', { name: 'Tải thêm' });
    if (!(await more.count())) break;
    await more.click();
    await page.waitForTimeout(300);
  }
  await row.getByRole('link').click();
  await page.getByRole('heading', { level: 1 }).filter({ hasText: reference }).waitFor();
}

/** Chooses an outcome, writes a comment, sends, and waits for the confirmation naming the new proposal status. */
async function decide(page: Page, outcome: string, status: string, comment?: string): Promise<void> {
  await page.getByRole('radio', { name: new RegExp(`^${outcome}(\\s|$)`) }).check();
  if (comment) await page.getByLabel(/^(Ý kiến, ghi chú|Số, ngày văn bản)/).fill(comment);
  await page.getByRole('button', { name: 'Gửi kết quả' }).click();
  const done = page.getByRole('status').filter({ hasText: 'Đã ghi nhận' });
  const refused = page.locator('.decision-panel .alert-error, .decision-panel .error-summary');
  await done.or(refused).first().waitFor();
  // A refusal (problem+json shown to the person, or a field error) fails with what the page says.
  if (await refused.count()) throw new Error(`"${outcome}" was refused: ${await refused.first().textContent()}`);
  expect(await done.textContent()).toContain(`Trạng thái hồ sơ: ${status}.`);
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

  it('takes an MoU from the form to signing through six people, every step in the UI', async () => {
    // --- Submitter (Sở Công Thương): fill the form, see errors, preview the routing, send.
    const sub = await newUserPage(browser, apiUrl);
    let page = sub.page;
    await signIn(page, USERS.submitter);
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ của tôi' }).waitFor();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tạo đề xuất' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tạo đề xuất' }).waitFor();
    await page.getByRole('button', { name: 'Xem trước luồng xử lý' }).click();
    await page.getByRole('alert').filter({ hasText: /Có \d+ thông tin cần sửa/ }).waitFor();
    expect(await page.locator('#f-title-error').textContent()).toBe('Vui lòng nhập thông tin này.');
    expect(await page.locator('#f-details-fields-error').textContent()).toBe('Vui lòng chọn ít nhất một mục.');
    expect(await page.locator('#f-title').getAttribute('aria-invalid')).toBe('true');
    await shot(page, '04-new-proposal-errors');

    const title = `MoU xúc tiến thương mại với Savannakhet ${randomUUID().slice(0, 8)}`;
    await page.getByLabel('Tên đề xuất').fill(title);
    await page.getByLabel('Tóm tắt').fill('Thỏa thuận hợp tác xúc tiến thương mại giữa UBND tỉnh Hà Tĩnh và chính quyền tỉnh Savannakhet.');
    await page.getByLabel('Cấp ký kết').selectOption('PROVINCIAL_COMMITTEE');
    await page.getByRole('checkbox', { name: 'Thương mại' }).check();
    await page.getByLabel('Ngày dự kiến ký').fill('31/02/2026');
    await page.getByLabel('Thời hạn (tháng)').fill('36');
    await page.getByLabel('Ngôn ngữ văn bản').fill('vi, lo');
    await page.getByLabel('Tên bên ký kết nước ngoài').fill('Savannakhet Province');
    await page.getByLabel('Quốc gia').selectOption('LA');
    await page.getByLabel('Loại bên ký kết').selectOption('FOREIGN_LOCAL_GOVERNMENT');
    await page.getByRole('checkbox', { name: 'Liên quan đến quốc phòng' }).check();
    await page.getByRole('checkbox', { name: 'Liên quan đến an ninh' }).check();
    await page.getByRole('checkbox', { name: 'Thuộc khu vực biên giới' }).check();
    await page.getByLabel('Sự cần thiết, mục đích ký kết').fill('Thúc đẩy thương mại biên giới.');
    await page.getByLabel('Nội dung chính của thỏa thuận').fill('Hội chợ, trao đổi thông tin thị trường.');
    await page.getByLabel('Đánh giá sự phù hợp với pháp luật Việt Nam', { exact: false }).fill('Phù hợp Luật Thỏa thuận quốc tế 2020.');
    await page.getByLabel('Đánh giá tác động', { exact: false }).fill('Tích cực về kinh tế - xã hội.');
    await page.getByLabel('Tính khả thi').fill('Khả thi.');
    await page.getByRole('button', { name: 'Xem trước luồng xử lý' }).click();
    // 31 February does not exist: caught in the browser, nothing sent.
    await page.locator('#f-details-proposedSigningDate-error').filter({ hasText: 'dd/mm/yyyy' }).waitFor();
    await page.getByLabel('Ngày dự kiến ký').fill('15/12/2026');

    // A rule only the server knows (the related agreement must be registered) comes back on its field.
    await page.getByLabel('Hình thức').selectOption('EXTEND');
    await page.getByLabel('Thỏa thuận được sửa đổi, gia hạn hoặc chấm dứt (mã)').fill(randomUUID());
    await page.getByRole('button', { name: 'Xem trước luồng xử lý' }).click();
    await page.locator('#f-details-relatedAgreementId-error').filter({ hasText: 'No registered agreement has this id' }).waitFor();
    await page.getByLabel('Hình thức').selectOption('SIGN');

    await page.getByRole('button', { name: 'Xem trước luồng xử lý' }).click();
    const plan = page.locator('.preview-panel');
    await plan.getByRole('heading', { name: 'Luồng xử lý dự kiến' }).waitFor();
    const stages = await plan.locator('.plan-stage-name').allTextContents();
    expect(stages.map((s) => s.replace(/^\d+/, '').replace(/ — song song$/, ''))).toEqual([
      'Tiếp nhận hồ sơ', 'Lấy ý kiến', 'Tiếp thu, giải trình', 'Thẩm định', 'Quyết định', 'Ký kết',
    ]);
    const consultation = await plan.locator('.plan-stage').nth(1).textContent();
    for (const consultee of ['Sở Ngoại vụ (SNgV)', 'Bộ Chỉ huy Quân sự tỉnh (BCHQS)', 'Công an tỉnh (CA)', 'Bộ Ngoại giao (BNG)', '7 ngày làm việc']) {
      expect(consultation).toContain(consultee);
    }
    await shot(page, '05-routing-preview');
    await page.getByRole('button', { name: 'Gửi hồ sơ' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    mouReference = (await page.locator('.eyebrow .reference').textContent())!;
    expect(mouReference).toMatch(/^TTQT-\d{4}-\d{5}$/);
    mouId = page.url().split('/').pop()!;
    await page.getByText(`Đã gửi hồ sơ ${mouReference}.`).waitFor();
    expect(await page.locator('.status-box .badge').textContent()).toBe('Tiếp nhận, kiểm tra hồ sơ');
    await page.locator('.timeline').getByText('Gửi hồ sơ đề xuất').waitFor();
    await shot(page, '06-proposal-submitted');

    // --- SNgV officer: completeness check.
    const officer = await newUserPage(browser, apiUrl);
    await signIn(officer.page, USERS.officer);
    page = officer.page;
    await page.getByRole('heading', { level: 1, name: 'Việc cần xử lý' }).waitFor();
    const intakeRow = page.locator('tr[data-task-kind="INTAKE_CHECK"]', { hasText: mouReference });
    await intakeRow.waitFor();
    expect(await intakeRow.locator('[data-sla]').getAttribute('data-sla')).toBe('ON_TRACK');
    expect(await intakeRow.locator('.sla').textContent()).toMatch(/Trong hạn\s*Hạn: \d{2}\/\d{2}\/\d{4}/);
    await shot(page, '07-inbox-officer');
    await openTask(page, mouReference, 'INTAKE_CHECK');
    await page.locator('.dossier').getByText('Savannakhet Province').waitFor();
    await shot(page, '08-task-intake');
    await decide(page, 'Hồ sơ đầy đủ', 'Đang lấy ý kiến');

    // --- Consultation in parallel: BCHQS (defence), CA (security), SNgV, and MOFA's answer recorded by SNgV.
    const bchqs = await newUserPage(browser, apiUrl);
    await signIn(bchqs.page, USERS.bchqs);
    await openTask(bchqs.page, mouReference, 'OPINION');
    await decide(bchqs.page, 'Đồng ý', 'Đang lấy ý kiến');

    const ca = await newUserPage(browser, apiUrl);
    await signIn(ca.page, USERS.ca);
    await openTask(ca.page, mouReference, 'OPINION');
    await ca.page.getByRole('radio', { name: /^Đồng ý, có góp ý(\s|$)/ }).check();
    await shot(ca.page, '09-task-opinion');
    await decide(ca.page, 'Đồng ý, có góp ý', 'Đang lấy ý kiến', 'Bổ sung điều khoản an ninh biên giới.');

    await openTask(page, mouReference, 'OPINION');
    await decide(page, 'Đồng ý', 'Đang lấy ý kiến');
    await openTask(page, mouReference, 'EXTERNAL_OPINION');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Bộ Ngoại giao (BNG)');
    await decide(page, 'Đồng ý', 'Tiếp thu, giải trình', 'Công văn số 1234/BNG-LPQT ngày 10/11/2026.');

    // --- Submitter: absorption and explanation report, answering the opinions shown beside the form.
    page = sub.page;
    await openTask(page, mouReference, 'ABSORPTION');
    await page.locator('.opinions').getByText('Bổ sung điều khoản an ninh biên giới.').waitFor();
    await decide(page, 'Gửi báo cáo tiếp thu, giải trình', 'Đang thẩm định', 'Đã tiếp thu ý kiến của Công an tỉnh.');

    // --- Department of Justice: appraisal.
    const stp = await newUserPage(browser, apiUrl);
    await signIn(stp.page, USERS.stp);
    await openTask(stp.page, mouReference, 'APPRAISAL');
    await decide(stp.page, 'Phù hợp', 'Chờ quyết định');

    // --- Chairman: the decision queue summarises each consultee's opinion, then the decision.
    const chairman = await newUserPage(browser, apiUrl);
    await signIn(chairman.page, USERS.chairman);
    page = chairman.page;
    await page.getByRole('heading', { level: 1, name: 'Hồ sơ chờ quyết định' }).waitFor();
    const card = page.locator('.decision-card', { hasText: mouReference });
    await card.waitFor();
    const opinions = card.locator('.opinions tbody tr');
    const rows = (await opinions.allTextContents()).join('\n');
    for (const expected of ['Bộ Chỉ huy Quân sự tỉnh (BCHQS)', 'Công an tỉnh (CA)', 'Sở Ngoại vụ (SNgV)', 'Bộ Ngoại giao (BNG)', 'Sở Tư pháp (STP)', 'Đồng ý, có góp ý', 'Phù hợp']) {
      expect(rows).toContain(expected);
    }
    expect(await opinions.count()).toBe(5);
    expect(await card.locator('.opinion-counts').textContent()).toBe('4 đồng ý · 1 đồng ý có góp ý · 0 không đồng ý');
    await shot(page, '10-leader-queue');
    await card.getByRole('link', { name: new RegExp(`Xem hồ sơ và quyết định: ${mouReference}`) }).click();
    await page.getByRole('heading', { level: 1 }).filter({ hasText: mouReference }).waitFor();
    await shot(page, '11-task-decision');
    await decide(page, 'Phê duyệt', 'Đã phê duyệt');

    // --- Submitter: signing record (date, place, signatories), then the post-signing report.
    page = sub.page;
    await openTask(page, mouReference, 'SIGNING');
    await page.getByRole('radio', { name: /^Đã ký(\s|$)/ }).check();
    await page.getByRole('button', { name: 'Gửi kết quả' }).click();
    await page.locator('#f-signing-place-error').filter({ hasText: 'Vui lòng nhập thông tin này.' }).waitFor();
    await page.getByLabel('Địa điểm ký').fill('Hà Tĩnh');
    await page.getByLabel('Số hiệu thỏa thuận').fill(`HT-LA-${mouReference.slice(-5)}`);
    const first = page.getByRole('group', { name: 'Người ký 1' });
    await first.getByLabel('Họ và tên').fill('Võ Trọng Hải');
    await first.getByLabel('Chức vụ').fill('Chủ tịch UBND tỉnh Hà Tĩnh');
    await first.getByLabel('Đại diện cho').fill('UBND tỉnh Hà Tĩnh');
    await page.getByRole('button', { name: 'Thêm người ký' }).click();
    const second = page.getByRole('group', { name: 'Người ký 2' });
    await second.getByLabel('Họ và tên').fill('Santiphap Phomvihane');
    await second.getByLabel('Chức vụ').fill('Tỉnh trưởng tỉnh Savannakhet');
    await second.getByLabel('Đại diện cho').fill('Tỉnh Savannakhet');
    await shot(page, '12-signing-form');
    await decide(page, 'Đã ký', 'Đã ký kết');

    await openTask(page, mouReference, 'POST_SIGNING_REPORT');
    // Law 70/2020 Art 19(5): due 15 calendar days after signing.
    expect(await page.locator('.meta-grid').textContent()).toContain('15 ngày');
    await decide(page, 'Đã gửi báo cáo', 'Đang có hiệu lực', 'Đã báo cáo Thủ tướng, sao gửi Bộ Ngoại giao.');

    await page.getByRole('link', { name: 'Xem toàn bộ hồ sơ' }).first().click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    expect(await page.locator('.status-box .badge').textContent()).toBe('Đang có hiệu lực');
    const timeline = await page.locator('.timeline').textContent();
    for (const event of ['Gửi hồ sơ đề xuất', 'Hoàn thành việc', 'Đăng ký vào sổ thỏa thuận quốc tế']) expect(timeline).toContain(event);
    await shot(page, '13-proposal-in-force');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hồ sơ của tôi' }).click();
    const mine = page.locator('tbody tr', { hasText: mouReference });
    await mine.waitFor();
    expect(await mine.locator('.badge').textContent()).toBe('Đang có hiệu lực');
    await shot(page, '13b-my-proposals');

    for (const p of [sub, officer, bchqs, ca, stp, chairman]) {
      expect(jsErrors(p.page)).toEqual([]);
      await p.context.close();
    }
  }, 180_000);

  it('answers a supplement request with a revised dossier (a new version) from the prefilled form', async () => {
    const submitter = await login(apiUrl, USERS.submitter);
    const created = await submitter.post(`${V1}/proposals`, mouBody({ title: `Bổ sung hồ sơ ${randomUUID().slice(0, 8)}` }));
    expect(created.status).toBe(201);
    const { reference } = created.body as { reference: string };

    const officer = await newUserPage(browser, apiUrl);
    await signIn(officer.page, USERS.officer);
    await openTask(officer.page, reference, 'INTAKE_CHECK');
    await decide(officer.page, 'Yêu cầu bổ sung hồ sơ', 'Yêu cầu bổ sung hồ sơ', 'Thiếu bản dịch tiếng Lào của dự thảo.');

    const sub = await newUserPage(browser, apiUrl);
    const page = sub.page;
    await signIn(page, USERS.submitter);
    await openTask(page, reference, 'SUPPLEMENT');
    await page.getByRole('radio', { name: /^Gửi lại hồ sơ đã bổ sung(\s|$)/ }).check();
    // The form starts from the current dossier; a field emptied by mistake is caught before sending.
    expect(await page.getByLabel('Tên bên ký kết nước ngoài').inputValue()).toBe('Savannakhet Province');
    expect(await page.getByLabel('Ngày dự kiến ký').inputValue()).toBe('15/12/2026');
    await page.getByLabel('Tóm tắt').fill('');
    await page.getByRole('button', { name: 'Gửi kết quả' }).click();
    await page.locator('#f-summary-error').filter({ hasText: 'Vui lòng nhập thông tin này.' }).waitFor();
    await page.getByLabel('Tóm tắt').fill('Thỏa thuận xúc tiến thương mại, kèm bản dịch tiếng Lào.');
    await page.getByLabel('Nội dung chính của thỏa thuận').fill('Hội chợ, trao đổi thông tin; bản dịch tiếng Lào đính kèm.');
    await shot(page, '20-supplement-resubmit');
    await decide(page, 'Gửi lại hồ sơ đã bổ sung', 'Tiếp nhận, kiểm tra hồ sơ');

    await page.getByRole('link', { name: 'Xem toàn bộ hồ sơ' }).first().click();
    await page.getByText('Các phiên bản trước (1)').waitFor();
    expect(await page.locator('.dossier').first().textContent()).toContain('bản dịch tiếng Lào đính kèm');

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
    const created = await Promise.all(
      ['SLA sắp đến hạn', 'SLA quá hạn'].map((title) => submitter.post(`${V1}/proposals`, mouBody({ title: `${title} ${randomUUID().slice(0, 8)}` }))),
    );
    for (const c of created) expect(c.status).toBe(201);
    const [soon, late] = created.map((c) => c.body as { id: string; reference: string });

    // Move the intake clocks in the read model, as if these tasks had been waiting: one past 80 % of its clock,
    // one past its deadline (the api computes the badge from created_at and due_at at read time).
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const now = Date.now();
      await db.query(`UPDATE task SET created_at = $2, due_at = $3 WHERE proposal_id = $1 AND kind = 'INTAKE_CHECK'`, [soon!.id, new Date(now - 9 * 86400_000), new Date(now + 86400_000)]);
      await db.query(`UPDATE task SET created_at = $2, due_at = $3 WHERE proposal_id = $1 AND kind = 'INTAKE_CHECK'`, [late!.id, new Date(now - 5 * 86400_000), new Date(now - 2 * 86400_000)]);
    } finally {
      await db.end();
    }
    const { rows } = await (async () => {
      const c = new Client({ connectionString: databaseUrl });
      await c.connect();
      try {
        return await c.query<{ proposal_id: string; due_at: Date }>(`SELECT proposal_id, due_at FROM task WHERE proposal_id = ANY($1) AND kind = 'INTAKE_CHECK'`, [[soon!.id, late!.id]]);
      } finally {
        await c.end();
      }
    })();
    const dueOf = (id: string) => vnDate(rows.find((r) => r.proposal_id === id)!.due_at.toISOString());

    const { context, page } = await newUserPage(browser, apiUrl);
    await signIn(page, USERS.officer);
    await page.getByRole('heading', { level: 1, name: 'Việc cần xử lý' }).waitFor();
    const soonRow = page.locator('tr[data-task-kind="INTAKE_CHECK"]', { hasText: soon!.reference });
    const lateRow = page.locator('tr[data-task-kind="INTAKE_CHECK"]', { hasText: late!.reference });
    await lateRow.waitFor();
    expect(await soonRow.locator('[data-sla]').getAttribute('data-sla')).toBe('DUE_SOON');
    // Due in 24 h: tomorrow's working day, or none left when tomorrow is a weekend day (holidays are not counted).
    expect((await soonRow.locator('.sla').textContent())!.replace(/\s+/g, ' ')).toMatch(new RegExp(`^▲ Sắp đến hạn Hạn: ${dueOf(soon!.id)} Còn [01] ngày làm việc$`));
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
    await openTask(page, late!.reference, 'INTAKE_CHECK');
    expect(await page.locator('.meta-grid [data-sla]').getAttribute('data-sla')).toBe('OVERDUE');
    expect(await page.evaluate<boolean>(FITS_WIDTH)).toBe(true);
    await shot(page, '16-task-768');
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  }, 90_000);

  it('shows the api\'s field errors when naming an out-of-office substitute on the account page', async () => {
    const { context, page } = await newUserPage(browser, apiUrl);
    await signIn(page, USERS.officer);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tài khoản' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tài khoản' }).waitFor();
    const today = vnDate(new Date().toISOString());
    // A well-formed id nobody has: only the api knows, and it answers with a field error (no substitution is made).
    await page.getByRole('textbox', { name: /Mã người dùng của đồng nghiệp/ }).fill(randomUUID());
    await page.getByRole('textbox', { name: /Ngày bắt đầu vắng/ }).fill(today);
    await page.getByRole('textbox', { name: /Ngày cuối vắng/ }).fill(today);
    await page.getByRole('button', { name: 'Lưu người xử lý thay' }).click();
    await page.locator('#f-substituteId-error').filter({ hasText: 'No user has this id' }).waitFor();
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
    await row.getByRole('link', { name: `Lịch sử quy trình: ${mouReference}` }).click();
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
