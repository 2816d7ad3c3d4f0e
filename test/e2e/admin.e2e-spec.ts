/**
 * The administration screens in Debian's Chromium against the real stack: the statistics dashboard, the holiday
 * calendar (with field errors from the client and from the api), the routing policy table, and the board of the
 * Hà Tĩnh plan (imported through POST /plans) with its lead agency's progress update. Screenshots 21-25.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { driveMou } from '../support/drive';
import { mouBody } from '../support/fixtures';
import { login } from '../support/http';
import { stack } from '../integration/stack';
import { jsErrors, launchBrowser, newUserPage, shot, signIn } from './support/browser';
import { ensureWebBuilt, forgetWebBuild } from './support/web-build';
import { demoEmail } from '../support/demo-users';

const { apiUrl } = stack();
const V1 = '/api/v1';
const fixture = JSON.parse(readFileSync(join(__dirname, '../fixtures/plans/ha-tinh-152.json'), 'utf8')) as {
  title: string;
  items: unknown[];
};

async function openFromNav(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

describe('administration screens in Chromium', () => {
  let browser: Browser;
  let planId = '';

  beforeAll(async () => {
    await ensureWebBuilt();
    browser = await launchBrowser();
    const admin = await login(apiUrl, demoEmail({ agency: null, role: 'ADMIN' }));
    const res = await admin.post<{ id: string; items: unknown[] }>(`${V1}/plans`, fixture);
    expect(res.status).toBe(201);
    expect(res.body.items).toHaveLength(fixture.items.length);
    planId = res.body.id;
    // Something for the dashboard to count: one MoU carried to appraisal (its earlier tasks completed), one just submitted.
    await driveMou(apiUrl, { until: 'APPRAISAL', body: mouBody({ title: 'Bảng tổng quan: đang thẩm định' }) });
    await driveMou(apiUrl, { until: 'INTAKE', body: mouBody({ title: 'Bảng tổng quan: vừa gửi' }) });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    forgetWebBuild();
  });

  it('shows the dashboard, keeps the holiday calendar, reads the routing policy and follows the plan board', async () => {
    const adminApi = await login(apiUrl, demoEmail({ agency: null, role: 'ADMIN' }));
    const stats = (
      await adminApi.get<{
        byStatus: Record<string, number>;
        overdueTasks: number;
        slaComplianceByMonth: { month: string; completed: number; onTime: number }[];
      }>(`${V1}/admin/stats`)
    ).body;
    const { context, page } = await newUserPage(browser, apiUrl);
    page.on('dialog', (d) => void d.accept());
    await signIn(page, demoEmail({ agency: null, role: 'ADMIN' }));

    // Dashboard: six inline-SVG charts and the figures of GET /admin/stats.
    await openFromNav(page, 'Tổng quan', 'Tổng quan tình hình xử lý hồ sơ');
    await page.locator('svg.bar-chart').nth(5).waitFor();
    expect(await page.locator('svg.bar-chart').count()).toBe(6);
    // SLA compliance over time: one bar per month up to this one, each with the counts behind its rate.
    const months = stats.slaComplianceByMonth;
    expect(months.length).toBeGreaterThan(0);
    const byMonth = page.locator('[data-chart="sla-by-month"]');
    expect(await byMonth.locator('[data-month]').evaluateAll((bars) => bars.map((b) => b.getAttribute('data-month')))).toEqual(
      months.map((m) => m.month),
    );
    const current = months[months.length - 1]!;
    expect(current.completed).toBeGreaterThan(0);
    const [y, m] = current.month.split('-');
    expect(await byMonth.locator(`[data-month="${current.month}"]`).textContent()).toContain(`${m}/${y}`);
    expect(await byMonth.locator(`[data-month="${current.month}"]`).textContent()).toContain(
      `(${current.onTime}/${current.completed} việc)`,
    );
    const total = Object.values(stats.byStatus).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(2);
    expect(await page.locator('[data-stat="total"] .stat-value').textContent()).toBe(String(total));
    expect(await page.locator('svg.bar-chart [data-bar="INTAKE"]').first().count()).toBe(1);
    await shot(page, '21-admin-dashboard');

    // Holiday calendar: a client-side error, an api field error (a make-up day must be a weekend day), then a
    // day added, shown dd/MM/yyyy, and removed again (a far year, so no running deadline depends on it).
    await openFromNav(page, 'Lịch ngày nghỉ', 'Lịch ngày nghỉ lễ, ngày làm bù');
    await page.getByText('Thời hạn của các việc đang chạy chỉ thay đổi khi quản trị viên bấm').first().waitFor();
    await page.getByRole('button', { name: 'Tính lại thời hạn' }).waitFor();
    const year = Number(await page.getByLabel('Năm').inputValue()) + 2;
    await page.locator('#f-date').fill(`31/02/${year}`);
    await page.getByRole('button', { name: 'Lưu ngày' }).click();
    expect(await page.locator('#f-date-error').textContent()).toBe('Nhập ngày có thật theo định dạng dd/mm/yyyy.');
    expect(await page.locator('#f-name-error').textContent()).toBe('Vui lòng nhập thông tin này.');
    // 12/07 of that year on a weekday: find one Monday-Friday in the week.
    let day = 12;
    while ([0, 6].includes(new Date(Date.UTC(year, 6, day)).getUTCDay())) day++;
    const weekday = `${String(day).padStart(2, '0')}/07/${year}`;
    await page.locator('#f-date').fill(weekday);
    await page.getByLabel(/^Tên \(tiếng Việt\)/).fill('Ngày nghỉ thử nghiệm');
    await page.locator('#f-kind').selectOption('MAKEUP_WORKDAY');
    await page.getByRole('button', { name: 'Lưu ngày' }).click();
    await page.locator('#f-kind-error').waitFor();
    expect(await page.locator('#f-kind-error').textContent()).toContain('Saturday or Sunday');
    await shot(page, '22-holidays-field-error');
    await page.locator('#f-kind').selectOption('HOLIDAY');
    await page.getByRole('button', { name: 'Lưu ngày' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Đã lưu ngày ${weekday}.` })
      .waitFor();
    const row = page.locator('tbody tr', { hasText: weekday });
    await row.waitFor();
    expect(await row.textContent()).toContain('Ngày nghỉ thử nghiệm');
    await row.getByRole('button', { name: `Xóa ngày ${weekday}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Đã xóa ngày ${weekday}.` })
      .waitFor();
    await row.waitFor({ state: 'detached' });

    // Routing policy: per route its stages, consultees with conditions, and clocks.
    await openFromNav(page, 'Quy tắc luân chuyển', 'Quy tắc luân chuyển hồ sơ đang áp dụng');
    const provincial = page
      .locator('section.policy-route')
      .filter({ has: page.getByRole('heading', { name: /Thỏa thuận quốc tế nhân danh UBND tỉnh/ }) });
    await provincial.waitFor();
    const text = (await provincial.textContent()) ?? '';
    for (const expected of [
      'Lấy ý kiến',
      'Bộ Ngoại giao (BNG)',
      'Bộ Chỉ huy Quân sự tỉnh (BCHQS)',
      'Liên quan đến quốc phòng: Có',
      '7 ngày làm việc',
      '3 ngày làm việc',
      'Ký kết',
      '30 ngày',
    ]) {
      expect(text).toContain(expected);
    }
    await shot(page, '23-routing-policy');

    // Plan board: the imported plan, items grouped by status, then by lead agency.
    await openFromNav(page, 'Kế hoạch', 'Kế hoạch triển khai');
    await page.locator(`a[href="/plans/${planId}"]`).click();
    await page.getByRole('heading', { level: 1, name: fixture.title }).waitFor();
    await page.locator('tr[data-item-no]').first().waitFor();
    expect(await page.locator('tr[data-item-no]').count()).toBe(fixture.items.length);
    await page.getByRole('heading', { level: 2, name: /^Chưa triển khai \(\d+\)$/ }).waitFor();
    const overdueRows = await page.locator('tr[data-overdue="true"]').count();
    expect(await page.locator('tr.row-overdue').count()).toBe(overdueRows);
    await shot(page, '24-plan-board');
    expect(jsErrors(page)).toEqual([]);
    await context.close();

    // The lead agency (HT-SNGV leads item 1) reports progress; the item moves to "Đang triển khai".
    const officer = await newUserPage(browser, apiUrl);
    await signIn(officer.page, demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }));
    await officer.page.goto(`/plans/${planId}`);
    await officer.page.getByRole('heading', { level: 1, name: fixture.title }).waitFor();
    await officer.page.getByLabel('Nhóm theo').selectOption('lead');
    await officer.page.getByRole('heading', { level: 2, name: /^Sở Ngoại vụ \(SNgV\) \(\d+\)$/ }).waitFor();
    const item = officer.page.locator('tr[data-item-no="1"]');
    await item.getByText('Cập nhật tiến độ').click();
    await item.getByLabel(/^Tình trạng/).selectOption('IN_PROGRESS');
    await item.getByLabel(/^Nội dung báo cáo/).fill('Đã ban hành văn bản hướng dẫn các sở, ngành.');
    await item.getByRole('button', { name: 'Gửi cập nhật' }).click();
    await officer.page.getByRole('status').filter({ hasText: 'Đã ghi nhận cập nhật tiến độ.' }).waitFor();
    await item.locator('.plan-status-IN_PROGRESS').waitFor();
    expect(await item.textContent()).toContain('Đã ban hành văn bản hướng dẫn các sở, ngành.');
    await shot(officer.page, '25-plan-item-updated');
    expect(jsErrors(officer.page)).toEqual([]);
    await officer.context.close();
  }, 120_000);
  it('pages through every plan: the 51st and later plans are reachable with "Tải thêm"', async () => {
    const admin = await login(apiUrl, demoEmail({ agency: null, role: 'ADMIN' }));
    const run = Date.now().toString(36);
    // 60 plans of one item each, created one after another: the first created is the 60th newest, on the second page.
    for (let i = 1; i <= 60; i++) {
      const res = await admin.post(`${V1}/plans`, {
        title: `Kế hoạch phân trang ${run} số ${i}`,
        items: [
          {
            no: 1,
            task: 'Theo dõi, đôn đốc',
            leadAgency: 'Sở Ngoại vụ',
            coordinatingAgencies: '',
            timeFrame: 'Thường xuyên',
            output: 'Báo cáo',
          },
        ],
      });
      expect(res.status).toBe(201);
    }
    const { context, page } = await newUserPage(browser, apiUrl);
    await signIn(page, demoEmail({ agency: null, role: 'ADMIN' }));
    await openFromNav(page, 'Kế hoạch', 'Kế hoạch triển khai');
    const table = page.locator('table.plans-table');
    await table.getByRole('link', { name: `Kế hoạch phân trang ${run} số 60`, exact: true }).waitFor();
    const oldest = table.getByRole('link', { name: `Kế hoạch phân trang ${run} số 1`, exact: true });
    expect(await oldest.count()).toBe(0);
    await page.getByRole('button', { name: 'Tải thêm' }).click();
    await oldest.waitFor();
    expect(await table.getByRole('link', { name: new RegExp(`^Kế hoạch phân trang ${run} số \\d+$`) }).count()).toBe(60);
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  }, 180_000);
  it("lets the platform administrator see the provinces and create one, with the api's field errors on a taken code", async () => {
    const { context, page } = await newUserPage(browser, apiUrl);
    await signIn(page, 'platform@accord.local');
    // The platform administrator lands on the provinces: it is all that navigation offers them.
    await page.getByRole('heading', { level: 1, name: 'Tỉnh, thành phố trên hệ thống' }).waitFor();
    const table = page.locator('table.table');
    await table.getByRole('cell', { name: 'HT', exact: true }).waitFor();
    await table.getByRole('cell', { name: 'DN', exact: true }).waitFor();
    const code = `E${String.fromCharCode(65 + (Date.now() % 26))}${String.fromCharCode(65 + ((Date.now() >> 5) % 26))}`;
    const fill = async (province: string) => {
      await page.getByLabel('Mã (tiền tố mã cơ quan)').fill(province);
      await page.getByLabel('Tên tiếng Việt').fill('Tỉnh Thử Nghiệm Giao Diện');
      await page.getByLabel('Tên tiếng Anh').fill('UI Test Province');
      await page.getByLabel('Thư điện tử').fill(`admin-${province.toLowerCase()}-${Date.now()}@example.gov.vn`);
      await page.getByLabel('Họ và tên').fill('Quản trị thử');
      await page.getByLabel('Mật khẩu').fill('mat-khau-du-dai-12');
      await page.getByRole('button', { name: 'Tạo' }).click();
    };
    // A code taken already: the api's refusal, in Vietnamese.
    await fill('DN');
    await page.getByText('Tỉnh, thành phố với mã này đã có.').waitFor();
    await fill(code);
    await page.getByText(`Đã tạo Tỉnh Thử Nghiệm Giao Diện (${code}).`).waitFor();
    await table.getByRole('cell', { name: code, exact: true }).waitFor();
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  }, 120_000);
});
