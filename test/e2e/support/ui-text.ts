/**
 * The app's own catalogs (apps/web/src/i18n), so a browser test can walk the same screens in Vietnamese and in
 * English by key: a missing or untranslated text fails the walk in that language.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Lang = 'vi' | 'en';
export type Translate = ((key: string, vars?: Record<string, string | number>) => string) & { lang: Lang };

const catalogs: Record<Lang, Record<string, string>> = {
  vi: JSON.parse(readFileSync(join(__dirname, '../../../apps/web/src/i18n/vi.json'), 'utf8')) as Record<string, string>,
  en: JSON.parse(readFileSync(join(__dirname, '../../../apps/web/src/i18n/en.json'), 'utf8')) as Record<string, string>,
};

/** i18next's lookup as far as the tests need it: `{{name}}` interpolation and English `_one`/`_other` plurals. */
export function uiText(lang: Lang): Translate {
  const catalog = catalogs[lang];
  const t = ((key: string, vars: Record<string, string | number> = {}) => {
    const plural = typeof vars.count === 'number' ? `${key}_${vars.count === 1 && lang === 'en' ? 'one' : 'other'}` : null;
    const text = (plural && catalog[plural]) ?? catalog[key];
    if (text === undefined) throw new Error(`The ${lang} catalog has no "${key}"`);
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name] ?? `{{${name}}}`));
  }) as Translate;
  t.lang = lang;
  return t;
}

/** A RegExp matching `text` literally. */
export const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
