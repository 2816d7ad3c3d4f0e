import { readFileSync } from 'node:fs';
import { PROCESS_DOC_PATH, processDoc, renderProcessDoc } from '../../../../scripts/generate-process-doc';
import { DEFAULT_POLICY } from './default-policy';
import type { RoutingPolicy } from './routing-policy';

describe('docs/process.md', () => {
  it('is what scripts/generate-process-doc.ts makes of the default policy (run `npm run docs:process` after changing it)', () => {
    expect(readFileSync(PROCESS_DOC_PATH, 'utf8')).toBe(processDoc());
  });

  it('lists every kind / level / action / procedure combination with its plan', () => {
    const doc = processDoc();
    for (const level of ['PROVINCIAL_COMMITTEE', 'DEPARTMENT', 'BORDER_COMMUNE']) {
      for (const action of ['SIGN', 'AMEND', 'EXTEND', 'TERMINATE']) {
        for (const procedure of ['STANDARD', 'SHORTENED']) {
          expect(doc).toContain(`| INTERNATIONAL_AGREEMENT | ${level} | ${action} | ${procedure} |`);
        }
      }
    }
    expect(doc).toContain('| OVERSEAS_OFFICE | — | — | SHORTENED | Representative office abroad (Res. 250 Art 14) |');
    // A border commune: SNgV first, then BCHQS, CA and the Border Guard side by side, always.
    const borderCommune = doc.slice(doc.indexOf('Border-commune international agreement — standard'));
    expect(borderCommune).toMatch(
      /\| 2 \| Consultation[^\n]+HT-SNGV[^\n]+\n\| 3 \| Consultation[^\n]+HT-BCHQS[^\n]+always[^\n]+\n\|  \|  \|[^\n]+HT-CA[^\n]+always[^\n]+\n\|  \|  \|[^\n]+HT-BDBP[^\n]+always/,
    );
    // No PM consent gate outside the provincial route (Law 70/2020 Art 19(4)).
    expect(borderCommune.slice(0, borderCommune.indexOf('<a id'))).toContain('**no such gate**');
    expect(doc).toContain('3 working days (ngày làm việc), shortened from 7');
  });

  it('shows the basis of every step, and none is missing', () => {
    const doc = processDoc();
    expect(doc).not.toContain('**none**');
    const taskRows = doc.split('\n').filter((l) => /^\| (\d+)? \| /.test(l) && l.split('|').length === 10);
    expect(taskRows.length).toBeGreaterThan(50);
    for (const row of taskRows) expect(row.split('|')[8]!.trim()).not.toBe('');
    expect(doc).toContain('## Basis of the steps: what was checked against a text');
  });

  it('follows the policy it is given, and names combinations no route serves', () => {
    const policy: RoutingPolicy = JSON.parse(JSON.stringify(DEFAULT_POLICY));
    policy.version = 'test.1';
    policy.routes[0]!.stages[0]!.tasks[0]!.clock = { type: 'WORKING_DAYS', length: 4 };
    policy.routes = policy.routes.filter((r) => r.name !== 'Border-commune international agreement');
    const doc = renderProcessDoc(policy, [{ code: 'HT-SNGV', name: 'Sở Ngoại vụ', nameEn: 'Department of Foreign Affairs' }]);
    expect(doc).toContain('# Accord — approval process (routing policy test.1)');
    expect(doc).toContain(
      '| 1 | Intake (tiếp nhận, kiểm tra hồ sơ) | completeness check of the dossier (hồ sơ) | HT-SNGV — Sở Ngoại vụ (Department of Foreign Affairs) |  | 4 working days',
    );
    expect(doc).toContain('| INTERNATIONAL_AGREEMENT | BORDER_COMMUNE | SIGN | STANDARD | no route | — |');
  });
});
