import { useTranslation } from 'react-i18next';
import type { ProblemI18n } from './problem-message';

/** The translation calls lib/problem-message needs, from react-i18next. */
export function useProblemI18n(): ProblemI18n {
  const { t, i18n } = useTranslation();
  return { t: (key, options) => t(key, options ?? {}), exists: (key) => i18n.exists(key), language: i18n.language };
}
