import { useTranslation } from 'react-i18next';
import { formatDate } from '../lib/format';
import type { ReportCycle } from '../lib/types';

/** How many agencies have reported, and how many are overdue. */
export function CycleProgress({ cycle }: { cycle: ReportCycle }) {
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
export function CyclePeriod({ cycle }: { cycle: ReportCycle }) {
  return (
    <>
      {formatDate(cycle.period.from)} – {formatDate(cycle.period.to)}
    </>
  );
}
