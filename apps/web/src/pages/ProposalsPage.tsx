import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { SelectField, TextField } from '../components/form';
import { Empty, Loading, PageTitle, ProblemAlert, StatusBadge } from '../components/ui';
import { hasRole, useSession } from '../auth/session';
import { PROPOSAL_STATUSES } from '../../../../libs/domain/src/proposal/proposal.types';
import { api, query } from '../lib/api';
import { formatDate } from '../lib/format';
import { agencyLabel, label } from '../lib/labels';
import { PROPOSAL_KINDS } from '../lib/proposal-schema';
import type { Page, ProposalSummary } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { useFilters } from '../lib/use-filters';

const AGENCIES = ['HT-SCT', 'HT-SGDDT', 'HT-SNGV', 'HT-STP', 'HT-BCHQS', 'HT-CA', 'HT-UBND'];

/** "My proposals" for a submitter (the api returns its agency's), every visible proposal for others; admins search. */
export function ProposalsPage({ admin = false }: { admin?: boolean }) {
  const { t } = useTranslation();
  const session = useSession();
  const [filters, set, search] = useFilters(['q', 'status', 'kind', 'agency'] as const);
  const submitter = hasRole(session?.user, 'SUBMITTER');
  const [q, setQ] = useState(filters.q);
  useEffect(() => setQ(filters.q), [filters.q]);
  const [extra, setExtra] = useState<ProposalSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);

  const page = useAsync((signal) => api.get<Page<ProposalSummary>>(`/proposals${query({ ...filters, limit: 50 })}`, { signal }), [search]);
  useEffect(() => {
    setExtra([]);
    setCursor(page.data?.nextCursor ?? null);
  }, [page.data]);

  async function loadMore() {
    if (!cursor) return;
    try {
      const more = await api.get<Page<ProposalSummary>>(`/proposals${query({ ...filters, limit: 50, cursor })}`);
      setExtra((x) => [...x, ...more.items]);
      setCursor(more.nextCursor);
    } catch (err) {
      setMoreError(err);
    }
  }

  const title = admin ? t('proposals.searchTitle') : submitter ? t('proposals.mineTitle') : t('proposals.allTitle');
  const items = [...(page.data?.items ?? []), ...extra];
  return (
    <div className="page">
      <div className="page-head">
        <PageTitle title={title}>{title}</PageTitle>
        {submitter ? (
          <Link className="button button-primary" to="/proposals/new">
            {t('nav.newProposal')}
          </Link>
        ) : null}
      </div>
      <form
        className="filters"
        role="search"
        aria-label={t('filters.label')}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          set('q', q.trim());
        }}
      >
        <TextField path="q" label={t('filters.q')} value={q} onChange={setQ} />
        <SelectField path="status" label={t('filters.status')} value={filters.status} onChange={(v) => set('status', v)} placeholder={t('filters.any')} options={PROPOSAL_STATUSES.map((s) => ({ value: s, label: label(t, 'status', s) }))} />
        <SelectField path="kind" label={t('filters.kind')} value={filters.kind} onChange={(v) => set('kind', v)} placeholder={t('filters.any')} options={PROPOSAL_KINDS.map((k) => ({ value: k, label: label(t, 'kind', k) }))} />
        {admin || !submitter ? (
          <SelectField path="agency" label={t('filters.agency')} value={filters.agency} onChange={(v) => set('agency', v)} placeholder={t('filters.any')} options={AGENCIES.map((a) => ({ value: a, label: agencyLabel(t, a) }))} />
        ) : null}
        <div className="filters-actions">
          <button type="submit" className="button button-secondary">
            {t('filters.search')}
          </button>
        </div>
      </form>
      <ProblemAlert error={page.error} />
      {page.loading && !page.data ? <Loading /> : null}
      {page.data && items.length === 0 ? <Empty>{t('proposals.none')}</Empty> : null}
      {items.length ? (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('proposals.col.reference')}</th>
                <th scope="col">{t('proposals.col.title')}</th>
                <th scope="col">{t('proposals.col.kind')}</th>
                {!submitter ? <th scope="col">{t('proposals.col.agency')}</th> : null}
                <th scope="col">{t('proposals.col.status')}</th>
                <th scope="col">{t('proposals.col.submitted')}</th>
                {admin ? <th scope="col">{t('proposals.col.history')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/proposals/${p.id}`}>{p.reference}</Link>
                  </td>
                  <td>{p.title}</td>
                  <td>{label(t, 'kind', p.kind)}</td>
                  {!submitter ? <td>{agencyLabel(t, p.submittingAgency.code, p.submittingAgency.name)}</td> : null}
                  <td>
                    <StatusBadge status={p.status} />
                  </td>
                  <td>{formatDate(p.createdAt)}</td>
                  {admin ? (
                    <td>
                      <Link to={`/admin/proposals/${p.id}/history`} aria-label={`${t('proposals.col.history')}: ${p.reference}`}>
                        {t('history.link')}
                      </Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ProblemAlert error={moreError as never} />
      {cursor ? (
        <button type="button" className="button button-secondary" onClick={() => void loadMore()}>
          {t('common.loadMore')}
        </button>
      ) : null}
    </div>
  );
}
