import { useTranslation } from 'react-i18next';
import { formatDate } from '../lib/format';
import { consulteeLabel, label } from '../lib/labels';
import type { Task, TimelineEvent } from '../lib/types';
import { DateTime, Empty } from './ui';

/** One line about what an audit event changed, from its payload. */
function eventSummary(t: ReturnType<typeof useTranslation>['t'], e: TimelineEvent, known: ReadonlyMap<string, Task>): string {
  const d = (e.details ?? {}) as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof d.reference === 'string' && e.action === 'PROPOSAL_SUBMITTED') parts.push(d.reference);
  if (typeof d.kind === 'string' && e.action !== 'PROPOSAL_SUBMITTED') parts.push(label(t, 'taskKind', d.kind));
  if (typeof d.decision === 'string') parts.push(label(t, 'decision', d.decision));
  const to = (d.to ?? d.status) as unknown;
  if (typeof to === 'string' && (e.action === 'STATUS_CHANGED' || e.action.startsWith('PROPOSAL_')))
    parts.push(`→ ${label(t, 'status', to)}`);
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
          x.externalBody || x.candidateAgency
            ? consulteeLabel(t, { candidateAgency: x.candidateAgency ?? '', externalBody: x.externalBody })
            : '',
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
