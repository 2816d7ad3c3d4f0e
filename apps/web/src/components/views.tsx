import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { countryName } from '../lib/countries';
import { formatBytes, formatDate, formatVnd } from '../lib/format';
import { clockLabel, consulteeLabel, label } from '../lib/labels';
import { SECTIONS, valueAt, type Kind } from '../lib/proposal-schema';
import type { AttachmentRef, DecisionRecord, DossierVersion, Plan, Task, TimelineEvent } from '../lib/types';
import { DataTable } from './DataTable';
import { DateTime, Empty, SlaBadge } from './ui';

/** The routing plan: ordered stages, the parallel consultees of each with their clocks, and the branch gates. */
export function PlanView({ plan, headingLevel = 2 }: { plan: Plan; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const H = `h${headingLevel}` as 'h2' | 'h3';
  const Sub = `h${headingLevel + 1}` as 'h3' | 'h4';
  return (
    <section className="plan" aria-labelledby="plan-title">
      <H id="plan-title">{t('plan.title')}</H>
      <p className="muted">{t('plan.policyVersion', { version: plan.policyVersion })}</p>
      <ol className="plan-stages">
        {plan.stages.map((s, i) => (
          <li key={`${s.stage}-${i}`} className="plan-stage">
            <div className="plan-stage-name">
              <span className="step-number" aria-hidden="true">
                {i + 1}
              </span>
              {label(t, 'stage', s.stage)}
              {s.tasks.length > 1 ? <span className="muted"> — {t('plan.parallel')}</span> : null}
            </div>
            <ul className="plan-tasks">
              {s.tasks.map((task, j) => (
                <li key={j}>
                  <strong>{consulteeLabel(t, task)}</strong>
                  {task.externalBody ? <span className="muted"> ({t('plan.recordedBy', { agency: consulteeLabel(t, { candidateAgency: task.candidateAgency }) })})</span> : null}
                  {' · '}
                  {label(t, 'taskKind', task.kind)}
                  {' · '}
                  <span className="clock">{clockLabel(t, task.clock)}</span>
                  {task.addedBy ? <span className="muted"> · {t('plan.addedBy', { name: task.addedBy.fullName })}</span> : null}
                  {task.basis ? <span className="muted small plan-basis"> · {t('plan.basis', { basis: task.basis })}</span> : null}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
      {plan.gates ? (
        <ul className="plan-gates">
          {plan.gates.pmConsent ? (
            <li>{t('plan.gate.pmConsent', { clock: clockLabel(t, plan.gates.pmConsent.clock) })}<GateBasis basis={plan.gates.pmConsent.basis} /></li>
          ) : plan.stages.some((s) => s.stage === 'DECISION') ? (
            <li>{t('plan.gate.noPmConsent')}</li>
          ) : null}
          {plan.gates.supplement ? <li>{t('plan.gate.supplement', { clock: clockLabel(t, plan.gates.supplement) })}<GateBasis basis={plan.gates.supplement.basis} /></li> : null}
          {plan.gates.postSigningReport && plan.stages.some((s) => s.stage === 'SIGNING') ? (
            <li>{t('plan.gate.postSigningReport', { clock: clockLabel(t, plan.gates.postSigningReport) })}<GateBasis basis={plan.gates.postSigningReport.basis} /></li>
          ) : null}
        </ul>
      ) : null}
      {plan.amendments?.length ? (
        <div className="plan-amendments">
          <Sub>{t('plan.amendments')}</Sub>
          <ul>
            {plan.amendments.map((a, i) => (
              <li key={i}>
                <DateTime value={a.at} />{' '}
                {a.addedConsultees?.length ? t('plan.amendment.added', {
                  name: a.by.fullName,
                  consultees: a.addedConsultees.map((c) => consulteeLabel(t, { candidateAgency: c.agency, ...(c.externalBody ? { externalBody: c.externalBody } : {}) })).join(', '),
                }) : null}
                {a.procedure ? <>{a.addedConsultees?.length ? '; ' : ''}{t('plan.amendment.procedure', { name: a.by.fullName })}</> : null}
                {a.comment ? <span className="muted"> — {t('plan.amendment.comment', { comment: a.comment })}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

/** The legal citation (or "policy") a gate rests on. */
function GateBasis({ basis }: { basis?: string }) {
  const { t } = useTranslation();
  return basis ? <span className="muted small plan-basis"> ({t('plan.basis', { basis })})</span> : null;
}

/** One line about what an audit event changed, from its payload. */
function eventSummary(t: ReturnType<typeof useTranslation>['t'], e: TimelineEvent, known: ReadonlyMap<string, Task>): string {
  const d = (e.details ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.reference === 'string' && e.action === 'PROPOSAL_SUBMITTED') parts.push(d.reference);
  if (typeof d.kind === 'string' && e.action !== 'PROPOSAL_SUBMITTED') parts.push(label(t, 'taskKind', d.kind));
  if (typeof d.decision === 'string') parts.push(label(t, 'decision', d.decision));
  const to = (d.to ?? d.status) as unknown;
  if (typeof to === 'string' && (e.action === 'STATUS_CHANGED' || e.action.startsWith('PROPOSAL_'))) parts.push(`→ ${label(t, 'status', to)}`);
  if (Array.isArray(d.tasks)) {
    const names = (d.tasks as { id?: string; kind?: string; candidateAgency?: string; externalBody?: string; dueAt?: string }[])
      // Paused and resumed clocks name only the task: take its kind and agency from the proposal's tasks.
      .map((x) => {
        const task = x.id ? known.get(x.id) : undefined;
        return task && !x.kind ? { ...x, kind: task.kind, candidateAgency: task.candidateAgency.code, externalBody: task.externalBody } : x;
      })
      .map((x) =>
        [
          x.kind ? label(t, 'taskKind', x.kind) : '',
          x.externalBody || x.candidateAgency ? consulteeLabel(t, { candidateAgency: x.candidateAgency ?? '', externalBody: x.externalBody }) : '',
          // The deadline each opened task got, so the timeline shows the clocks as they were set.
          x.dueAt ? t('sla.due', { date: formatDate(x.dueAt) }) : '',
        ]
          .filter(Boolean)
          .join(' — '),
      )
      .filter(Boolean);
    if (names.length) parts.push(names.join('; '));
  }
  const standIn = d.onBehalfOf as { fullName?: string } | undefined;
  if (standIn?.fullName) parts.push(t('timeline.onBehalfOf', { name: standIn.fullName }));
  if (typeof d.comment === 'string' && d.comment) parts.push(`“${d.comment}”`);
  if (typeof d.reason === 'string' && d.reason) parts.push(`“${d.reason}”`);
  return parts.join(' · ');
}

/** The proposal's history in order; `tasks` (the proposal's) name the tasks that events refer to by id only. */
export function Timeline({ events, tasks = [] }: { events: TimelineEvent[]; tasks?: Task[] }) {
  const { t } = useTranslation();
  const known = new Map(tasks.map((task) => [task.id, task]));
  if (!events.length) return <Empty>{t('timeline.empty')}</Empty>;
  return (
    <ol className="timeline">
      {events.map((e, i) => (
        <li key={i} className={`timeline-event action-${e.action}`}>
          <div className="timeline-head">
            <span className="timeline-action">{label(t, 'event', e.action)}</span>
            {e.stage ? <span className="muted"> · {label(t, 'stage', e.stage)}</span> : null}
          </div>
          <div className="timeline-meta">
            <DateTime value={e.at} /> · {e.actor.type === 'SYSTEM' ? t('timeline.system') : e.actor.name}
          </div>
          {eventSummary(t, e, known) ? <div className="timeline-details">{eventSummary(t, e, known)}</div> : null}
        </li>
      ))}
    </ol>
  );
}

/** A dossier value as the reader sees it: labels for codes, dd/MM/yyyy dates, formatted amounts. */
export function valueText(t: ReturnType<typeof useTranslation>['t'], lang: string, spec: (typeof SECTIONS)[Kind][number]['fields'][number], value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  switch (spec.type) {
    case 'select':
      return label(t, spec.labels, String(value));
    case 'multi':
      return Array.isArray(value) ? value.map((v) => label(t, spec.labels, String(v))).join(', ') : String(value);
    case 'bool':
      return value === true ? t('common.yes') : t('common.no');
    case 'date':
      return formatDate(String(value));
    case 'amount':
      return formatVnd(Number(value), lang);
    case 'country':
      return `${countryName(String(value), lang)} (${String(value)})`;
    case 'languages':
      return Array.isArray(value) ? value.join(', ') : String(value);
    default:
      return String(value);
  }
}


/** Attachments with size and hash; with `onRemove` (a form's own list), each gets a remove button. */
export function AttachmentList({ attachments, onRemove }: { attachments: AttachmentRef[] | null | undefined; onRemove?: (a: AttachmentRef) => void }) {
  const { t } = useTranslation();
  if (!attachments?.length) return <p className="muted">{t('dossier.noAttachments')}</p>;
  return (
    <ul className="attachments">
      {attachments.map((a) => (
        <li key={a.id}>
          <span className="filename">{a.filename}</span> <span className="muted">{formatBytes(a.size)}</span>{' '}
          <code className="hash" title={a.sha256}>
            SHA-256 {a.sha256.slice(0, 12)}…
          </code>
          {onRemove ? (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => onRemove(a)} aria-label={t('attachments.remove', { name: a.filename })}>
                {t('common.remove')}
              </button>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** A dossier version as a definition list, sectioned like the form that produced it. */
export function DossierView({ kind, version, procedure, urgency }: { kind: Kind; version: DossierVersion; procedure?: string; urgency?: string }) {
  const { t, i18n } = useTranslation();
  const content = version.content;
  return (
    <div className="dossier">
      <dl className="dossier-list">
        <dt>{t('field.title')}</dt>
        <dd>{content.title}</dd>
        <dt>{t('field.summary')}</dt>
        <dd className="prewrap">{content.summary}</dd>
        {procedure ? (
          <>
            <dt>{t('field.procedure')}</dt>
            <dd>{label(t, 'procedure', procedure)}</dd>
          </>
        ) : null}
        {urgency ? (
          <>
            <dt>{t('field.urgency')}</dt>
            <dd>{label(t, 'urgency', urgency)}</dd>
          </>
        ) : null}
      </dl>
      {(SECTIONS[kind] ?? []).map((section) => {
        const fields = section.fields.filter((f) => valueAt(content, f.path) !== undefined);
        if (!fields.length) return null;
        return (
          <section key={section.legend} className="dossier-section">
            <h4>{t(section.legend)}</h4>
            <dl className="dossier-list">
              {fields.map((f) => (
                <div key={f.path} className="dossier-row">
                  <dt>{t(`field.${f.path}`)}</dt>
                  <dd className="prewrap">{valueText(t, i18n.language, f, valueAt(content, f.path))}</dd>
                </div>
              ))}
            </dl>
          </section>
        );
      })}
      <section className="dossier-section">
        <h4>{t('dossier.attachments')}</h4>
        <AttachmentList attachments={version.attachments} />
      </section>
      <p className="muted small">
        {t('dossier.versionMeta', { version: version.version, by: version.createdBy.fullName })} <DateTime value={version.createdAt} /> ·{' '}
        <code title={version.hash}>{version.hash.slice(0, 16)}…</code>
      </p>
    </div>
  );
}

/** Tasks of a proposal, with the link to act on those the viewer's agency holds. */
export function TaskTable({ tasks, canAct, caption }: { tasks: Task[]; canAct: (task: Task) => boolean; caption: string }) {
  const { t } = useTranslation();
  return (
    <DataTable
      caption={caption}
      empty={t('tasks.none')}
      rows={tasks}
      rowKey={(task) => task.id}
      columns={[
        { header: t('tasks.col.task'), cell: (task) => label(t, 'taskKind', task.kind) },
        { header: t('tasks.col.agency'), cell: (task) => consulteeLabel(t, task) },
        { header: t('tasks.col.due'), cell: (task) => (task.status === 'OPEN' ? <SlaBadge task={task} /> : formatDate(task.completedAt ?? task.dueAt)) },
        {
          header: t('tasks.col.status'),
          cell: (task) => (
            <>
              {task.status === 'COMPLETED' && task.decision ? label(t, 'decision', task.decision) : label(t, 'taskStatus', task.status)}
              {task.completedBy ? (
                <div className="muted small">
                  {task.completedBy.fullName}
                  {task.completedOnBehalfOf ? ` (${t('timeline.onBehalfOf', { name: task.completedOnBehalfOf.fullName })})` : ''}
                </div>
              ) : null}
            </>
          ),
        },
        {
          header: <span className="visually-hidden">{t('tasks.col.actions')}</span>,
          cell: (task) =>
            task.status === 'OPEN' && canAct(task) ? (
              <Link className="button button-small" to={`/tasks/${task.id}`} aria-label={`${t('tasks.act')}: ${label(t, 'taskKind', task.kind)}`}>
                {t('tasks.act')}
              </Link>
            ) : null,
        },
      ]}
    />
  );
}

const OPINION_KINDS = ['OPINION', 'EXTERNAL_OPINION', 'APPRAISAL', 'PM_CONSENT'];

/** The latest opinion of each consultee (a supplement round replaces the earlier answer). */
export function latestOpinions(tasks: Task[], decisions: DecisionRecord[]): { task: Task; decision: DecisionRecord }[] {
  const byTask = new Map(tasks.map((t) => [t.id, t]));
  const latest = new Map<string, { task: Task; decision: DecisionRecord }>();
  for (const d of decisions) {
    const task = byTask.get(d.taskId);
    if (!task || !OPINION_KINDS.includes(d.kind)) continue;
    const key = `${d.kind}:${task.candidateAgency.code}:${task.externalBody ?? ''}`;
    const prev = latest.get(key);
    if (!prev || (d.decidedAt ?? '') >= (prev.decision.decidedAt ?? '')) latest.set(key, { task, decision: d });
  }
  return [...latest.values()];
}

const NEGATIVE = ['DISAGREE', 'NOT_CONFORMS', 'REFUSE'];

/** The opinions a leader weighs before deciding, one row per consultee, disagreements flagged. */
export function OpinionSummary({ tasks, decisions, headingLevel = 2 }: { tasks: Task[]; decisions: DecisionRecord[]; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const rows = latestOpinions(tasks, decisions);
  const H = `h${headingLevel}` as 'h2' | 'h3';
  const counts = {
    agree: rows.filter((r) => ['AGREE', 'CONFORMS', 'CONSENT'].includes(r.decision.decision)).length,
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
          {rows.some((r) => r.decision.decision === 'DISAGREE') ? <p className="alert alert-warning">{t('opinions.pmConsentNeeded')}</p> : null}
          <DataTable
            caption={t('opinions.title')}
            captionHidden
            rows={rows}
            rowKey={({ task }) => task.id}
            rowProps={({ decision }) => ({ className: NEGATIVE.includes(decision.decision) ? 'row-negative' : undefined })}
            columns={[
              { header: t('opinions.col.consultee'), cell: ({ task }) => consulteeLabel(t, task), rowHeader: true },
              { header: t('opinions.col.kind'), cell: ({ task }) => label(t, 'taskKind', task.kind) },
              { header: t('opinions.col.opinion'), cell: ({ decision }) => <span className={`badge decision decision-${decision.decision}`}>{label(t, 'decision', decision.decision)}</span> },
              { header: t('opinions.col.comment'), cell: ({ decision }) => decision.comment ?? '—', className: 'prewrap' },
              {
                header: t('opinions.col.by'),
                cell: ({ decision }) => (
                  <>
                    {decision.decidedBy?.fullName}
                    {decision.onBehalfOf ? <div className="small">{t('timeline.onBehalfOf', { name: decision.onBehalfOf.fullName })}</div> : null}
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
