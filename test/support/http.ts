/** A small HTTP client for black-box tests against the api. */
import { assertProblemCode } from './problem';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  contentType: string | null;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    // Every refusal names its error code (docs/api.md): checked on every answer any suite receives.
    assertProblemCode(res.status, res.headers.get('content-type'), parsed, `${method} ${path}`);
    return { status: res.status, body: parsed as T, contentType: res.headers.get('content-type') };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) {
    return this.request<T>('POST', path, body ?? {}, headers);
  }
}

export const DEMO_PASSWORD = 'accord-demo';

export async function login(baseUrl: string, email: string): Promise<ApiClient> {
  const res = await new ApiClient(baseUrl).post<{ accessToken: string }>('/api/v1/auth/login', { email, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return new ApiClient(baseUrl, res.body.accessToken);
}
