import { api, endSession, getSession, setSession } from './api';

/** A fake api: access tokens `a1`, `a2`…; each refresh token works once and is replaced (as the real one rotates). */
function fakeApi() {
  const calls: { path: string; auth?: string; body?: string }[] = [];
  let validAccess = 'a2';
  let validRefresh = 'r1';
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetchMock = async (input: string, init: RequestInit = {}) => {
    const auth = (init.headers as Record<string, string>).authorization;
    calls.push({ path: input, auth, body: init.body as string | undefined });
    if (input.endsWith('/auth/refresh')) {
      await new Promise((r) => setTimeout(r, 5));
      if (JSON.parse(init.body as string).refreshToken !== validRefresh) return json(401, { status: 401, title: 'Unauthorized' });
      validRefresh = 'r2';
      validAccess = 'a3';
      return json(200, { accessToken: 'a3', refreshToken: 'r2', user: { id: 'u', email: 'e', fullName: 'n', agency: null, roles: [] } });
    }
    if (input.endsWith('/auth/logout')) return new Response(null, { status: auth === `Bearer ${validAccess}` ? 204 : 401 });
    return auth === `Bearer ${validAccess}` ? json(200, { ok: true }) : json(401, { status: 401, title: 'Unauthorized' });
  };
  return { calls, fetchMock, expire: () => (validAccess = 'none') };
}

describe('web api client: refresh token rotation', () => {
  const user = { id: 'u', email: 'e', fullName: 'n', agency: null, roles: [] };
  const realFetch = global.fetch;
  afterEach(() => {
    global.fetch = realFetch;
    setSession(null);
  });

  it('renews an expired access token once for parallel requests and keeps the rotated refresh token', async () => {
    const fake = fakeApi();
    global.fetch = fake.fetchMock as typeof fetch;
    setSession({ token: 'a1', refreshToken: 'r1', user });
    const results = await Promise.all([api.get('/tasks'), api.get('/proposals'), api.get('/notifications')]);
    expect(results).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    // One refresh only: a second use of r1 would end the session on the real api.
    expect(fake.calls.filter((c) => c.path.endsWith('/auth/refresh'))).toHaveLength(1);
    expect(getSession()).toMatchObject({ token: 'a3', refreshToken: 'r2' });
  });

  it('signs out locally when the refresh token is refused', async () => {
    const fake = fakeApi();
    global.fetch = fake.fetchMock as typeof fetch;
    setSession({ token: 'a1', refreshToken: 'spent', user });
    await expect(api.get('/tasks')).rejects.toMatchObject({ status: 401 });
    expect(getSession()).toBeNull();
  });

  it("signs out on the server too: POST /auth/logout with the session's token", async () => {
    const fake = fakeApi();
    global.fetch = fake.fetchMock as typeof fetch;
    setSession({ token: 'a2', refreshToken: 'r1', user });
    endSession();
    expect(getSession()).toBeNull();
    await new Promise((r) => setTimeout(r, 10));
    expect(fake.calls).toEqual([{ path: '/api/v1/auth/logout', auth: 'Bearer a2', body: '{}' }]);
  });
});
