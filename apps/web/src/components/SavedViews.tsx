import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useSession } from '../auth/session';
import { deleteView, filtersQuery, loadViews, saveView, viewsKey, type SavedView } from '../lib/saved-views';
import { SelectField, TextField } from './form';

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/**
 * Named filter sets of a list page, per user in localStorage: save the current filters under a name, pick one to
 * put its filters in the URL again (the page's useFilters follows the URL).
 */
export function SavedViews({ scope, filters }: { scope: string; filters: Record<string, string> }) {
  const { t } = useTranslation();
  const session = useSession();
  const [, setParams] = useSearchParams();
  const key = session ? viewsKey(session.user.id, scope) : null;
  const [views, setViews] = useState<SavedView[]>(() => (key && storage() ? loadViews(storage()!, key) : []));
  const [name, setName] = useState('');
  const [error, setError] = useState('');
  const [saved, setSaved] = useState('');
  const current = filtersQuery(filters);
  const selected = views.find((v) => v.query === current)?.name ?? '';
  const store = storage();
  if (!key || !store) return null;

  function save(e: FormEvent) {
    e.preventDefault();
    setSaved('');
    if (!name.trim()) {
      setError(t('validation.required'));
      return;
    }
    setError('');
    setViews(saveView(store!, key!, { name, query: current }));
    setSaved(t('views.saved', { name: name.trim() }));
    setName('');
  }

  return (
    <form className="inline-form filters-actions saved-views" aria-label={t('views.label')} onSubmit={save} noValidate>
      <SelectField
        path="savedView"
        label={t('views.pick')}
        value={selected}
        placeholder={views.length ? t('views.choose') : t('views.none')}
        options={views.map((v) => ({ value: v.name, label: v.name }))}
        onChange={(v) => {
          const view = views.find((x) => x.name === v);
          setSaved('');
          if (view) setParams(new URLSearchParams(view.query));
        }}
      />
      <TextField path="viewName" label={t('views.name')} value={name} onChange={setName} error={error} autoComplete="off" />
      <div className="field">
        <button type="submit" className="button button-secondary">
          {t('views.save')}
        </button>{' '}
        {selected ? (
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setViews(deleteView(store, key, selected));
              setSaved('');
            }}
          >
            {t('views.delete', { name: selected })}
          </button>
        ) : null}
        <span role="status" className="muted small">
          {saved}
        </span>
      </div>
    </form>
  );
}
