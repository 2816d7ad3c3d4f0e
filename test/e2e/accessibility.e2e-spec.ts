/**
 * Every main screen, in Chromium, checked by axe-core against WCAG 2.1 A and AA: no serious or critical violation
 * (names and labels, contrast, ARIA, landmarks). Keyboard order and the wording screen readers hear are checked by
 * hand in web.e2e-spec.ts.
 */
import type { Browser, Page } from 'playwright-core';
import { stack } from '../integration/stack';
import { driveMou } from '../support/drive';
import { accessibilityViolations } from './support/accessibility';
import { jsErrors, launchBrowser, newUserPage, shot } from './support/browser';
import { openTask, signInAs } from './support/steps';
import { uiText, type Lang } from './support/ui-text';
import { ensureWebBuilt, forgetWebBuild } from './support/web-build';
import { demoEmail } from '../support/demo-users';

const { apiUrl } = stack();

/** Opens a screen and waits for its heading and for what it loads to settle. */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
}

describe('accessibility of the main screens (axe-core, WCAG 2.1 A/AA)', () => {
  let browser: Browser;
  let proposal: { id: string; reference: string };

  beforeAll(async () => {
    await ensureWebBuilt();
    browser = await launchBrowser();
    // A proposal in consultation: tasks, opinions, a timeline and a plan to show.
    proposal = await driveMou(apiUrl, { until: 'CONSULTATION' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    forgetWebBuild();
  });

  const screens: [who: string, paths: () => string[]][] = [
    [
      demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
      () => ['/proposals', '/proposals/new', `/proposals/${proposal.id}`, '/notifications', '/account', '/plans', '/report-cycles'],
    ],
    [demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }), () => ['/inbox', '/inbox?overdue=true', '/incoming-documents']],
    [demoEmail({ agency: 'HT-UBND', role: 'LEADER' }), () => ['/decisions', '/admin/dashboard', '/registers']],
    [
      demoEmail({ agency: null, role: 'ADMIN' }),
      () => ['/admin/proposals', '/admin/audit', '/calendar', '/policy', `/admin/proposals/${proposal.id}/history`],
    ],
  ];

  for (const lang of ['vi', 'en'] as Lang[]) {
    it(`finds no serious or critical violation on any main screen (${lang})`, async () => {
      const found: Record<string, unknown> = {};
      const login = await newUserPage(browser, apiUrl);
      await open(login.page, '/login');
      if (lang === 'en') await login.page.getByRole('button', { name: 'EN', exact: true }).first().click();
      found['/login'] = await accessibilityViolations(login.page);
      // Script errors and content-security-policy refusals (the CSP allows no inline script): none on any screen.
      const errors: Record<string, string[]> = {};
      if (jsErrors(login.page).length) errors['/login'] = jsErrors(login.page);
      await login.context.close();

      for (const [who, paths] of screens) {
        const { context, page } = await newUserPage(browser, apiUrl);
        await signInAs(page, uiText(lang), who);
        for (const path of paths()) {
          await open(page, path);
          found[`${who} ${path}`] = await accessibilityViolations(page);
        }
        if (who.startsWith('officer')) {
          // The decision form beside the dossier.
          // The officer's inbox holds every suite's tasks by then: openTask pages through it to this proposal's row.
          await openTask(page, uiText(lang), proposal.reference, 'OPINION');
          await page.waitForLoadState('networkidle');
          found[`${who} task`] = await accessibilityViolations(page);
          if (lang === 'vi') await shot(page, '30-task-checked-by-axe');
        }
        if (jsErrors(page).length) errors[who] = jsErrors(page);
        await context.close();
      }
      expect(errors).toEqual({});
      const failing = Object.entries(found).filter(([, v]) => (v as unknown[]).length);
      expect(Object.fromEntries(failing)).toEqual({});
      expect(Object.keys(found).length).toBeGreaterThanOrEqual(17);
    }, 180_000);
  }
});
