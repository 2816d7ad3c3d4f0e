import { useTranslation } from 'react-i18next';
import { consulteeLabel, label } from '../lib/labels';
import { latestOpinions } from '../lib/opinions';
import type { Decision, DecisionRecord, Task } from '../lib/types';
import { DataTable } from './DataTable';
import { DateTime, Empty } from './ui';

const NEGATIVE: readonly Decision[] = ['DISAGREE', 'NOT_CONFORMS', 'REFUSE'];
const POSITIVE: readonly Decision[] = ['AGREE', 'CONFORMS', 'CONSENT'];

/** The opinions a leader weighs before deciding, one row per consultee, disagreements flagged. */
export function OpinionSummary({
  tasks,
  decisions,
  headingLevel = 2,
}: {
  tasks: Task[];
  decisions: DecisionRecord[];
  headingLevel?: 2 | 3;
}) {
  const { t } = useTranslation();
  const rows = latestOpinions(tasks, decisions);
  const H = `h${headingLevel}` as 'h2' | 'h3';
  const counts = {
    agree: rows.filter((r) => POSITIVE.includes(r.decision.decision)).length,
    comments: rows.filter((r) => r.decision.decision === 'AGREE_WITH_COMMENTS').length,
    against: rows.filter((r) => NEGATIVE.includes(r.decision.decision)).length,
  };
  return (
    <section className="opinions">
      <H>{t('opinions.title')}</H>
      {rows.length === 0 ? (
        <Empty>{t('opinions.none')}</Empty>
      ) : (
        <>
          <p className="opinion-counts">{t('opinions.counts', counts)}</p>
          {rows.some((r) => r.decision.decision === 'DISAGREE') ? (
            <p className="alert alert-warning">{t('opinions.pmConsentNeeded')}</p>
          ) : null}
          <DataTable
            caption={t('opinions.title')}
            captionHidden
            rows={rows}
            rowKey={({ task }) => task.id}
            rowProps={({ decision }) => ({ className: NEGATIVE.includes(decision.decision) ? 'row-negative' : undefined })}
            columns={[
              { header: t('opinions.col.consultee'), cell: ({ task }) => consulteeLabel(t, task), rowHeader: true },
              { header: t('opinions.col.kind'), cell: ({ task }) => label(t, 'taskKind', task.kind) },
              {
                header: t('opinions.col.opinion'),
                cell: ({ decision }) => (
                  <span className={`badge decision decision-${decision.decision}`}>{label(t, 'decision', decision.decision)}</span>
                ),
              },
              { header: t('opinions.col.comment'), cell: ({ decision }) => decision.comment ?? '—', className: 'prewrap' },
              {
                header: t('opinions.col.by'),
                cell: ({ decision }) => (
                  <>
                    {decision.decidedBy?.fullName}
                    {decision.onBehalfOf ? (
                      <div className="small">{t('timeline.onBehalfOf', { name: decision.onBehalfOf.fullName })}</div>
                    ) : null}
                    <div className="muted small">
                      <DateTime value={decision.decidedAt} />
                    </div>
                  </>
                ),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}
