import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate } from '../lib/format';
import { consulteeLabel, label } from '../lib/labels';
import type { Task } from '../lib/types';
import { DataTable } from './DataTable';
import { SlaBadge } from './ui';

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
        {
          header: t('tasks.col.due'),
          cell: (task) => (task.status === 'OPEN' ? <SlaBadge task={task} /> : formatDate(task.completedAt ?? task.dueAt)),
        },
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
              <Link
                className="button button-small"
                to={`/tasks/${task.id}`}
                aria-label={`${t('tasks.act')}: ${label(t, 'taskKind', task.kind)}`}
              >
                {t('tasks.act')}
              </Link>
            ) : null,
        },
      ]}
    />
  );
}
