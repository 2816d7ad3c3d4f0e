import { useEffect, useState } from 'react';
import { api, getSession, onSessionChange, setSession, type Session } from '../lib/api';
import type { User } from '../lib/types';

export function useSession(): Session | null {
  const [session, update] = useState<Session | null>(getSession());
  useEffect(() => onSessionChange(update), []);
  return session;
}

export async function login(email: string, password: string): Promise<Session> {
  const res = await api.post<{ accessToken: string; user: User }>('/auth/login', { email, password });
  const session = { token: res.accessToken, user: res.user };
  setSession(session);
  return session;
}

export function logout(): void {
  setSession(null);
}

export function hasRole(user: User | undefined | null, ...roles: string[]): boolean {
  return !!user && user.roles.some((r) => roles.includes(r));
}

/** The landing page of each role: what that person does first. */
export function homePath(user: User): string {
  if (hasRole(user, 'SUBMITTER')) return '/proposals';
  if (hasRole(user, 'LEADER')) return '/decisions';
  if (hasRole(user, 'REVIEWER', 'AGENCY_HEAD')) return '/inbox';
  if (hasRole(user, 'ADMIN', 'AUDITOR')) return '/admin/proposals';
  return '/inbox';
}
