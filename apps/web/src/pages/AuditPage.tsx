import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PagedTable } from '../components/PagedList';
import { Alert, DateTime, PageTitle } from '../components/ui';
import { AsyncStatus } from '../components/AsyncStatus';
import { api } from '../lib/api';
import { label } from '../lib/labels';
import type { AuditEvent, AuditVerify } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { usePaged } from '../lib/use-paged';

/** Admin/auditor: whether the hash-chained audit log is intact (GET /audit/verify), and its entries. */
export function AuditPage() {
  const { t } = useTranslation();
  const verify = useAsync((signal) => api.get<AuditVerify>('/audit/verify', { signal }), []);
  const events = usePaged<AuditEvent>('/audit', { limit: 50 }, []);
  return (
    <div className="page">
      <PageTitle title={t('audit.title')}>{t('audit.title')}</PageTitle>
      <section aria-labelledby="verify-title" className="card">
        <h2 id="verify-title">{t('audit.verifyTitle')}</h2>
        <AsyncStatus state={{ ...verify, loaded: !verify.loading }} />
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
                {verify.data.brokenAt === undefined && verify.data.checkpoint?.ok === false
                  ? t('audit.cut', { seq: verify.data.checkpoint.seq })
                  : t('audit.broken', { seq: verify.data.brokenAt ?? '?' })}
              </strong>{' '}
              {t('audit.checked', { count: verify.data.checked })}
            </Alert>
          )
        ) : null}
        {verify.data && !verify.loading && verify.data.checkpoint !== undefined ? (
          <p className="verify-checkpoint">
            {verify.data.checkpoint ? (
              <>
                {t('audit.checkpoint', { seq: verify.data.checkpoint.seq })} <DateTime value={verify.data.checkpoint.at} />.
              </>
            ) : (
              t('audit.noCheckpoint')
            )}
          </p>
        ) : null}
        <button type="button" className="button button-secondary" onClick={verify.reload} disabled={verify.loading}>
          {t('audit.verifyAgain')}
        </button>
      </section>
      <section aria-labelledby="events-title">
        <h2 id="events-title">{t('audit.events')}</h2>
        <PagedTable
          list={events}
          caption={t('audit.events')}
          captionHidden
          rowKey={(e) => e.seq}
          columns={[
            { header: '#', cell: (e) => e.seq },
            { header: t('audit.col.at'), cell: (e) => <DateTime value={e.at} /> },
            { header: t('audit.col.actor'), cell: (e) => (e.actor.type === 'SYSTEM' ? t('timeline.system') : e.actor.name) },
            { header: t('audit.col.action'), cell: (e) => label(t, 'event', e.action) },
            {
              header: t('audit.col.proposal'),
              cell: (e) => (e.proposalId ? <Link to={`/proposals/${e.proposalId}`}>{t('audit.openProposal')}</Link> : '—'),
            },
            { header: t('audit.col.hash'), cell: (e) => <code title={e.hash}>{e.hash.slice(0, 12)}…</code> },
          ]}
        />
      </section>
    </div>
  );
}
