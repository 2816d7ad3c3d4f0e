import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { hasRole, useSession } from '../auth/session';
import { PagedTable } from '../components/PagedList';
import { Alert, DateTime, PageTitle, ProblemAlert } from '../components/ui';
import { ApiError, api } from '../lib/api';
import type { Incident } from '../lib/types';
import { usePaged } from '../lib/use-paged';

/**
 * Administrators and auditors: workflow steps that keep failing on the same input and wait for an administrator
 * (GET /admin/incidents). An administrator retries one once its cause is fixed; the retry is audited.
 */
export function IncidentsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const canRetry = hasRole(session?.user, 'ADMIN');
  const [status, setStatus] = useState<'' | Incident['status']>('');
  const incidents = usePaged<Incident>('/admin/incidents', { limit: 50, status: status || undefined }, [status]);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function retry(incident: Incident) {
    setBusy(incident.id);
    setError(null);
    setDone(null);
    try {
      await api.post(`/admin/incidents/${incident.id}/retry`, {});
      setDone(incident.proposal?.reference ?? incident.id);
      incidents.reload();
    } catch (err) {
      setError(err instanceof ApiError ? err : null);
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="page">
      <PageTitle title={t('incidents.title')}>{t('incidents.title')}</PageTitle>
      <p>{t('incidents.intro')}</p>
      <label className="field-inline">
        {t('incidents.filter')}{' '}
        <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)}>
          <option value="">{t('incidents.filterUnresolved')}</option>
          {(['OPEN', 'RETRYING', 'RESOLVED'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`incidents.status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <ProblemAlert error={error} focus />
      {done ? (
        <Alert kind="success" focus>
          {t('incidents.retried', { reference: done })}
        </Alert>
      ) : null}
      <PagedTable
        list={incidents}
        empty={t('incidents.none')}
        caption={t('incidents.title')}
        captionHidden
        rowKey={(i) => i.id}
        columns={[
          { header: t('incidents.col.opened'), cell: (i) => <DateTime value={i.openedAt} /> },
          {
            header: t('incidents.col.proposal'),
            cell: (i) => (i.proposal ? <Link to={`/proposals/${i.proposal.id}`}>{i.proposal.reference}</Link> : '—'),
          },
          {
            header: t('incidents.col.step'),
            cell: (i) =>
              `#${i.step.seq} ${t(`event.${i.step.action}`, { defaultValue: i.step.action })} → ${t(`status.${i.step.status}`, { defaultValue: i.step.status })}`,
          },
          { header: t('incidents.col.error'), cell: (i) => <code className="incident-error">{i.error.message}</code> },
          {
            header: t('incidents.col.status'),
            cell: (i) =>
              `${t(`incidents.status.${i.status}`)}${i.retryCount ? ` (${t('incidents.retries', { count: i.retryCount })})` : ''}`,
          },
          {
            header: t('incidents.col.actions'),
            cell: (i) =>
              canRetry && i.status === 'OPEN' ? (
                <button type="button" className="button button-secondary" disabled={busy === i.id} onClick={() => void retry(i)}>
                  {busy === i.id ? t('common.working') : t('incidents.retry')}
                </button>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </div>
  );
}
