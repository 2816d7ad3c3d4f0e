/** A condition rendered with positional parameters; its placeholders start where the caller says (`from`). */
export interface SqlFragment {
  sql: string;
  params: unknown[];
}

/**
 * A condition the api decides (who may see which proposals: apps/api/src/common/access-policy.ts) and a repository
 * places in its query: called with the number of the condition's first placeholder.
 */
export type SqlFragmentAt = (from: number) => SqlFragment;

/**
 * The search box of a list: given the text columns a repository searches (`folded`: stored folded already; `plain`:
 * to fold in SQL) and the query's parameter allocator, the condition, or null when there is nothing to match.
 */
export type WordsMatcher = (columns: { folded: string[]; plain: string[] }, param: (value: unknown) => string) => string | null;
