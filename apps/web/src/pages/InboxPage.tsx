import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Checkbox, SelectField } from '../components/form';
import { PagedTable } from '../components/PagedList';
import { SearchForm } from '../components/SearchForm';
import { SavedViews } from '../components/SavedViews';
import { PageTitle, SlaBadge } from '../components/ui';
import { TASK_KINDS } from '@accord/domain/tasks/task.types';
import { consulteeLabel, label } from '../lib/labels';
import type { Task, TaskStatus } from '../lib/types';
import { useFilters } from '../lib/use-filters';
import { usePaged } from '../lib/use-paged';

/** Reviewer's inbox (GET /tasks): open tasks the caller may act on by default, sorted by due date. */
export function InboxPage({ kind: fixedKind, title: fixedTitle }: { kind?: string; title?: string }) {
  const { t } = useTranslation();
  const [state, set, search] = useFilters(['q', 'status', 'kind', 'assignee', 'overdue'] as const);
  const filters = { ...state, kind: fixedKind ?? state.kind, overdue: state.overdue === 'true' ? 'true' : '' };
  const tasks = usePaged<Task>('/tasks', { ...filters, limit: 100 }, [search, fixedKind]);
  const title = fixedTitle ?? t('inbox.title');
  return (
    <div className="page">
      <PageTitle title={title}>{title}</PageTitle>
      <SearchForm query={state.q} onSearch={(q) => set('q', q)} label={t('filters.taskQ')} hint={t('filters.taskQHint')}>
        <SelectField
          path="status"
          label={t('filters.taskStatus')}
          value={filters.status}
          onChange={(v) => set('status', v)}
          placeholder={t('inbox.statusDefault')}
          options={(['OPEN', 'COMPLETED', 'CANCELLED'] satisfies TaskStatus[]).map((s) => ({ value: s, label: label(t, 'taskStatus', s) }))}
        />
        {!fixedKind ? (
          <SelectField
            path="kind"
            label={t('filters.taskKind')}
            value={filters.kind}
            onChange={(v) => set('kind', v)}
            placeholder={t('filters.any')}
            options={TASK_KINDS.map((k) => ({ value: k, label: label(t, 'taskKind', k) }))}
          />
        ) : null}
        <SelectField
          path="assignee"
          label={t('filters.assignee')}
          value={filters.assignee}
          onChange={(v) => set('assignee', v)}
          placeholder={t('filters.any')}
          options={[
            { value: 'me', label: t('filters.assignee.me') },
            { value: 'unassigned', label: t('filters.assignee.unassigned') },
          ]}
        />
        <Checkbox
          path="overdue"
          label={t('filters.overdue')}
          checked={filters.overdue === 'true'}
          onChange={(v) => set('overdue', v ? 'true' : '')}
        />
      </SearchForm>
      <SavedViews scope={fixedKind ? `inbox.${fixedKind}` : 'inbox'} filters={fixedKind ? { ...state, kind: '' } : state} />
      <PagedTable
        list={tasks}
        className="inbox-table"
        caption={title}
        captionHidden
        empty={t('inbox.none')}
        rowKey={(task) => task.id}
        rowProps={(task) => ({ 'data-task-kind': task.kind })}
        columns={[
          {
            header: t('inbox.col.proposal'),
            cell: (task) => (
              <>
                <Link to={`/tasks/${task.id}`} className="task-link">
                  <span className="reference">{task.proposalReference}</span>
                  <span className="visually-hidden"> — {label(t, 'taskKind', task.kind)}</span>
                </Link>
                <div className="small">{task.proposalTitle}</div>
              </>
            ),
          },
          {
            header: t('inbox.col.task'),
            cell: (task) => (
              <>
                {label(t, 'taskKind', task.kind)}
                {task.status !== 'OPEN' ? (
                  <div className="muted small">
                    {task.decision ? label(t, 'decision', task.decision) : label(t, 'taskStatus', task.status)}
                  </div>
                ) : null}
              </>
            ),
          },
          { header: t('inbox.col.agency'), cell: (task) => consulteeLabel(t, task) },
          {
            header: t('inbox.col.assignee'),
            cell: (task) => task.assignee?.fullName ?? <span className="muted">{t('inbox.unassigned')}</span>,
          },
          { header: t('inbox.col.due'), cell: (task) => <SlaBadge task={task} /> },
        ]}
      />
    </div>
  );
}
