/** Steps every browser walk repeats, in the language of the catalog given (see ui-text.ts). */
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../support/http';
import { literal, type Translate } from './ui-text';

/** Signs in through the login form, first switching the page to `t`'s language (the choice sticks to the browser). */
export async function signInAs(page: Page, t: Translate, email: string): Promise<void> {
  await page.goto('/login');
  // The switch is named in the language the page shows now, which is not yet `t`'s.
  await page.getByRole('button', { name: t.lang.toUpperCase(), exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name: t('login.title') }).waitFor();
  await page.getByLabel(t('login.email')).fill(email);
  await page.getByLabel(t('login.password')).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: t('login.submit') }).click();
  await page.getByRole('button', { name: t('nav.logout') }).waitFor();
}

/**
 * Searches the inbox on screen for some words, as a reviewer with a long inbox would (earlier suites leave the SNgV
 * officer hundreds of open tasks, so a new task need not be on the first page), and waits for the search to apply.
 */
export async function searchInbox(page: Page, t: Translate, words: string): Promise<void> {
  await page.getByLabel(t('filters.taskQ')).fill(words);
  await page
    .getByRole('search')
    .getByRole('button', { name: t('filters.search') })
    .click();
  await page.waitForURL((url) => url.searchParams.get('q') === words.trim());
}

/** Opens the inbox through the navigation, searches it for the reference and opens the row of one task. */
export async function openTask(page: Page, t: Translate, reference: string, kind: string): Promise<void> {
  await page
    .getByRole('navigation', { name: t('nav.label') })
    .getByRole('link', { name: t('nav.inbox') })
    .click();
  await page.getByRole('heading', { level: 1, name: t('inbox.title') }).waitFor();
  await searchInbox(page, t, reference);
  const row = page.locator(`tr[data-task-kind="${kind}"]`, { hasText: reference });
  await row.getByRole('link').click();
  await page.getByRole('heading', { level: 1 }).filter({ hasText: reference }).waitFor();
}

/** Checks the outcome radio of a decision code, whose label must read as the catalog says. */
export async function chooseOutcome(page: Page, t: Translate, decision: string): Promise<void> {
  const radio = page.locator(`input[type="radio"][name="decision"][value="${decision}"]`);
  await radio.check();
  const label = await page.locator('label', { has: radio }).textContent();
  if (!label?.startsWith(t(`decision.${decision}`)))
    throw new Error(`the ${decision} outcome reads "${label}", not "${t(`decision.${decision}`)}"`);
}

/**
 * Chooses an outcome (a decision code), writes a comment, sends, and waits for the confirmation naming the new
 * proposal status (a status code); a refusal fails with what the page says.
 */
export async function decide(page: Page, t: Translate, decision: string, status: string, comment?: string): Promise<void> {
  await chooseOutcome(page, t, decision);
  if (comment) await page.getByLabel(new RegExp(`^(${literal(t('task.comment'))}|${literal(t('task.commentExternal'))})`)).fill(comment);
  await page.getByRole('button', { name: t('task.submit') }).click();
  const done = page.getByRole('status').filter({ hasText: t('task.done', { decision: t(`decision.${decision}`) }).replace(/\.$/, '') });
  const refused = page.locator('.decision-panel .alert-error, .decision-panel .error-summary');
  await done.or(refused).first().waitFor();
  if (await refused.count()) throw new Error(`"${decision}" was refused: ${await refused.first().textContent()}`);
  const text = await done.textContent();
  if (!text?.includes(t('task.doneStatus', { status: t(`status.${status}`) })))
    throw new Error(`expected status ${status} after ${decision}, the page says: ${text}`);
}

/** Opens the notifications page from the header link, whose name tells the unread count. */
export async function openNotifications(page: Page, t: Translate): Promise<void> {
  const name = new RegExp(`^${literal(t('notifications.link', { unread: 999 })).replace('999', '\\d+\\+?')}$`);
  await page.getByRole('link', { name }).click();
  await page.getByRole('heading', { level: 1, name: t('notifications.title') }).waitFor();
}
