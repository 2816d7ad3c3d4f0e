/** A named set of list filters, kept as the URL query it stands for (`status=OPEN&overdue=true`). */
export interface SavedView {
  name: string;
  query: string;
}

/**
 * Saved views live in localStorage under the user's id, so they outlast the tab (unlike the session) and one
 * person's views do not show for a colleague on a shared computer. They hold filter values only, nothing private.
 */
export const viewsKey = (userId: string, scope: string) => `accord.views.${scope}.${userId}`;

export function loadViews(storage: Pick<Storage, 'getItem'>, key: string): SavedView[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]');
    return Array.isArray(parsed)
      ? parsed.filter((v): v is SavedView => !!v && typeof v.name === 'string' && typeof v.query === 'string')
      : [];
  } catch {
    return [];
  }
}

function store(storage: Pick<Storage, 'setItem'>, key: string, views: SavedView[]): SavedView[] {
  try {
    storage.setItem(key, JSON.stringify(views));
  } catch {
    /* storage full or disabled: the views still work until the page is left */
  }
  return views;
}

/** Adds a view, or replaces the one of the same name (names compare trimmed and case-insensitively); sorted by name. */
export function saveView(storage: Pick<Storage, 'getItem' | 'setItem'>, key: string, view: SavedView): SavedView[] {
  const name = view.name.trim();
  const others = loadViews(storage, key).filter((v) => v.name.toLocaleLowerCase() !== name.toLocaleLowerCase());
  return store(
    storage,
    key,
    [...others, { name, query: view.query }].sort((a, b) => a.name.localeCompare(b.name)),
  );
}

export function deleteView(storage: Pick<Storage, 'getItem' | 'setItem'>, key: string, name: string): SavedView[] {
  return store(
    storage,
    key,
    loadViews(storage, key).filter((v) => v.name !== name),
  );
}

/** The query of a filter set: its non-empty values in a fixed key order, so equal filters give equal strings. */
export function filtersQuery(filters: Record<string, string>): string {
  const q = new URLSearchParams();
  for (const k of Object.keys(filters).sort()) if (filters[k]) q.set(k, filters[k]!);
  return q.toString();
}
