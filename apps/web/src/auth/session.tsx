import { useEffect, useState } from 'react';
import { api, endSession, getSession, onSessionChange, setSession, type Session } from '../lib/api';
import type { User } from '../lib/types';

export function useSession(): Session | null {
  const [session, update] = useState<Session | null>(getSession());
  useEffect(() => onSessionChange(update), []);
  return session;
}

export async function login(email: string, password: string): Promise<Session> {
  const res = await api.post<{ accessToken: string; refreshToken: string; user: User }>('/auth/login', { email, password });
  const session = { token: res.accessToken, refreshToken: res.refreshToken, user: res.user };
  setSession(session);
  return session;
}

/** Signs out here and on the server (lib/api.ts endSession). */
export function logout(): void {
  endSession();
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
