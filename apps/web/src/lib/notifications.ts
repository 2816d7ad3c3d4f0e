import { useEffect, useSyncExternalStore } from 'react';
import { useLocation } from 'react-router-dom';
import { api, getSession } from './api';
import type { NotificationPage } from './types';

/** How often the header's unread count is refreshed while the app is open (and on every navigation). */
const REFRESH_MS = 60_000;

let unread = 0;
const listeners = new Set<() => void>();

function publish(count: number): void {
  if (count === unread) return;
  unread = count;
  for (const l of listeners) l();
}

/** Asks the api for the caller's unread count (the list's `unread` field, with a one-item page). */
export async function refreshUnread(): Promise<void> {
  if (!getSession()) return publish(0);
  try {
    const page = await api.get<NotificationPage>('/notifications?limit=1');
    publish(page.unread);
  } catch {
    /* the count is a convenience: a failed refresh keeps the last one */
  }
}

/** Lets a page that just read notifications update the header at once. */
export const setUnread = publish;

/** The unread count for the header, refreshed on navigation and every minute. */
export function useUnreadCount(signedIn: boolean): number {
  const location = useLocation();
  useEffect(() => {
    if (signedIn) void refreshUnread();
    else publish(0);
  }, [signedIn, location.pathname]);
  useEffect(() => {
    if (!signedIn) return;
    const timer = window.setInterval(() => void refreshUnread(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [signedIn]);
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => unread,
  );
}
