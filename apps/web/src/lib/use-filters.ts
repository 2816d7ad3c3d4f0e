import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';

/**
 * Filters kept in the URL (shareable, survive a reload) and mirrored in local state, so a control shows its new
 * value at once: React Router applies URL changes in a transition, which would otherwise briefly undo the click.
 */
export function useFilters<K extends string>(keys: readonly K[]): [Record<K, string>, (key: K, value: string) => void, string] {
  const [params, setParams] = useSearchParams();
  const read = () => Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
  const [filters, setFilters] = useState<Record<K, string>>(read);
  const search = params.toString();
  // Back/forward, a link or a saved view changed the URL: follow it during this render (not in an effect), so the
  // page's loaders, whose effects run on the new `search`, already read the new filters rather than the old ones.
  const [seen, setSeen] = useState(search);
  if (seen !== search) {
    setSeen(search);
    setFilters(read());
  }
  const set = (key: K, value: string) => {
    setFilters((f) => ({ ...f, [key]: value }));
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return [filters, set, search];
}
