import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { DataTable } from '../components/DataTable';
import { PageTitle } from '../components/ui';
import { AsyncStatus } from '../components/AsyncStatus';
import { api } from '../lib/api';
import { formatDateTime } from '../lib/format';
import type { ProposalDetail, WorkflowHistory } from '../lib/types';
import { useAsync } from '../lib/use-async';

function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

/** Admin/auditor: the proposal's Temporal event history (GET /admin/proposals/:id/history). */
export function HistoryPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const history = useAsync((signal) => api.get<WorkflowHistory>(`/admin/proposals/${id}/history`, { signal }), [id]);
  const proposal = useAsync((signal) => api.get<ProposalDetail>(`/proposals/${id}`, { signal }), [id]);
  const title = t('history.title');
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/admin/proposals">{t('proposal.back')}</Link>
      </p>
      <PageTitle title={title}>
        {title} {proposal.data ? <span className="reference">{proposal.data.reference}</span> : null}
      </PageTitle>
      {proposal.data ? (
        <p className="lead">
          <Link to={`/proposals/${id}`}>{proposal.data.title}</Link>
        </p>
      ) : null}
      <AsyncStatus state={history} focus />
      {history.data ? (
        <>
          <dl className="meta-grid">
            <div>
              <dt>{t('history.workflowId')}</dt>
              <dd>
                <code>{history.data.workflowId}</code>
              </dd>
            </div>
            <div>
              <dt>{t('history.runId')}</dt>
              <dd>
                <code>{history.data.runId}</code>
              </dd>
            </div>
            {history.data.status ? (
              <div>
                <dt>{t('history.status')}</dt>
                <dd>{history.data.status}</dd>
              </div>
            ) : null}
            <div>
              <dt>{t('history.count')}</dt>
              <dd>{history.data.events.length}</dd>
            </div>
          </dl>
          <DataTable
            className="history-table"
            caption={title}
            captionHidden
            rows={history.data.events}
            rowKey={(e) => e.eventId}
            rowProps={(e) => ({ className: `event-${e.type}` })}
            columns={[
              { header: '#', cell: (e) => e.eventId },
              { header: t('history.col.type'), cell: (e) => <code>{e.type}</code> },
              { header: t('history.col.time'), cell: (e) => (e.time ? <time dateTime={e.time}>{formatDateTime(e.time)}</time> : null) },
              { header: t('history.col.details'), cell: (e) => detailsText(e.details), className: 'small' },
            ]}
          />
        </>
      ) : null}
    </div>
  );
}
