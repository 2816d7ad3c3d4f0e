import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Checkbox, SelectField } from '../components/form';
import { SavedViews } from '../components/SavedViews';
import { Empty, Loading, PageTitle, ProblemAlert, SlaBadge } from '../components/ui';
import { TASK_KINDS } from '../../../../libs/domain/src/tasks/task.types';
import { ApiError, api, query } from '../lib/api';
import { consulteeLabel, label } from '../lib/labels';
import type { Page, Task } from '../lib/types';
import { useAsync } from '../lib/use-async';
import { useFilters } from '../lib/use-filters';

/** Reviewer's inbox (GET /tasks): open tasks the caller may act on by default, sorted by due date. */
export function InboxPage({ kind: fixedKind, title: fixedTitle }: { kind?: string; title?: string }) {
  const { t } = useTranslation();
  const [state, set, search] = useFilters(['status', 'kind', 'assignee', 'overdue'] as const);
  const filters = { ...state, kind: fixedKind ?? state.kind, overdue: state.overdue === 'true' ? 'true' : '' };
  const page = useAsync((signal) => api.get<Page<Task>>(`/tasks${query({ ...filters, limit: 100 })}`, { signal }), [search, fixedKind]);
  const [extra, setExtra] = useState<Task[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<ApiError | null>(null);
  useEffect(() => {
    setExtra([]);
    setCursor(page.data?.nextCursor ?? null);
  }, [page.data]);

  async function loadMore() {
    if (!cursor) return;
    try {
      const more = await api.get<Page<Task>>(`/tasks${query({ ...filters, limit: 100, cursor })}`);
      setExtra((x) => [...x, ...more.items]);
      setCursor(more.nextCursor);
    } catch (err) {
      setMoreError(err as ApiError);
    }
  }

  const title = fixedTitle ?? t('inbox.title');
  const tasks = [...(page.data?.items ?? []), ...extra];
  return (
    <div className="page">
      <PageTitle title={title}>{title}</PageTitle>
      <form className="filters" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          path="status"
          label={t('filters.taskStatus')}
          value={filters.status}
          onChange={(v) => set('status', v)}
          placeholder={t('inbox.statusDefault')}
          options={['OPEN', 'COMPLETED', 'CANCELLED'].map((s) => ({ value: s, label: label(t, 'taskStatus', s) }))}
        />
        {!fixedKind ? (
          <SelectField path="kind" label={t('filters.taskKind')} value={filters.kind} onChange={(v) => set('kind', v)} placeholder={t('filters.any')} options={TASK_KINDS.map((k) => ({ value: k, label: label(t, 'taskKind', k) }))} />
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
        <Checkbox path="overdue" label={t('filters.overdue')} checked={filters.overdue === 'true'} onChange={(v) => set('overdue', v ? 'true' : '')} />
      </form>
      <SavedViews scope={fixedKind ? `inbox.${fixedKind}` : 'inbox'} filters={fixedKind ? { ...state, kind: '' } : state} />
      <ProblemAlert error={page.error} />
      {page.loading && !page.data ? <Loading /> : null}
      {page.data && tasks.length === 0 ? <Empty>{t('inbox.none')}</Empty> : null}
      {tasks.length ? (
        <div className="table-wrap">
          <table className="table inbox-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('inbox.col.proposal')}</th>
                <th scope="col">{t('inbox.col.task')}</th>
                <th scope="col">{t('inbox.col.agency')}</th>
                <th scope="col">{t('inbox.col.assignee')}</th>
                <th scope="col">{t('inbox.col.due')}</th>
              </tr>
            </thead>
            <tbody>
              {tasks.map((task) => (
                <tr key={task.id} data-task-kind={task.kind}>
                  <td>
                    <Link to={`/tasks/${task.id}`} className="task-link">
                      <span className="reference">{task.proposalReference}</span>
                      <span className="visually-hidden"> — {label(t, 'taskKind', task.kind)}</span>
                    </Link>
                    <div className="small">{task.proposalTitle}</div>
                  </td>
                  <td>
                    {label(t, 'taskKind', task.kind)}
                    {task.status !== 'OPEN' ? <div className="muted small">{task.decision ? label(t, 'decision', task.decision) : label(t, 'taskStatus', task.status)}</div> : null}
                  </td>
                  <td>{consulteeLabel(t, task)}</td>
                  <td>{task.assignee?.fullName ?? <span className="muted">{t('inbox.unassigned')}</span>}</td>
                  <td>
                    <SlaBadge task={task} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <ProblemAlert error={moreError} />
      {cursor ? (
        <button type="button" className="button button-secondary" onClick={() => void loadMore()}>
          {t('common.loadMore')}
        </button>
      ) : null}
    </div>
  );
}
