import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { SelectField } from '../components/form';
import { PagedTable } from '../components/PagedList';
import { SearchForm } from '../components/SearchForm';
import { PageTitle, StatusBadge } from '../components/ui';
import { hasRole, useSession } from '../auth/session';
import { PROPOSAL_STATUSES } from '@accord/domain/proposal/proposal.types';
import { formatDate } from '../lib/format';
import { agencyLabel, label } from '../lib/labels';
import { PROPOSAL_KINDS } from '../lib/proposal-schema';
import type { ProposalSummary } from '../lib/types';
import { useFilters } from '../lib/use-filters';
import { usePaged } from '../lib/use-paged';

/** The agencies to filter by, as units of the caller's province (HT-SCT in Hà Tĩnh, DN-SCT in Đồng Nai). */
const AGENCY_UNITS = ['SCT', 'SGDDT', 'SNGV', 'STP', 'BCHQS', 'CA', 'UBND'];

/** "My proposals" for a submitter (the api returns its agency's), every visible proposal for others; admins search. */
export function ProposalsPage({ admin = false }: { admin?: boolean }) {
  const { t } = useTranslation();
  const session = useSession();
  const [filters, set, search] = useFilters(['q', 'status', 'kind', 'agency'] as const);
  const submitter = hasRole(session?.user, 'SUBMITTER');
  const proposals = usePaged<ProposalSummary>('/proposals', { ...filters, limit: 50 }, [search]);

  const title = admin ? t('proposals.searchTitle') : submitter ? t('proposals.mineTitle') : t('proposals.allTitle');
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
      <SearchForm query={filters.q} onSearch={(q) => set('q', q)} label={t('filters.q')}>
        <SelectField
          path="status"
          label={t('filters.status')}
          value={filters.status}
          onChange={(v) => set('status', v)}
          placeholder={t('filters.any')}
          options={PROPOSAL_STATUSES.map((s) => ({ value: s, label: label(t, 'status', s) }))}
        />
        <SelectField
          path="kind"
          label={t('filters.kind')}
          value={filters.kind}
          onChange={(v) => set('kind', v)}
          placeholder={t('filters.any')}
          options={PROPOSAL_KINDS.map((k) => ({ value: k, label: label(t, 'kind', k) }))}
        />
        {admin || !submitter ? (
          <SelectField
            path="agency"
            label={t('filters.agency')}
            value={filters.agency}
            onChange={(v) => set('agency', v)}
            placeholder={t('filters.any')}
            options={AGENCY_UNITS.map((u) => `${session?.user.province ?? 'HT'}-${u}`).map((a) => ({ value: a, label: agencyLabel(t, a) }))}
          />
        ) : null}
      </SearchForm>
      <PagedTable
        list={proposals}
        caption={title}
        captionHidden
        empty={t('proposals.none')}
        rowKey={(p) => p.id}
        columns={[
          { header: t('proposals.col.reference'), cell: (p) => <Link to={`/proposals/${p.id}`}>{p.reference}</Link> },
          { header: t('proposals.col.title'), cell: (p) => p.title },
          { header: t('proposals.col.kind'), cell: (p) => label(t, 'kind', p.kind) },
          !submitter && {
            header: t('proposals.col.agency'),
            cell: (p) => agencyLabel(t, p.submittingAgency.code, p.submittingAgency.name),
          },
          { header: t('proposals.col.status'), cell: (p) => <StatusBadge status={p.status} /> },
          { header: t('proposals.col.submitted'), cell: (p) => formatDate(p.createdAt) },
          admin && {
            header: t('proposals.col.history'),
            cell: (p) => (
              <Link to={`/admin/proposals/${p.id}/history`}>
                {t('history.link')}
                <span className="visually-hidden">: {p.reference}</span>
              </Link>
            ),
          },
        ]}
      />
    </div>
  );
}
