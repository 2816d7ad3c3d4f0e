import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Alert, DateTime, Loading, PageTitle, ProblemAlert } from '../components/ui';
import { ApiError, api, query } from '../lib/api';
import { label } from '../lib/labels';
import type { AuditEvent, AuditVerify, Page } from '../lib/types';
import { useAsync } from '../lib/use-async';

/** Admin/auditor: whether the hash-chained audit log is intact (GET /audit/verify), and its entries. */
export function AuditPage() {
  const { t } = useTranslation();
  const verify = useAsync((signal) => api.get<AuditVerify>('/audit/verify', { signal }), []);
  const events = useAsync((signal) => api.get<Page<AuditEvent>>('/audit?limit=50', { signal }), []);
  const [extra, setExtra] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  useEffect(() => {
    setExtra([]);
    setCursor(events.data?.nextCursor ?? null);
  }, [events.data]);

  async function loadMore() {
    if (!cursor) return;
    try {
      const more = await api.get<Page<AuditEvent>>(`/audit${query({ limit: 50, cursor })}`);
      setExtra((x) => [...x, ...more.items]);
      setCursor(more.nextCursor);
    } catch (err) {
      setMoreError(err as ApiError);
    }
  }

  const rows = [...(events.data?.items ?? []), ...extra];
  return (
    <div className="page">
      <PageTitle title={t('audit.title')}>{t('audit.title')}</PageTitle>
      <section aria-labelledby="verify-title" className="card">
        <h2 id="verify-title">{t('audit.verifyTitle')}</h2>
        <ProblemAlert error={verify.error} />
        {verify.loading ? <Loading /> : null}
        {verify.data && !verify.loading ? (
          verify.data.ok ? (
            <Alert kind="success">
              <strong className="verify-status" data-ok="true">
                {t('audit.ok')}
              </strong>{' '}
              {t('audit.checked', { count: verify.data.checked })}
            </Alert>
          ) : (
            <Alert kind="error">
              <strong className="verify-status" data-ok="false">
                {t('audit.broken', { seq: verify.data.brokenAt ?? '?' })}
              </strong>{' '}
              {t('audit.checked', { count: verify.data.checked })}
            </Alert>
          )
        ) : null}
        <button type="button" className="button button-secondary" onClick={verify.reload} disabled={verify.loading}>
          {t('audit.verifyAgain')}
        </button>
      </section>
      <section aria-labelledby="events-title">
        <h2 id="events-title">{t('audit.events')}</h2>
        <ProblemAlert error={events.error} />
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('audit.events')}</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('audit.col.at')}</th>
                <th scope="col">{t('audit.col.actor')}</th>
                <th scope="col">{t('audit.col.action')}</th>
                <th scope="col">{t('audit.col.proposal')}</th>
                <th scope="col">{t('audit.col.hash')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.seq}>
                  <td>{e.seq}</td>
                  <td>
                    <DateTime value={e.at} />
                  </td>
                  <td>{e.actor.type === 'SYSTEM' ? t('timeline.system') : e.actor.name}</td>
                  <td>{label(t, 'event', e.action)}</td>
                  <td>{e.proposalId ? <Link to={`/proposals/${e.proposalId}`}>{t('audit.openProposal')}</Link> : '—'}</td>
                  <td>
                    <code title={e.hash}>{e.hash.slice(0, 12)}…</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <ProblemAlert error={moreError} />
        {cursor ? (
          <button type="button" className="button button-secondary" onClick={() => void loadMore()}>
            {t('common.loadMore')}
          </button>
        ) : null}
      </section>
    </div>
  );
}
