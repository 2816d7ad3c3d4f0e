import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from './form';

/**
 * A list page's filters with a search box: the other filters (children) apply as they change, the words typed
 * apply when the search is sent (Enter or the button), so the list does not reload on every key.
 */
export function SearchForm({
  query,
  onSearch,
  label,
  hint,
  children,
}: {
  query: string;
  onSearch: (q: string) => void;
  label: string;
  hint?: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const [q, setQ] = useState(query);
  useEffect(() => setQ(query), [query]);
  return (
    <form
      className="filters"
      role="search"
      aria-label={t('filters.label')}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSearch(q.trim());
      }}
    >
      <TextField path="q" label={label} hint={hint} value={q} onChange={setQ} />
      {children}
      <div className="filters-actions">
        <button type="submit" className="button button-secondary">
          {t('filters.search')}
        </button>
      </div>
    </form>
  );
}
