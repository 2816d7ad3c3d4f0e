import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Empty, PageTitle, SlaBadge, StatusBadge } from '../components/ui';
import { AsyncStatus } from '../components/AsyncStatus';
import { OpinionSummary } from '../components/OpinionSummary';
import { api } from '../lib/api';
import { agencyLabel, label } from '../lib/labels';
import type { Page, ProposalDetail, Task } from '../lib/types';
import { useAsync } from '../lib/use-async';

/** The leader's queue: each open DECISION with the opinions gathered so far, one row per consultee. */
export function DecisionsPage() {
  const { t } = useTranslation();
  const queue = useAsync(async (signal) => {
    const page = await api.get<Page<Task>>('/tasks?kind=DECISION&status=OPEN&limit=100', { signal });
    const details = await Promise.all(page.items.map((task) => api.get<ProposalDetail>(`/proposals/${task.proposalId}`, { signal }).catch(() => null)));
    return page.items.map((task, i) => ({ task, proposal: details[i] }));
  }, []);

  return (
    <div className="page">
      <PageTitle title={t('decisions.title')}>{t('decisions.title')}</PageTitle>
      <p className="lead">{t('decisions.intro')}</p>
      <AsyncStatus state={queue} />
      {queue.data && queue.data.length === 0 ? <Empty>{t('decisions.none')}</Empty> : null}
      <ul className="decision-queue">
        {queue.data?.map(({ task, proposal }) => (
          <li key={task.id} className="card decision-card" aria-labelledby={`d-${task.id}`}>
            <div className="card-head">
              <div>
                <p className="eyebrow">
                  <span className="reference">{task.proposalReference}</span>
                  {proposal ? (
                    <>
                      {' '}
                      · {label(t, 'kind', proposal.kind)} · {agencyLabel(t, proposal.submittingAgency.code, proposal.submittingAgency.name)}
                    </>
                  ) : null}
                </p>
                <h2 id={`d-${task.id}`}>{task.proposalTitle}</h2>
              </div>
              <div className="card-side">
                <SlaBadge task={task} />
                {proposal ? <StatusBadge status={proposal.status} /> : null}
              </div>
            </div>
            {proposal ? <OpinionSummary tasks={proposal.tasks} decisions={proposal.decisions} headingLevel={3} /> : null}
            <p>
              <Link className="button button-primary" to={`/tasks/${task.id}`} aria-label={`${t('decisions.open')}: ${task.proposalReference}`}>
                {t('decisions.open')}
              </Link>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
