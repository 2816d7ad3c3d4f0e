import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { TextField } from '../components/form';
import { Alert, Empty, Loading, PageTitle, ProblemAlert } from '../components/ui';
import { ApiError, api, newIdempotencyKey } from '../lib/api';
import { formatDate, parseDisplayDate } from '../lib/format';
import { useAsync } from '../lib/use-async';

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

/** The caller's account: out-of-office substitutes (GET/POST/DELETE /me/substitutes). */
export function AccountPage() {
  const { t } = useTranslation();
  const session = useSession();
  const list = useAsync((signal) => api.get<SubstitutionList>('/me/substitutes', { signal }), []);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);

  // There is no users endpoint: the colleagues we can offer are those the api already named to this user
  // (earlier substitutes, and the people this user stands in for); anyone else is entered by user id.
  const known = new Map<string, string>();
  for (const s of list.data?.items ?? []) known.set(s.substitute.id, s.substitute.fullName);
  for (const s of list.data?.actingFor ?? []) known.set(s.user.id, s.user.fullName);
  known.delete(session?.user.id ?? '');

  async function add(e: FormEvent) {
    e.preventDefault();
    setDone('');
    setError(null);
    const startsOn = parseDisplayDate(draft.startsOn);
    const endsOn = parseDisplayDate(draft.endsOn);
    const local: Record<string, string> = {};
    if (!draft.substituteId.trim()) local.substituteId = t('validation.required');
    if (!startsOn) local.startsOn = t('account.error.date');
    if (!endsOn) local.endsOn = t('account.error.date');
    setErrors(local);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await api.post('/me/substitutes', { substituteId: draft.substituteId.trim(), startsOn, endsOn }, { idempotencyKey: newIdempotencyKey() });
      setDone(t('account.added'));
      setDraft(EMPTY);
      list.reload();
    } catch (err) {
      const apiErr = err as ApiError;
      if (apiErr.fieldErrors?.length) setErrors(Object.fromEntries(apiErr.fieldErrors.map((f) => [f.field, f.message])));
      setError(apiErr);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(s: Substitution) {
    if (!window.confirm(t('account.confirmRevoke', { name: s.substitute.fullName }))) return;
    setDone('');
    setError(null);
    try {
      await api.delete(`/me/substitutes/${s.id}`);
      setDone(t('account.revoked'));
      list.reload();
    } catch (err) {
      setError(err as ApiError);
    }
  }

  const rows = (items: Substitution[], mine: boolean) => (
    <div className="table-wrap">
      <table className="table substitutes-table">
        <caption>{mine ? t('account.mineCaption') : t('account.actingForCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{mine ? t('account.col.substitute') : t('account.col.user')}</th>
            <th scope="col">{t('account.col.period')}</th>
            <th scope="col">{t('account.col.status')}</th>
            {mine ? <th scope="col">{t('account.col.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {items.map((s) => (
            <tr key={s.id} data-substitution={s.id}>
              <td>{mine ? s.substitute.fullName : s.user.fullName}</td>
              <td>
                {formatDate(s.startsOn)} – {formatDate(s.endsOn)}
              </td>
              <td>
                <span className={`badge substitution-${s.status}`}>{t(`account.status.${s.status}`)}</span>
              </td>
              {mine ? (
                <td>
                  {s.status === 'ACTIVE' || s.status === 'SCHEDULED' ? (
                    <button type="button" className="button button-secondary button-small" onClick={() => void revoke(s)} aria-label={t('account.revokeFor', { name: s.substitute.fullName })}>
                      {t('account.revoke')}
                    </button>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

  return (
    <div className="page">
      <PageTitle title={t('account.title')}>{t('account.title')}</PageTitle>
      <section aria-labelledby="substitutes-title">
        <h2 id="substitutes-title">{t('account.substitutes')}</h2>
        <p>{t('account.substitutesNote')}</p>
        <ProblemAlert error={list.error} />
        {list.loading && !list.data ? <Loading /> : null}
        {list.data ? (list.data.items.length ? rows(list.data.items, true) : <Empty>{t('account.none')}</Empty>) : null}
        {list.data?.actingFor.length ? rows(list.data.actingFor, false) : null}
      </section>
      {done ? <Alert kind="success">{done}</Alert> : null}
      <ProblemAlert error={error} />
      <form className="card" onSubmit={(e) => void add(e)} noValidate aria-labelledby="substitute-form-title">
        <h2 id="substitute-form-title">{t('account.addTitle')}</h2>
        <div className="inline-form">
          <TextField
            path="substituteId"
            label={t('account.substituteId')}
            hint={t('account.substituteIdHint', { id: session?.user.id ?? '' })}
            value={draft.substituteId}
            onChange={(v) => setDraft({ ...draft, substituteId: v })}
            error={errors.substituteId}
            required
            autoComplete="off"
          />
          <TextField path="startsOn" label={t('account.startsOn')} hint={t('account.dateHint')} value={draft.startsOn} onChange={(v) => setDraft({ ...draft, startsOn: v })} error={errors.startsOn} required placeholder="dd/mm/yyyy" />
          <TextField path="endsOn" label={t('account.endsOn')} hint={t('account.dateHint')} value={draft.endsOn} onChange={(v) => setDraft({ ...draft, endsOn: v })} error={errors.endsOn} required placeholder="dd/mm/yyyy" />
        </div>
        {known.size ? (
          <p className="muted">
            {t('account.known')}{' '}
            {[...known].map(([id, name]) => (
              <button key={id} type="button" className="link-button" onClick={() => setDraft({ ...draft, substituteId: id })}>
                {name}
              </button>
            ))}
          </p>
        ) : null}
        <button type="submit" className="button button-primary" disabled={busy}>
          {t('account.add')}
        </button>
      </form>
    </div>
  );
}
