import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { Checkbox } from '../components/form';
import { PagedList } from '../components/PagedList';
import { DateTime, PageTitle, ProblemAlert } from '../components/ui';
import { ApiError, api } from '../lib/api';
import { setUnread } from '../lib/notifications';
import type { AppNotification, NotificationPage } from '../lib/types';
import { useFilters } from '../lib/use-filters';
import { usePaged } from '../lib/use-paged';
import { useState } from 'react';

/** Where a notification leads: its task when it has one, else its proposal. */
function target(n: AppNotification): string | null {
  if (n.taskId) return `/tasks/${n.taskId}`;
  if (n.proposal) return `/proposals/${n.proposal.id}`;
  return null;
}

/** The caller's notifications (GET /notifications), newest first, in the UI language; read one or all. */
export function NotificationsPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [filters, set, search] = useFilters(['unread'] as const);
  const list = usePaged<AppNotification, NotificationPage>(
    '/notifications',
    { unread: filters.unread === 'true' ? 'true' : undefined, lang: i18n.language, limit: 50 },
    [search, i18n.language],
  );
  const [readIds, setReadIds] = useState<Set<string>>(new Set());
  const [error, setError] = useState<ApiError | null>(null);
  const isRead = (n: AppNotification) => n.readAt !== null || readIds.has(n.id);
  const unread = list.page ? Math.max(0, list.page.unread - list.items.filter((n) => n.readAt === null && readIds.has(n.id)).length) : 0;

  async function markRead(n: AppNotification) {
    if (isRead(n)) return;
    try {
      await api.post(`/notifications/${n.id}/read`, {});
      setReadIds((s) => new Set(s).add(n.id));
      setUnread(Math.max(0, unread - 1));
    } catch (err) {
      setError(err as ApiError);
    }
  }

  async function markAll() {
    try {
      await api.post('/notifications/read-all', {});
      setReadIds(new Set());
      setUnread(0);
      list.reload();
    } catch (err) {
      setError(err as ApiError);
    }
  }

  async function open(n: AppNotification, to: string) {
    await markRead(n);
    void navigate(to);
  }

  return (
    <div className="page">
      <div className="page-head">
        <PageTitle title={t('notifications.title')}>{t('notifications.title')}</PageTitle>
        {unread > 0 ? (
          <button type="button" className="button button-secondary" onClick={() => void markAll()}>
            {t('notifications.readAll')}
          </button>
        ) : null}
      </div>
      <p className="hint" aria-live="polite" data-unread={unread}>
        {t('notifications.unreadCount', { count: unread })}
      </p>
      <form className="filters" aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()}>
        <Checkbox
          path="unread"
          label={t('notifications.onlyUnread')}
          checked={filters.unread === 'true'}
          onChange={(v) => set('unread', v ? 'true' : '')}
        />
      </form>
      <ProblemAlert error={error} focus />
      <PagedList list={list} empty={t(filters.unread === 'true' ? 'notifications.noneUnread' : 'notifications.none')}>
        {(items) => (
          <ul className="notification-list">
            {items.map((n) => {
              const to = target(n);
              const read = isRead(n);
              return (
                <li
                  key={n.id}
                  className={read ? 'notification' : 'notification notification-unread'}
                  data-notification-kind={n.kind}
                  data-read={read}
                >
                  <div className="notification-body">
                    {!read ? <span className="visually-hidden">{t('notifications.unread')}: </span> : null}
                    {to ? (
                      <Link
                        to={to}
                        onClick={(e) => {
                          e.preventDefault();
                          void open(n, to);
                        }}
                      >
                        {n.message}
                      </Link>
                    ) : (
                      <span>{n.message}</span>
                    )}
                    <div className="muted small">
                      <DateTime value={n.createdAt} />
                      {n.proposal?.reference ? (
                        <>
                          {' · '}
                          <span className="reference">{n.proposal.reference}</span> {n.proposal.title}
                        </>
                      ) : null}
                    </div>
                  </div>
                  {!read ? (
                    <button type="button" className="button button-secondary button-small" onClick={() => void markRead(n)}>
                      {t('notifications.markRead')}
                      <span className="visually-hidden">: {n.message}</span>
                    </button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </PagedList>
    </div>
  );
}
