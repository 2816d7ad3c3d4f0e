import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PagedTable } from '../components/PagedList';
import { CyclePeriod, CycleProgress } from '../components/ReportCycleFacts';
import { PageTitle } from '../components/ui';
import { formatDate } from '../lib/format';
import { label } from '../lib/labels';
import type { ReportCycle } from '../lib/types';
import { usePaged } from '../lib/use-paged';

/** Periodic reporting cycles (GET /report-cycles) with how many agencies have reported. */
export function ReportCyclesPage() {
  const { t } = useTranslation();
  // Every page, not only the first 50: keyset pages with "load more" (a 51st cycle must be reachable).
  const cycles = usePaged<ReportCycle>('/report-cycles', { limit: 50 }, []);
  return (
    <div className="page">
      <PageTitle title={t('cycles.title')}>{t('cycles.title')}</PageTitle>
      <PagedTable
        list={cycles}
        caption={t('cycles.title')}
        captionHidden
        empty={t('cycles.none')}
        rowKey={(c) => c.id}
        columns={[
          { header: t('cycles.col.title'), cell: (c) => <Link to={`/report-cycles/${c.id}`}>{c.title}</Link> },
          { header: t('cycles.col.period'), cell: (c) => <CyclePeriod cycle={c} /> },
          { header: t('cycles.col.due'), cell: (c) => formatDate(c.dueOn) },
          { header: t('cycles.col.status'), cell: (c) => label(t, 'cycleStatus', c.status) },
          { header: t('cycles.col.progress'), cell: (c) => <CycleProgress cycle={c} /> },
        ]}
      />
    </div>
  );
}
