/**
 * Automated accessibility check of the page as it stands: axe-core (the engine behind most accessibility audits)
 * injected into the page, WCAG 2.1 A and AA rules. It finds what a machine can (names, labels, contrast, ARIA,
 * landmarks); keyboard order and screen-reader wording stay with the hand-written checks.
 */
import type { Page } from 'playwright-core';

const AXE = require.resolve('axe-core/axe.min.js');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** The serious and critical WCAG A/AA violations on the page (an empty list when there are none). */
export async function accessibilityViolations(page: Page): Promise<Violation[]> {
  if (!(await page.evaluate<boolean>("typeof window.axe !== 'undefined'"))) await page.addScriptTag({ path: AXE });
  // Evaluated in the page (the test code itself has no DOM types).
  const found = await page.evaluate<Violation[]>(`(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  })()`);
  return found;
}
