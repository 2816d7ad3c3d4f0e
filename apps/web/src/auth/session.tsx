import { useEffect, useState } from 'react';
import { api, API_BASE, ApiError, endSession, getSession, onSessionChange, setSession, type Session } from '../lib/api';
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

/** Which sign-ins the server offers (GET /auth/providers); password login only if the api cannot say. */
export async function signInProviders(): Promise<{ local: boolean; oidc: boolean }> {
  try {
    return await api.get<{ local: boolean; oidc: boolean }>('/auth/providers');
  } catch {
    return { local: true, oidc: false };
  }
}

/**
 * Finishes a government-account sign-in: the api's callback put Accord's tokens in the URL fragment (docs/sso.md,
 * "Handing over"); the user is read with them, and the session is kept like a password login's.
 */
export async function finishOidcSignIn(fragment: string): Promise<Session> {
  const params = new URLSearchParams(fragment.replace(/^#/, ''));
  const token = params.get('accessToken');
  const refreshToken = params.get('refreshToken') ?? undefined;
  if (!token)
    throw new ApiError(400, {
      type: 'about:blank',
      status: 400,
      code: 'OIDC_CALLBACK_FAILED',
      title: 'Bad Request',
      detail: 'No tokens came back from the sign-in',
    });
  const res = await fetch(`${API_BASE}/me`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok)
    throw new ApiError(res.status, {
      type: 'about:blank',
      status: res.status,
      title: res.statusText,
      detail: 'The new session was refused',
    });
  const session = { token, refreshToken, user: (await res.json()) as User };
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
  if (hasRole(user, 'PLATFORM_ADMIN')) return '/platform/provinces';
  if (hasRole(user, 'SUBMITTER')) return '/proposals';
  if (hasRole(user, 'LEADER')) return '/decisions';
  if (hasRole(user, 'REVIEWER', 'AGENCY_HEAD')) return '/inbox';
  if (hasRole(user, 'ADMIN', 'AUDITOR')) return '/admin/proposals';
  if (hasRole(user, 'CLERK')) return '/registers';
  return '/inbox';
}
