import type { WordsMatcher } from '@accord/persistence';
import { foldedSql, wordsMatchSql } from './text-fold';

/**
 * The search box of a list, for a repository to place in its query: every word of `text` in one of the columns the
 * repository searches (those stored folded as they are, the others folded in SQL). Undefined when there is no text.
 */
export function searchWords(text: string | undefined): WordsMatcher | undefined {
  if (!text) return undefined;
  return ({ folded, plain }, param) => wordsMatchSql(text, [...folded, ...plain.map(foldedSql)], param);
}
