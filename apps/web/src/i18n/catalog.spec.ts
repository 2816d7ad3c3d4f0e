/** The VI and EN catalogs know every key the screens ask for and every value of the domain's vocabularies. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  AGREEMENT_ACTIONS,
  COOPERATION_FIELDS,
  COUNTERPART_TYPES,
  MECHANISM_TYPES,
  OFFICE_FUNCTIONS,
  PARTICIPATION_LEVELS,
  PROCEDURES,
  PROPOSAL_KINDS,
  PROPOSAL_STATUSES,
  SIGNING_LEVELS,
  URGENCIES,
} from '@accord/domain/proposal/proposal.types';
import { DECISIONS, TASK_KINDS } from '@accord/domain/tasks/task.types';
import { STAGES } from '@accord/domain/routing/plan.types';
import { ERROR_CODES } from '@accord/domain/errors/error-codes';
import { notificationsLink } from '../lib/format';
import { allFields, PROPOSAL_KINDS as FORM_KINDS, SECTIONS } from '../lib/proposal-schema';

const catalogs = {
  vi: JSON.parse(readFileSync(join(__dirname, 'vi.json'), 'utf8')) as Record<string, string>,
  en: JSON.parse(readFileSync(join(__dirname, 'en.json'), 'utf8')) as Record<string, string>,
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

const base = (key: string) => key.replace(/_(one|other)$/, '');

describe('i18n catalogs', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect(
      Object.keys(catalogs.en)
        .map(base)
        .filter((k, i, a) => a.indexOf(k) === i)
        .sort(),
    ).toEqual(Object.keys(catalogs.vi).sort());
  });

  it('translate every literal key used in the code', () => {
    const used = new Set<string>();
    for (const file of sources(join(__dirname, '..'))) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    for (const lang of ['vi', 'en'] as const) expect([...used].filter((k) => !(k in catalogs[lang]))).toEqual([]);
  });

  it('label every value of the domain vocabularies and every form field', () => {
    const expected = [
      ...PROPOSAL_STATUSES.map((v) => `status.${v}`),
      ...PROPOSAL_KINDS.map((v) => `kind.${v}`),
      ...PROPOSAL_KINDS.map((v) => `kindHelp.${v}`),
      ...TASK_KINDS.map((v) => `taskKind.${v}`),
      ...DECISIONS.map((v) => `decision.${v}`),
      ...STAGES.map((v) => `stage.${v}`),
      ...AGREEMENT_ACTIONS.map((v) => `action.${v}`),
      ...SIGNING_LEVELS.map((v) => `level.${v}`),
      ...COOPERATION_FIELDS.map((v) => `coopField.${v}`),
      ...COUNTERPART_TYPES.map((v) => `counterpartType.${v}`),
      ...MECHANISM_TYPES.map((v) => `mechanismType.${v}`),
      ...PARTICIPATION_LEVELS.map((v) => `participationLevel.${v}`),
      ...OFFICE_FUNCTIONS.map((v) => `officeFunction.${v}`),
      ...PROCEDURES.map((v) => `procedure.${v}`),
      ...URGENCIES.map((v) => `urgency.${v}`),
      ...FORM_KINDS.flatMap((k) => allFields(k).map((f) => `field.${f.path}`)),
      ...FORM_KINDS.flatMap((k) => SECTIONS[k].map((s) => s.legend)),
    ];
    for (const lang of ['vi', 'en'] as const) expect(expected.filter((k) => !(k in catalogs[lang]))).toEqual([]);
  });

  it('translate every error code of the api (docs/api.md, "Error codes")', () => {
    const expected = Object.keys(ERROR_CODES).map((code) => `problem.${code}`);
    for (const lang of ['vi', 'en'] as const) expect(expected.filter((k) => !catalogs[lang][k]?.trim())).toEqual([]);
    // Vietnamese readers never get the api's English: their messages are their own, not copies of the English ones.
    expect(expected.filter((k) => catalogs.vi[k] === catalogs.en[k])).toEqual([]);
  });

  it('use the glossary terms of docs/domain.md in Vietnamese', () => {
    expect(catalogs.vi['kind.INTERNATIONAL_AGREEMENT']).toBe('Thỏa thuận quốc tế');
    expect(catalogs.vi['taskKind.APPRAISAL']).toBe('Thẩm định');
    expect(catalogs.vi['taskKind.ABSORPTION']).toContain('tiếp thu, giải trình');
    expect(catalogs.vi['agency.HT-BCHQS']).toContain('Bộ Chỉ huy Quân sự tỉnh');
    expect(catalogs.vi['procedure.SHORTENED']).toContain('Thủ tục rút gọn');
    expect(catalogs.vi['clock.workingDays']).toContain('ngày làm việc');
  });

  it('name the header notifications link with the text it shows, whatever the unread count (WCAG 2.5.3)', () => {
    // The link shows the title and a badge; its aria-label must contain both as read, or axe-core's
    // label-content-name-mismatch fails, as it did once an officer had more than 99 unread notifications.
    for (const lang of ['vi', 'en'] as const) {
      const t = (key: string, options: Record<string, string>) =>
        catalogs[lang][key]!.replace(/\{\{(\w+)\}\}/g, (_, name: string) => options[name]!);
      expect(notificationsLink(t, 0).badge).toBeNull();
      for (const unread of [1, 7, 99, 100, 150, 12_345]) {
        const { badge, label } = notificationsLink(t, unread);
        expect(badge!.length).toBeLessThanOrEqual(3);
        expect(label).toContain(`${catalogs[lang]['notifications.title']} ${badge}`);
      }
    }
  });
});
