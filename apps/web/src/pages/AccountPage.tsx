import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { DataTable } from '../components/DataTable';
import { fieldId, SelectField, TextField } from '../components/form';
import { Alert, PageTitle, ProblemAlert } from '../components/ui';
import { AsyncStatus } from '../components/AsyncStatus';
import { ApiError, api, newIdempotencyKey, query } from '../lib/api';
import { formatDate, parseDisplayDate } from '../lib/format';
import type { DirectoryUser, Page } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { useSubmit } from '../lib/use-submit';

interface Person {
  id: string;
  fullName: string;
}

interface Substitution {
  id: string;
  user: Person;
  substitute: Person;
  startsOn: string;
  endsOn: string;
  status: 'ACTIVE' | 'SCHEDULED' | 'ENDED' | 'REVOKED';
  createdAt: string;
  revokedAt: string | null;
}

interface SubstitutionList {
  items: Substitution[];
  nextCursor: null;
  actingFor: Substitution[];
}

interface Draft {
  substituteId: string;
  startsOn: string;
  endsOn: string;
}

const EMPTY: Draft = { substituteId: '', startsOn: '', endsOn: '' };

/** How many colleagues one search lists; more than that, and the person is asked to type more of the name. */
const PICKER_LIMIT = 100;

/** `value`, once it has stopped changing for `ms` (a search box should not query on every key). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * Choosing a colleague by name: a search box (name or e-mail, diacritics optional) narrowing a labelled <select> of
 * the members of `agency` from the users directory (GET /users), without the person themself. The select is the
 * field (`#f-substituteId`), so its label, hint and the api's `substituteId` errors stay tied to it.
 */
function ColleaguePicker({
  agency,
  selfId,
  chosen,
  onChoose,
  error,
}: {
  agency: { code: string; name: string };
  selfId: string;
  chosen: DirectoryUser | null;
  onChoose: (user: DirectoryUser | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const text = useDebounced(search.trim(), 300);
  const found = useAsync(
    (signal) => api.get<Page<DirectoryUser>>(`/users${query({ agency: agency.code, q: text, limit: PICKER_LIMIT })}`, { signal }),
    [agency.code, text],
  );
  const colleagues = (found.data?.items ?? []).filter((u) => u.id !== selfId);
  // The chosen colleague stays listed (and selected) while the search looks for someone else.
  const options = chosen && !colleagues.some((u) => u.id === chosen.id) ? [chosen, ...colleagues] : colleagues;
  const settling = found.loading || text !== search.trim();

  let status: string;
  if (found.error) status = '';
  else if (settling && !found.data) status = t('common.loading');
  else if (!colleagues.length) status = text ? t('account.colleaguesNoMatch', { text }) : t('account.colleaguesNone');
  else if (found.data?.nextCursor) status = t('account.colleaguesMore', { count: colleagues.length });
  else status = t('account.colleaguesFound', { count: colleagues.length });

  // Enter in the search box would send the form: move on to the list instead.
  const toList = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' || (e.target as HTMLElement).id !== fieldId('substituteSearch')) return;
    e.preventDefault();
    document.getElementById(fieldId('substituteId'))?.focus();
  };

  return (
    <div className="colleague-picker" onKeyDown={toList} data-testid="colleague-picker">
      <div className="inline-form">
        <TextField
          path="substituteSearch"
          label={t('account.colleagueSearch')}
          hint={t('account.colleagueSearchHint')}
          value={search}
          onChange={setSearch}
          optional
          autoComplete="off"
          placeholder={t('account.colleagueSearchPlaceholder')}
        />
        <SelectField
          path="substituteId"
          label={t('account.substitute')}
          hint={t('account.substituteHint', { agency: agency.name })}
          value={chosen?.id ?? ''}
          onChange={(id) => onChoose(options.find((u) => u.id === id) ?? null)}
          options={options.map((u) => ({ value: u.id, label: t('account.colleagueOption', { name: u.fullName, email: u.email }) }))}
          placeholder={t('account.substitutePlaceholder')}
          error={error}
          required
        />
      </div>
      <p className="muted small colleague-picker-status" role="status" aria-live="polite">
        {status}
      </p>
      <ProblemAlert error={found.error} />
    </div>
  );
}

/** The caller's account: out-of-office substitutes (GET/POST/DELETE /me/substitutes). */
export function AccountPage() {
  const { t } = useTranslation();
  const session = useSession();
  const list = useAsync((signal) => api.get<SubstitutionList>('/me/substitutes', { signal }), []);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [chosen, setChosen] = useState<DirectoryUser | null>(null);
  const [pickerKey, setPickerKey] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');

  // Tasks go to agencies, so only an agency member has anyone to name (the api refuses the others).
  const agency = session?.user.agency ?? null;

  const form = useSubmit(
    () =>
      api.post(
        '/me/substitutes',
        { substituteId: draft.substituteId.trim(), startsOn: parseDisplayDate(draft.startsOn), endsOn: parseDisplayDate(draft.endsOn) },
        { idempotencyKey: newIdempotencyKey() },
      ),
    {
      validate: () => {
        setDone('');
        setError(null);
        const local: Record<string, string> = {};
        if (!draft.substituteId.trim()) local.substituteId = t('account.error.substitute');
        if (!parseDisplayDate(draft.startsOn)) local.startsOn = t('account.error.date');
        if (!parseDisplayDate(draft.endsOn)) local.endsOn = t('account.error.date');
        return local;
      },
      onSuccess: () => {
        setDone(t('account.added'));
        setDraft(EMPTY);
        setChosen(null);
        setPickerKey((k) => k + 1);
        list.reload();
      },
    },
  );

  async function revoke(s: Substitution) {
    if (!window.confirm(t('account.confirmRevoke', { name: s.substitute.fullName }))) return;
    setDone('');
    setError(null);
    form.clear();
    try {
      await api.delete(`/me/substitutes/${s.id}`);
      setDone(t('account.revoked'));
      list.reload();
    } catch (err) {
      setError(err as ApiError);
    }
  }

  const rows = (items: Substitution[], mine: boolean) => (
    <DataTable
      className="substitutes-table"
      caption={mine ? t('account.mineCaption') : t('account.actingForCaption')}
      empty={mine ? t('account.none') : undefined}
      rows={items}
      rowKey={(s) => s.id}
      rowProps={(s) => ({ 'data-substitution': s.id })}
      columns={[
        {
          header: mine ? t('account.col.substitute') : t('account.col.user'),
          cell: (s) => (mine ? s.substitute.fullName : s.user.fullName),
        },
        {
          header: t('account.col.period'),
          cell: (s) => (
            <>
              {formatDate(s.startsOn)} – {formatDate(s.endsOn)}
            </>
          ),
        },
        {
          header: t('account.col.status'),
          cell: (s) => <span className={`badge substitution-${s.status}`}>{t(`account.status.${s.status}`)}</span>,
        },
        mine && {
          header: t('account.col.actions'),
          cell: (s) =>
            s.status === 'ACTIVE' || s.status === 'SCHEDULED' ? (
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => void revoke(s)}
                aria-label={t('account.revokeFor', { name: s.substitute.fullName })}
              >
                {t('account.revoke')}
              </button>
            ) : null,
        },
      ]}
    />
  );

  return (
    <div className="page">
      <PageTitle title={t('account.title')}>{t('account.title')}</PageTitle>
      <section aria-labelledby="substitutes-title">
        <h2 id="substitutes-title">{t('account.substitutes')}</h2>
        <p>{t('account.substitutesNote')}</p>
        <AsyncStatus state={list} />
        {list.data ? rows(list.data.items, true) : null}
        {list.data?.actingFor.length ? rows(list.data.actingFor, false) : null}
      </section>
      {done ? <Alert kind="success">{done}</Alert> : null}
      <ProblemAlert error={form.error ?? error} />
      {agency ? (
        <form className="card" onSubmit={form.onSubmit} noValidate aria-labelledby="substitute-form-title">
          <h2 id="substitute-form-title">{t('account.addTitle')}</h2>
          <ColleaguePicker
            key={pickerKey}
            agency={agency}
            selfId={session?.user.id ?? ''}
            chosen={chosen}
            onChoose={(user) => {
              setChosen(user);
              setDraft({ ...draft, substituteId: user?.id ?? '' });
            }}
            error={form.fieldErrors.substituteId}
          />
          <div className="inline-form">
            <TextField
              path="startsOn"
              label={t('account.startsOn')}
              hint={t('account.dateHint')}
              value={draft.startsOn}
              onChange={(v) => setDraft({ ...draft, startsOn: v })}
              error={form.fieldErrors.startsOn}
              required
              placeholder="dd/mm/yyyy"
            />
            <TextField
              path="endsOn"
              label={t('account.endsOn')}
              hint={t('account.dateHint')}
              value={draft.endsOn}
              onChange={(v) => setDraft({ ...draft, endsOn: v })}
              error={form.fieldErrors.endsOn}
              required
              placeholder="dd/mm/yyyy"
            />
          </div>
          <button type="submit" className="button button-primary" disabled={form.busy}>
            {t('account.add')}
          </button>
        </form>
      ) : (
        <Alert kind="info">{t('account.noAgency')}</Alert>
      )}
    </div>
  );
}
