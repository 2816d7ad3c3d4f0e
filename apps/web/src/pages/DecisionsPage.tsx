import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { OpinionSummary } from '../components/OpinionSummary';
import { PagedList } from '../components/PagedList';
import { PageTitle, SlaBadge, StatusBadge } from '../components/ui';
import { api } from '../lib/api';
import { agencyLabel, label } from '../lib/labels';
import type { ProposalDetail, Task } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { usePaged } from '../lib/use-paged';

/** The leader's queue: each open DECISION with the opinions gathered so far, one row per consultee; every page of it. */
export function DecisionsPage() {
  const { t } = useTranslation();
  const queue = usePaged<Task>('/tasks', { kind: 'DECISION', status: 'OPEN', limit: 50 }, []);

  return (
    <div className="page">
      <PageTitle title={t('decisions.title')}>{t('decisions.title')}</PageTitle>
      <p className="lead">{t('decisions.intro')}</p>
      <PagedList list={queue} empty={t('decisions.none')}>
        {(tasks) => (
          <ul className="decision-queue">
            {tasks.map((task) => (
              <DecisionCard key={task.id} task={task} />
            ))}
          </ul>
        )}
      </PagedList>
    </div>
  );
}

/**
 * One decision with its proposal's opinions. The card appears once its proposal has loaded (or failed to: the
 * card then shows the task alone), so a leader never reads a half-filled summary.
 */
function DecisionCard({ task }: { task: Task }) {
  const { t } = useTranslation();
  const detail = useAsync(
    (signal) => api.get<ProposalDetail>(`/proposals/${task.proposalId}`, { signal }).catch(() => null),
    [task.proposalId],
  );
  if (detail.data === undefined) return null;
  const proposal = detail.data;
  return (
    <li className="card decision-card" aria-labelledby={`d-${task.id}`}>
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
  );
}
