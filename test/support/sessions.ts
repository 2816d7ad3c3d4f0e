/** Signs in the demo users a suite needs, once, at the start of the suite. */
import { ApiClient, DEMO_PASSWORD } from './http';

export interface Session {
  client: ApiClient;
  id: string;
  email: string;
  agencyCode: string | null;
}

export async function signIn(apiUrl: string, _databaseUrl: string, email: string): Promise<Session> {
  const res = await new ApiClient(apiUrl).post<{ accessToken: string; user: { id: string; agency: { code: string } | null } }>(
    '/api/v1/auth/login',
    { email, password: DEMO_PASSWORD },
  );
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    client: new ApiClient(apiUrl, res.body.accessToken),
    id: res.body.user.id,
    email,
    agencyCode: res.body.user.agency?.code ?? null,
  };
}

/** Signs in every user of `emails` (name -> e-mail) in parallel. */
export async function signInAll<K extends string>(
  apiUrl: string,
  databaseUrl: string,
  emails: Record<K, string>,
): Promise<Record<K, Session>> {
  const names = Object.keys(emails) as K[];
  const sessions = await Promise.all(names.map((name) => signIn(apiUrl, databaseUrl, emails[name])));
  return Object.fromEntries(names.map((name, i) => [name, sessions[i]!])) as Record<K, Session>;
}
