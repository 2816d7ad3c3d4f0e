/** A small HTTP client for black-box tests against the api. */
import { assertProblemCode } from './problem';

export interface HttpResult<T = any> {
  status: number;
  body: T;
  contentType: string | null;
}

/** An answer as it came off the wire. */
export interface RawAnswer {
  status: number;
  contentType: string | null;
  text: string;
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    const res = await this.transport(
      method,
      `${this.baseUrl}${path}`,
      {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body === undefined ? undefined : JSON.stringify(body),
    );
    let parsed: unknown = res.text;
    try {
      parsed = res.text ? JSON.parse(res.text) : null;
    } catch {
      /* not JSON */
    }
    // Every refusal names its error code (docs/api.md): checked on every answer any suite receives.
    assertProblemCode(res.status, res.contentType, parsed, `${method} ${path}`);
    return { status: res.status, body: parsed as T, contentType: res.contentType };
  }

  /** Sends one request and reads the whole answer: fetch here; the bench's driver uses a lighter one (test/bench/http.ts). */
  protected async transport(method: string, url: string, headers: Record<string, string>, body: string | undefined): Promise<RawAnswer> {
    const res = await fetch(url, { method, headers, body });
    return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
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
