/**
 * Automated accessibility check of the page as it stands: axe-core (the engine behind most accessibility audits)
 * injected into the page, WCAG 2.1 A and AA rules. It finds what a machine can (names, labels, contrast, ARIA,
 * landmarks); keyboard order and screen-reader wording stay with the hand-written checks.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** The serious and critical WCAG A/AA violations on the page (an empty list when there are none). */
export async function accessibilityViolations(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol rather than added as a <script>: the app's content security policy allows
  // no inline script (as it should), and a test must not weaken it (no bypassCSP) to inspect the page.
  if (!(await page.evaluate<boolean>("typeof window.axe !== 'undefined'"))) await page.evaluate(AXE_SOURCE);
  // Evaluated in the page (the test code itself has no DOM types).
  const found = await page.evaluate<Violation[]>(`(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  })()`);
  return found;
}
