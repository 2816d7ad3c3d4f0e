import { useEffect, useState } from 'react';
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
  // Back/forward or a link changed the URL: follow it.
  useEffect(() => setFilters(read()), [search]);
  const set = (key: K, value: string) => {
    setFilters((f) => ({ ...f, [key]: value }));
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return [filters, set, search];
}
