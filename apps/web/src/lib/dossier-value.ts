import type { TFunction } from 'i18next';
import { countryName } from './countries';
import { formatDate, formatVnd } from './format';
import { label } from './labels';
import type { Kind, SECTIONS } from './proposal-schema';

/** A dossier value as the reader sees it: labels for codes, dd/MM/yyyy dates, formatted amounts. */
export function valueText(t: TFunction, lang: string, spec: (typeof SECTIONS)[Kind][number]['fields'][number], value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  switch (spec.type) {
    case 'select':
      return label(t, spec.labels, String(value));
    case 'multi':
      return Array.isArray(value) ? value.map((v) => label(t, spec.labels, String(v))).join(', ') : String(value);
    case 'bool':
      return value === true ? t('common.yes') : t('common.no');
    case 'date':
      return formatDate(String(value));
    case 'amount':
      return formatVnd(Number(value), lang);
    case 'country':
      return `${countryName(String(value), lang)} (${String(value)})`;
    case 'languages':
      return Array.isArray(value) ? value.join(', ') : String(value);
    default:
      return String(value);
  }
}
