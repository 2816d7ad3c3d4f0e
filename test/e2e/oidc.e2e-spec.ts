/**
 * The government-account sign-in in Chromium (docs/sso.md): the login page of an api with single sign-on on and
 * password login off shows only the "Đăng nhập bằng tài khoản công vụ" button; it leads through the provider's login
 * form back into the app, signed in, with the tokens gone from the address bar.
 */
import type { Browser } from 'playwright-core';
import { stack } from '../integration/stack';
import { startOidcStack, type OidcStack } from '../support/oidc-stack';
import { jsErrors, launchBrowser, newUserPage } from './support/browser';
import { uiText } from './support/ui-text';
import { ensureWebBuilt, forgetWebBuild } from './support/web-build';

describe('government-account sign-in in Chromium', () => {
  const t = uiText('vi');
  let browser: Browser;
  let oidc: OidcStack;

  beforeAll(async () => {
    await ensureWebBuilt();
    oidc = await startOidcStack(stack());
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await oidc?.stop();
    forgetWebBuild();
  });

  it('signs in through the provider with the button and lands on the home page of the mapped role', async () => {
    const { context, page } = await newUserPage(browser, oidc.apiUrl);
    await page.goto('/login');
    const button = page.getByRole('link', { name: t('login.oidc') });
    await button.waitFor();
    // Password login is off on this api: no password field is offered.
    expect(await page.getByLabel(t('login.password')).count()).toBe(0);
    await button.click();

    // The provider's own login form (test/support/oidc-provider.mjs).
    await page.waitForURL((url) => url.href.startsWith(oidc.issuer));
    await page.locator('input[name="login"]').fill('cv-sct-002');
    await page.locator('input[name="password"]').fill('demo');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    // Back in Accord: a SUBMITTER of HT-SCT lands on the proposals list, signed in, and the fragment is gone.
    await page.waitForURL((url) => url.href.startsWith(oidc.apiUrl) && url.pathname === '/proposals');
    await page.getByRole('button', { name: t('nav.logout') }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    expect(page.url()).not.toContain('accessToken');
    expect(jsErrors(page)).toEqual([]);
    await context.close();
  }, 120_000);
});
