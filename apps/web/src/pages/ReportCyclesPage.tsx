import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { hasRole, useSession } from '../auth/session';
import { DataTable } from '../components/DataTable';
import { LoadMore } from '../components/LoadMore';
import { Alert, DateTime, Loading, PageTitle, ProblemAlert } from '../components/ui';
import { ApiError, api, download } from '../lib/api';
import { formatDate } from '../lib/format';
import { agencyLabel, label } from '../lib/labels';
import type { ReportCycle, ReportCycleDetail } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { usePaged } from '../lib/use-paged';

function Progress({ cycle }: { cycle: ReportCycle }) {
  const { t } = useTranslation();
  const p = cycle.progress;
  return (
    <span>
      {t('cycles.progress', { submitted: p.submitted, total: p.total })}
      {p.overdue ? (
        <>
          {' '}
          <span className="badge sla-OVERDUE">■ {t('cycles.overdueCount', { count: p.overdue })}</span>
        </>
      ) : null}
    </span>
  );
}

/** A cycle's period, "from – to". */
function Period({ cycle }: { cycle: ReportCycle }) {
  return (
    <>
      {formatDate(cycle.period.from)} – {formatDate(cycle.period.to)}
    </>
  );
}

/** Periodic reporting cycles (GET /report-cycles) with how many agencies have reported. */
export function ReportCyclesPage() {
  const { t } = useTranslation();
  // Every page, not only the first 50: keyset pages with "load more" (a 51st cycle must be reachable).
  const cycles = usePaged<ReportCycle>('/report-cycles', { limit: 50 }, []);
  return (
    <div className="page">
      <PageTitle title={t('cycles.title')}>{t('cycles.title')}</PageTitle>
      <ProblemAlert error={cycles.error} />
      {cycles.loading && !cycles.loaded ? <Loading /> : null}
      {cycles.loaded ? (
        <DataTable
          caption={t('cycles.title')}
          captionHidden
          empty={t('cycles.none')}
          rows={cycles.items}
          rowKey={(c) => c.id}
          columns={[
            { header: t('cycles.col.title'), cell: (c) => <Link to={`/report-cycles/${c.id}`}>{c.title}</Link> },
            { header: t('cycles.col.period'), cell: (c) => <Period cycle={c} /> },
            { header: t('cycles.col.due'), cell: (c) => formatDate(c.dueOn) },
            { header: t('cycles.col.status'), cell: (c) => label(t, 'cycleStatus', c.status) },
            { header: t('cycles.col.progress'), cell: (c) => <Progress cycle={c} /> },
          ]}
        />
      ) : null}
      <LoadMore list={cycles} />
    </div>
  );
}

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
  const mayDownload = hasRole(user, 'ADMIN', 'LEADER') || user?.agency?.code === 'HT-SNGV';

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
      <ProblemAlert error={cycle.error} />
      <ProblemAlert error={error} focus />
      {done ? <Alert kind="success">{t('cycles.consolidated')}</Alert> : null}
      {cycle.loading && !c ? <Loading /> : null}
      {c ? (
        <>
          <dl className="meta-grid">
            <div>
              <dt>{t('cycles.col.period')}</dt>
              <dd>
                <Period cycle={c} />
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
                <Progress cycle={c} />
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
