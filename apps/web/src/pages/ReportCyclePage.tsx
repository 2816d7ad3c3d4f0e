import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { hasRole, useSession } from '../auth/session';
import { DataTable } from '../components/DataTable';
import { DocumentCard } from '../components/DocumentsSection';
import { CyclePeriod, CycleProgress } from '../components/ReportCycleFacts';
import { AsyncStatus } from '../components/AsyncStatus';
import { Alert, DateTime, PageTitle, ProblemAlert } from '../components/ui';
import { ApiError, api, download } from '../lib/api';
import { formatDate } from '../lib/format';
import { agencyLabel, label } from '../lib/labels';
import type { ReportCycleDetail } from '../lib/types';
import { useAsync } from '../lib/use-async';

/** One cycle: each agency's report, consolidation (HT-SNGV, ADMIN) and the DOCX/XLSX report (HT-SNGV, LEADER, ADMIN). */
export function ReportCyclePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const session = useSession();
  const user = session?.user;
  const cycle = useAsync((signal) => api.get<ReportCycleDetail>(`/report-cycles/${id}`, { signal }), [id]);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const c = cycle.data;
  const ofConsolidator = !!user?.agency && !!c && user.agency.code === c.consolidator.code;
  const mayConsolidate = hasRole(user, 'ADMIN') || ofConsolidator;
  const mayDownload = hasRole(user, 'ADMIN', 'LEADER') || user?.agency?.code === `${user?.province ?? 'HT'}-SNGV`;

  async function consolidate() {
    if (!window.confirm(t('cycles.confirmConsolidate'))) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/report-cycles/${id}/consolidate`);
      setDone(true);
      cycle.reload();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  async function get(format: 'docx' | 'xlsx') {
    setError(null);
    try {
      await download(`/report-cycles/${id}/report?format=${format}`, `bao-cao-${id}.${format}`);
    } catch (err) {
      setError(err as ApiError);
    }
  }

  return (
    <div className="page">
      <PageTitle title={c?.title ?? t('cycles.title')}>{c?.title ?? t('cycles.title')}</PageTitle>
      <p>
        <Link to="/report-cycles">← {t('cycles.back')}</Link>
      </p>
      <AsyncStatus state={cycle} />
      <ProblemAlert error={error} focus />
      {done ? <Alert kind="success">{t('cycles.consolidated')}</Alert> : null}
      {c ? (
        <>
          <dl className="meta-grid">
            <div>
              <dt>{t('cycles.col.period')}</dt>
              <dd>
                <CyclePeriod cycle={c} />
              </dd>
            </div>
            <div>
              <dt>{t('cycles.col.due')}</dt>
              <dd>{formatDate(c.dueOn)}</dd>
            </div>
            <div>
              <dt>{t('cycles.col.status')}</dt>
              <dd data-cycle-status={c.status}>{label(t, 'cycleStatus', c.status)}</dd>
            </div>
            <div>
              <dt>{t('cycles.consolidator')}</dt>
              <dd>{agencyLabel(t, c.consolidator.code, c.consolidator.name)}</dd>
            </div>
            <div>
              <dt>{t('cycles.col.progress')}</dt>
              <dd>
                <CycleProgress cycle={c} />
              </dd>
            </div>
          </dl>
          <div className="actions">
            {mayConsolidate && c.status !== 'CONSOLIDATED' ? (
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void consolidate()}>
                {t('cycles.consolidate')}
              </button>
            ) : null}{' '}
            {mayDownload ? (
              <>
                <button type="button" className="button button-secondary" onClick={() => void get('docx')}>
                  {t('cycles.downloadDocx')}
                </button>{' '}
                <button type="button" className="button button-secondary" onClick={() => void get('xlsx')}>
                  {t('cycles.downloadXlsx')}
                </button>
              </>
            ) : null}
          </div>
          {mayDownload && c.status !== 'CONSOLIDATED' ? <p className="hint">{t('cycles.draftNote')}</p> : null}
          {c.officialDocuments?.length ? (
            <section aria-labelledby="cycle-documents-title" className="documents">
              <h2 id="cycle-documents-title">{t('documents.title')}</h2>
              {c.officialDocuments.map((doc) => (
                <DocumentCard key={doc.id} doc={doc} onChange={cycle.reload} />
              ))}
            </section>
          ) : null}
          <DataTable
            caption={t('cycles.reports')}
            rows={c.reports}
            rowKey={(r) => r.taskId}
            rowProps={(r) => ({ className: r.status === 'OPEN' && r.sla === 'OVERDUE' ? 'row-overdue' : undefined })}
            columns={[
              { header: t('cycles.col.agency'), cell: (r) => agencyLabel(t, r.agency.code, r.agency.name) },
              {
                header: t('cycles.col.reportStatus'),
                cell: (r) => (
                  <>
                    {label(t, 'reportStatus', r.status)}
                    {r.status === 'OPEN' || r.late ? (
                      <>
                        {' '}
                        <span className={`badge sla-${r.sla}`}>{label(t, 'sla', r.sla)}</span>
                      </>
                    ) : null}
                  </>
                ),
              },
              { header: t('cycles.col.due'), cell: (r) => formatDate(r.dueAt) },
              {
                header: t('cycles.col.submitted'),
                cell: (r) =>
                  r.submittedAt ? (
                    <>
                      <DateTime value={r.submittedAt} />
                      {r.submittedBy ? ` — ${r.submittedBy.fullName}` : ''}
                    </>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </>
      ) : null}
    </div>
  );
}
