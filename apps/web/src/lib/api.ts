import type { FieldError, Problem, User } from './types';

/** Same origin: the api serves the built app, and Vite's dev server proxies /api to it. */
export const API_BASE = '/api/v1';

const SESSION_KEY = 'accord.session';

export interface Session {
  token: string;
  /** Rotated by the api: each use spends it and returns the next one, which replaces it here. */
  refreshToken?: string;
  user: User;
}

/**
 * The session lives in memory and in sessionStorage (one browser tab, gone when the tab closes), never in
 * localStorage: a shared office computer must not keep a reviewer signed in.
 */
let current: Session | null = readStored();
const listeners = new Set<(s: Session | null) => void>();

function readStored(): Session | null {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  return current;
}

export function setSession(session: Session | null): void {
  current = session;
  try {
    if (session) sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(SESSION_KEY);
  } catch {
    /* storage disabled: the in-memory session still works for this page */
  }
  for (const l of listeners) l(session);
}

export function onSessionChange(listener: (s: Session | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

let refreshing: Promise<Session | null> | null = null;

/**
 * A new token pair for `stale` (whose access token was just refused), or null when the session is over. One
 * refresh at a time: the api spends a refresh token on first use and ends the whole session if it is presented
 * again, so parallel requests that all met a 401 must share one refresh, never send the token twice.
 */
async function renewSession(stale: Session): Promise<Session | null> {
  const now = getSession();
  // Another request already renewed (or ended) this session.
  if (!now || now.token !== stale.token) return now;
  if (!stale.refreshToken) return null;
  refreshing ??= (async () => {
    try {
      const res = await fetch(`${API_BASE}/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, application/problem+json' },
        body: JSON.stringify({ refreshToken: stale.refreshToken }),
      });
      if (!res.ok) return null;
      const pair = (await res.json()) as { accessToken: string; refreshToken: string; user: User };
      const next: Session = { token: pair.accessToken, refreshToken: pair.refreshToken, user: pair.user ?? stale.user };
      setSession(next);
      return next;
    } catch {
      return null;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/**
 * A non-2xx answer, carrying the problem+json body (with its code and field errors) when there is one. Its texts are
 * the api's English: lib/problem-message turns it into words for people.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail || problem.title);
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

export interface RequestOptions {
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}, retried = false): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  const session = getSession();
  if (session) headers.authorization = `Bearer ${session.token}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body instanceof Blob) {
    // A file sent as it is (an edXML package as application/xml): its own type names it.
    headers['content-type'] = body.type || 'application/octet-stream';
    payload = body;
  } else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let res: Response;
  try {
    res = await fetch(path.startsWith('/health') ? path : `${API_BASE}${path}`, { method, headers, body: payload, signal: options.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, { type: 'about:blank', title: 'Network error', status: 0, detail: 'network' });
  }
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  if (!res.ok) {
    const problem: Problem =
      parsed && typeof parsed === 'object' && 'status' in parsed
        ? (parsed as Problem)
        : { type: 'about:blank', title: res.statusText, status: res.status, detail: typeof parsed === 'string' ? parsed : res.statusText };
    if (res.status === 401 && session && !path.startsWith('/auth/')) {
      // An expired access token: renew it once with the refresh token and send the request again.
      const renewed = retried ? null : await renewSession(session);
      if (renewed) return request<T>(method, path, body, options, true);
      // The session is over (logged out, refresh token spent or expired): back to the login page.
      if (getSession()?.token === session.token) setSession(null);
    }
    throw new ApiError(res.status, problem);
  }
  return parsed as T;
}

/**
 * Ends the session on the server too (its access and refresh tokens stop working), then here. The local
 * sign-out does not wait on the network: a failed call still leaves this tab signed out.
 */
export function endSession(): void {
  // request() reads the token before its first await, so it still goes with the call.
  if (getSession()) void request('POST', '/auth/logout', {}).catch(() => undefined);
  setSession(null);
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body ?? {}, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  delete: (path: string, options?: RequestOptions) => request<null>('DELETE', path, undefined, options),
};

/**
 * A file the api sends with the bearer token (a plain link would go without it): fetched as a Blob and saved
 * through an object URL under the server's file name.
 */
export async function download(path: string, fallbackName: string): Promise<void> {
  const get = (s: Session | null) => fetch(`${API_BASE}${path}`, { headers: s ? { authorization: `Bearer ${s.token}` } : {} });
  const session = getSession();
  let res = await get(session);
  if (res.status === 401 && session) {
    const renewed = await renewSession(session);
    if (renewed) res = await get(renewed);
  }
  if (!res.ok) {
    const text = await res.text();
    let problem: Problem;
    try {
      problem = JSON.parse(text) as Problem;
    } catch {
      problem = { type: 'about:blank', title: res.statusText, status: res.status, detail: text || res.statusText };
    }
    throw new ApiError(res.status, problem);
  }
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * A multipart upload through XMLHttpRequest, which (unlike fetch) reports upload progress: `onProgress` gets the
 * fraction sent, 0..1. Errors are the same ApiError as `request`'s, with the problem+json body.
 */
export function upload<T>(path: string, form: FormData, onProgress: (fraction: number) => void, options: RequestOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}${path}`);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    const session = getSession();
    if (session) xhr.setRequestHeader('authorization', `Bearer ${session.token}`);
    if (options.idempotencyKey) xhr.setRequestHeader('idempotency-key', options.idempotencyKey);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, { type: 'about:blank', title: 'Network error', status: 0, detail: 'network' }));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        parsed = xhr.responseText;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(parsed as T);
        return;
      }
      const problem: Problem =
        parsed && typeof parsed === 'object' && 'status' in parsed
          ? (parsed as Problem)
          : {
              type: 'about:blank',
              title: xhr.statusText,
              status: xhr.status,
              detail: typeof parsed === 'string' && parsed ? parsed : xhr.statusText,
            };
      if (xhr.status === 401 && session) setSession(null);
      reject(new ApiError(xhr.status, problem));
    };
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}
