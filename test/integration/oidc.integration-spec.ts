/**
 * Government single sign-on (docs/sso.md): the whole Authorization Code + PKCE flow against a real OpenID Provider
 * (oidc-provider, its own process), through a second api configured for it on the stack's database.
 */
import { Client } from 'pg';
import { ApiClient, login } from '../support/http';
import { oidcSignIn, type SignInResult } from '../support/oidc-flow';
import { startOidcStack, type OidcStack } from '../support/oidc-stack';
import { stack } from './stack';

jest.setTimeout(120_000);

describe('OIDC sign-in with a government account', () => {
  const s = stack();
  let oidc: OidcStack | undefined;
  let apiUrl: string;
  let db: Client;

  beforeAll(async () => {
    oidc = await startOidcStack(s);
    apiUrl = oidc.apiUrl;
    db = new Client({ connectionString: s.databaseUrl });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await oidc?.stop();
  });

  const signedIn = (r: SignInResult | Response): SignInResult => {
    if (r instanceof Response) throw new Error(`callback answered ${r.status}`);
    return r;
  };

  it('says which sign-ins exist: the OIDC api offers only single sign-on, the stack api only passwords', async () => {
    expect((await new ApiClient(apiUrl).get('/api/v1/auth/providers')).body).toEqual({ local: false, oidc: true });
    expect((await new ApiClient(s.apiUrl).get('/api/v1/auth/providers')).body).toEqual({ local: true, oidc: false });
    const refused = await new ApiClient(apiUrl).post('/api/v1/auth/login', { email: 'admin@accord.local', password: 'accord-demo' });
    expect(refused).toMatchObject({ status: 404, body: { code: 'LOCAL_LOGIN_DISABLED' } });
  });

  it('signs a new user in, creating them with the agency and roles of their claims, and audits it', async () => {
    const r = signedIn(await oidcSignIn(apiUrl, 'cv-sct-001'));
    expect(r.finalUrl.pathname).toBe('/login/oidc');
    expect(r.tokens).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String), refreshToken: expect.any(String) });
    const me = await new ApiClient(apiUrl, r.tokens.accessToken!).get('/api/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      email: 'chuyenvien.sso@sct.hatinh.gov.vn',
      fullName: 'Trần Thị Chuyên Viên',
      agency: { code: 'HT-SCT' },
      roles: ['SUBMITTER'],
    });
    // The session is Accord's own: its refresh token rotates like a password login's.
    const refreshed = await new ApiClient(apiUrl).post('/api/v1/auth/refresh', { refreshToken: r.tokens.refreshToken });
    expect(refreshed.status).toBe(200);
    const { rows } = await db.query(`SELECT action FROM audit_event WHERE actor_id = $1 ORDER BY seq`, [me.body.id]);
    expect(rows.map((x) => x.action)).toEqual(['USER_CREATED_BY_OIDC', 'OIDC_SIGN_IN']);
    // Nobody can use the account with a password, even where password login is on.
    const pw = await new ApiClient(s.apiUrl).post('/api/v1/auth/login', {
      email: 'chuyenvien.sso@sct.hatinh.gov.vn',
      password: 'accord-demo',
    });
    expect(pw).toMatchObject({ status: 401, body: { code: 'INVALID_CREDENTIALS' } });
  });

  it('reuses the user at the next sign-in, with roles mapped through the admin-edited group mapping', async () => {
    const first = signedIn(await oidcSignIn(apiUrl, 'ld-sngv-001'));
    const before = (await new ApiClient(apiUrl, first.tokens.accessToken!).get('/api/v1/me')).body;
    expect(before).toMatchObject({ agency: { code: 'HT-SNGV' }, roles: [] });

    const admin = await login(s.apiUrl, 'admin@accord.local');
    const set = await admin.request('PUT', '/api/v1/admin/oidc/group-mappings/lanh-dao-so', { role: 'LEADER' });
    expect(set).toMatchObject({ status: 200, body: { group: 'lanh-dao-so', role: 'LEADER', agencyCode: null } });
    expect((await admin.get('/api/v1/admin/oidc/group-mappings')).body.items).toContainEqual(
      expect.objectContaining({ group: 'lanh-dao-so', role: 'LEADER' }),
    );
    const notAdmin = await login(s.apiUrl, 'submitter@sct.hatinh.gov.vn');
    expect((await notAdmin.request('PUT', '/api/v1/admin/oidc/group-mappings/x', { role: 'ADMIN' })).status).toBe(403);

    const second = signedIn(await oidcSignIn(apiUrl, 'ld-sngv-001'));
    const after = (await new ApiClient(apiUrl, second.tokens.accessToken!).get('/api/v1/me')).body;
    expect(after).toMatchObject({ id: before.id, agency: { code: 'HT-SNGV' }, roles: ['LEADER'] });
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM app_user WHERE lower(email) = 'lanhdao.sso@sngv.hatinh.gov.vn'`);
    expect(rows[0].n).toBe(1);
    expect((await admin.request('DELETE', '/api/v1/admin/oidc/group-mappings/lanh-dao-so')).status).toBe(204);
    const audited = await db.query(
      `SELECT action, payload->>'group' AS grp FROM audit_event WHERE action LIKE 'OIDC_GROUP_MAPPING_%' AND payload->>'group' = 'lanh-dao-so' ORDER BY seq`,
    );
    expect(audited.rows).toEqual([
      { action: 'OIDC_GROUP_MAPPING_SET', grp: 'lanh-dao-so' },
      { action: 'OIDC_GROUP_MAPPING_REMOVED', grp: 'lanh-dao-so' },
    ]);
  });

  it('refuses a tampered or replayed state with 400 OIDC_STATE_INVALID', async () => {
    const tampered = await oidcSignIn(apiUrl, 'cv-sct-001', 'demo', (u) => u.searchParams.set('state', `${u.searchParams.get('state')}x`));
    expect(tampered).toBeInstanceOf(Response);
    const res = tampered as Response;
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'OIDC_STATE_INVALID' });

    let callback = '';
    signedIn(
      await oidcSignIn(apiUrl, 'cv-sct-001', 'demo', (u) => {
        callback = u.href;
      }),
    );
    const replay = await fetch(callback, { redirect: 'manual' });
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ code: 'OIDC_STATE_INVALID' });
  });

  it('keeps the audit chain verifiable with the sign-in and mapping events in it', async () => {
    const auditor = await login(s.apiUrl, 'auditor@accord.local');
    const verify = await auditor.get('/api/v1/audit/verify');
    expect(verify).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('answers 404 OIDC_DISABLED where OIDC_ISSUER is not set', async () => {
    const res = await fetch(`${s.apiUrl}/api/v1/auth/oidc/login`, { redirect: 'manual' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'OIDC_DISABLED' });
    const cb = await fetch(`${s.apiUrl}/api/v1/auth/oidc/callback?code=x&state=y`, { redirect: 'manual' });
    expect(cb.status).toBe(404);
  });
});
