import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { TextField } from '../components/form';
import { Alert, DateTime, PageTitle, ProblemAlert, StatusBadge } from '../components/ui';
import { AsyncStatus } from '../components/AsyncStatus';
import { DossierChanges } from '../components/DossierChanges';
import { DocumentsSection } from '../components/DocumentsSection';
import { DossierView } from '../components/DossierView';
import { OpinionSummary } from '../components/OpinionSummary';
import { PlanView } from '../components/PlanView';
import { TaskTable } from '../components/TaskTable';
import { Timeline } from '../components/Timeline';
import { hasRole, useSession } from '../auth/session';
import { DECIDED_STATUSES } from '@accord/domain/proposal/proposal.types';
import { api } from '../lib/api';
import { agencyLabel, label } from '../lib/labels';
import type { Kind } from '../lib/proposal-schema';
import type { ProposalDetail, TimelineEvent } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { useSubmit } from '../lib/use-submit';

export function ProposalPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const created = (location.state as { created?: string } | null)?.created;
  const detail = useAsync((signal) => api.get<ProposalDetail>(`/proposals/${id}`, { signal }), [id]);
  const timeline = useAsync((signal) => api.get<{ events: TimelineEvent[] }>(`/proposals/${id}/timeline`, { signal }), [id]);
  const [reason, setReason] = useState('');
  const withdraw = useSubmit(() => api.post(`/proposals/${id}/withdraw`, { reason: reason.trim() }), {
    validate: () => (reason.trim() ? {} : { reason: t('validation.required') }),
    onSuccess: () => {
      detail.reload();
      timeline.reload();
    },
  });

  if (!detail.data) return <AsyncStatus state={detail} focus />;
  const p = detail.data;
  const user = session?.user;
  const ownAgency = user?.agency?.code === p.submittingAgency.code;
  const openTasks = p.tasks.filter((task) => task.status === 'OPEN');
  const doneTasks = p.tasks.filter((task) => task.status !== 'OPEN');
  const latest = p.dossierVersions[p.dossierVersions.length - 1];
  const canWithdraw = ownAgency && hasRole(user, 'SUBMITTER') && !(DECIDED_STATUSES as readonly string[]).includes(p.status);
  // The case archive (GET /proposals/:id/archive): leaders, administrators, auditors and the submitting agency.
  const canArchive = ownAgency || hasRole(user, 'LEADER', 'ADMIN', 'AUDITOR');
  const canAct = (task: { candidateAgency: { code: string } }) => task.candidateAgency.code === user?.agency?.code;

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={hasRole(user, 'ADMIN', 'AUDITOR') ? '/admin/proposals' : '/proposals'}>{t('proposal.back')}</Link>
      </p>
      <div className="page-head">
        <div>
          <p className="eyebrow">
            <span className="reference">{p.reference}</span> · {label(t, 'kind', p.kind)}
          </p>
          <PageTitle title={`${p.reference} ${p.title}`}>{p.title}</PageTitle>
        </div>
        <div className="status-box">
          <span className="muted">{t('proposal.status')}</span> <StatusBadge status={p.status} />
          {p.stage ? <div className="muted small">{t('proposal.stage', { stage: label(t, 'stage', p.stage) })}</div> : null}
        </div>
      </div>
      {created ? <Alert kind="success">{t('proposal.created', { reference: created })}</Alert> : null}
      <dl className="meta-grid">
        <div>
          <dt>{t('proposal.agency')}</dt>
          <dd>{agencyLabel(t, p.submittingAgency.code, p.submittingAgency.name)}</dd>
        </div>
        <div>
          <dt>{t('proposal.submittedBy')}</dt>
          <dd>{p.submittedBy.fullName}</dd>
        </div>
        <div>
          <dt>{t('proposal.submittedAt')}</dt>
          <dd>
            <DateTime value={p.createdAt} />
          </dd>
        </div>
        <div>
          <dt>{t('field.procedure')}</dt>
          <dd>{label(t, 'procedure', p.procedure)}</dd>
        </div>
        {p.shortenedReason ? (
          <div>
            <dt>{t('proposal.shortenedReason')}</dt>
            <dd className="prewrap">{p.shortenedReason}</dd>
          </div>
        ) : null}
        {hasRole(user, 'ADMIN', 'AUDITOR') ? (
          <div>
            <dt>{t('history.title')}</dt>
            <dd>
              <Link to={`/admin/proposals/${p.id}/history`}>{t('history.link')}</Link>
            </dd>
          </div>
        ) : null}
      </dl>
      <div className="two-columns">
        <div className="column-main">
          <section aria-labelledby="open-tasks">
            <h2 id="open-tasks">{t('proposal.openTasks')}</h2>
            <TaskTable tasks={openTasks} canAct={canAct} caption={t('proposal.openTasks')} />
          </section>
          <OpinionSummary tasks={p.tasks} decisions={p.decisions} />
          <DocumentsSection proposalId={p.id} canArchive={canArchive} />
          <section aria-labelledby="dossier-title">
            <h2 id="dossier-title">{t('proposal.dossier')}</h2>
            {latest ? <DossierView kind={p.kind as Kind} version={latest} procedure={p.procedure} urgency={p.urgency} /> : null}
            <DossierChanges kind={p.kind as Kind} versions={p.dossierVersions} />
            {p.dossierVersions.length > 1 ? (
              <details className="versions">
                <summary>{t('proposal.olderVersions', { count: p.dossierVersions.length - 1 })}</summary>
                {p.dossierVersions
                  .slice(0, -1)
                  .reverse()
                  .map((v) => (
                    <div key={v.version} className="older-version">
                      <h3>{t('proposal.version', { version: v.version })}</h3>
                      <DossierView kind={p.kind as Kind} version={v} />
                    </div>
                  ))}
              </details>
            ) : null}
          </section>
          {doneTasks.length ? (
            <section aria-labelledby="done-tasks">
              <h2 id="done-tasks">{t('proposal.doneTasks')}</h2>
              <TaskTable tasks={doneTasks} canAct={() => false} caption={t('proposal.doneTasks')} />
            </section>
          ) : null}
        </div>
        <aside className="column-side">
          <section aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('proposal.timeline')}</h2>
            <AsyncStatus state={timeline} />
            {timeline.data ? <Timeline events={timeline.data.events} tasks={p.tasks} /> : null}
          </section>
          <PlanView plan={p.plan} />
          {canWithdraw ? (
            <section aria-labelledby="withdraw-title" className="danger-zone">
              <h2 id="withdraw-title">{t('proposal.withdraw')}</h2>
              <ProblemAlert error={withdraw.error} />
              <form onSubmit={withdraw.onSubmit} noValidate>
                <TextField
                  path="reason"
                  label={t('proposal.withdrawReason')}
                  value={reason}
                  onChange={setReason}
                  multiline
                  error={withdraw.fieldErrors.reason}
                  required
                />
                <button type="submit" className="button button-danger" disabled={withdraw.busy}>
                  {t('proposal.withdrawSubmit')}
                </button>
              </form>
            </section>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
