import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PagedTable } from '../components/PagedList';
import { DateTime, PageTitle } from '../components/ui';
import { PLAN_ITEM_STATUSES } from '../lib/plan-items';
import type { PlanSummary } from '../lib/types';
import { usePaged } from '../lib/use-paged';

/** Implementation plans (GET /plans) with their progress at a glance. */
export function PlansPage() {
  const { t } = useTranslation();
  // Every page, not only the first 50: keyset pages with "load more" (a 51st plan must be reachable).
  const plans = usePaged<PlanSummary>('/plans', { limit: 50 }, []);
  return (
    <div className="page">
      <PageTitle title={t('plans.title')}>{t('plans.title')}</PageTitle>
      <PagedTable
        list={plans}
        className="plans-table"
        caption={t('plans.title')}
        captionHidden
        empty={t('plans.none')}
        rowKey={(p) => p.id}
        columns={[
          {
            header: t('plans.col.title'),
            cell: (p) => (
              <>
                <Link to={`/plans/${p.id}`}>{p.title}</Link>
                {p.source ? <div className="hint">{p.source}</div> : null}
              </>
            ),
          },
          { header: t('plans.col.items'), cell: (p) => p.summary.items },
          {
            header: t('plans.col.progress'),
            cell: (p) => PLAN_ITEM_STATUSES.map((s) => `${t(`planStatus.${s}`)}: ${p.summary.byStatus[s] ?? 0}`).join(' · '),
          },
          {
            header: t('plans.col.overdue'),
            cell: (p) => (p.summary.overdue ? <span className="badge sla-OVERDUE">■ {p.summary.overdue}</span> : 0),
          },
          { header: t('plans.col.imported'), cell: (p) => <DateTime value={p.createdAt} /> },
        ]}
      />
    </div>
  );
}
