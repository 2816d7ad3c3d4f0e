/**
 * Access tokens that must not pass, over HTTP: expired, not yet valid, tampered with, unsigned (alg none), signed with
 * another key or algorithm, a refresh token presented as an access token, and malformed Authorization headers. Each
 * is 401 problem+json. The control case, the same claims signed again with the stack's own key and a live expiry, is
 * 200: so each 401 is due to the one thing changed, not to a badly made token.
 */
import { createHmac } from 'node:crypto';
import { ApiClient, login } from '../support/http';
import { problemCodeFlaw } from '../support/problem';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl, env } = stack();
const V1 = '/api/v1';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const decode = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
/** A JWT made by hand with `secret` (HS256 unless `alg` says HS384/HS512). */
function sign(payload: object, secret: string, alg: 'HS256' | 'HS384' | 'HS512' = 'HS256'): string {
  const unsigned = `${b64({ alg, typ: 'JWT' })}.${b64(payload)}`;
  return `${unsigned}.${createHmac(`sha${alg.slice(2)}`, secret)
    .update(unsigned)
    .digest('base64url')}`;
}

describe('forged, expired and malformed access tokens', () => {
  let claims: Record<string, unknown>;
  let refreshToken: string;
  let accessToken: string;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    const res = await new ApiClient(apiUrl).post('/api/v1/auth/login', {
      email: demoEmail({ agency: null, role: 'AUDITOR' }),
      password: 'accord-demo',
    });
    expect(res.status).toBe(200);
    ({ accessToken, refreshToken } = res.body);
    claims = decode(accessToken);
    expect(claims).toMatchObject({ typ: 'access', sid: expect.any(String), sub: expect.any(String) });
  });

  const call = async (authorization: string | undefined) => {
    const res = await fetch(`${apiUrl}${V1}/me`, { headers: authorization === undefined ? {} : { authorization } });
    const body = await res.json().catch(() => null);
    return { status: res.status, contentType: res.headers.get('content-type'), body };
  };
  const expectRefused = async (authorization: string | undefined, why: string) => {
    const res = await call(authorization);
    expect({
      why,
      status: res.status,
      problem: /problem\+json/.test(res.contentType ?? ''),
      flaw: problemCodeFlaw(res.status, res.contentType, res.body),
    }).toEqual({ why, status: 401, problem: true, flaw: null });
  };

  it("accepts the control: the same claims signed again with the stack's key", async () => {
    expect((await call(`Bearer ${accessToken}`)).status).toBe(200);
    expect((await call(`Bearer ${sign({ ...claims, iat: now(), exp: now() + 600 }, env.JWT_SECRET!)}`)).status).toBe(200);
  });

  it('refuses an expired token, and one not valid yet, though signed with the right key', async () => {
    await expectRefused(`Bearer ${sign({ ...claims, iat: now() - 7200, exp: now() - 60 }, env.JWT_SECRET!)}`, 'expired a minute ago');
    await expectRefused(
      `Bearer ${sign({ ...claims, iat: now(), nbf: now() + 3600, exp: now() + 7200 }, env.JWT_SECRET!)}`,
      'not before an hour from now',
    );
  });

  it('refuses a token whose claims were changed after signing (a role added, another user)', async () => {
    const [header, , signature] = accessToken.split('.');
    await expectRefused(`Bearer ${header}.${b64({ ...claims, roles: ['ADMIN'] })}.${signature}`, 'roles raised');
    await expectRefused(
      `Bearer ${header}.${b64({ ...claims, sub: '00000000-0000-4000-8000-000000000000' })}.${signature}`,
      'other subject',
    );
  });

  it('refuses unsigned tokens and tokens signed with another key', async () => {
    const live = { ...claims, iat: now(), exp: now() + 600 };
    await expectRefused(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(live)}.`, 'alg none');
    await expectRefused(`Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64(live)}`, 'alg none, no signature part');
    await expectRefused(`Bearer ${sign(live, 'another key of thirty-two bytes or more, surely')}`, 'another key');
    await expectRefused(`Bearer ${sign(live, '')}`, 'empty key');
  });

  it('refuses a refresh token presented as an access token', async () => {
    await expectRefused(`Bearer ${refreshToken}`, 'refresh token');
    await expectRefused(`Bearer ${sign({ ...claims, typ: 'refresh', iat: now(), exp: now() + 600 }, env.JWT_SECRET!)}`, 'typ refresh');
  });

  it('refuses malformed Authorization headers', async () => {
    for (const header of [
      undefined,
      '',
      'Bearer',
      'Bearer ',
      `Basic ${Buffer.from(`${demoEmail({ agency: null, role: 'AUDITOR' })}:accord-demo`).toString('base64')}`,
      'Bearer x.y.z',
      'Bearer ....',
      `Bearer ${'a'.repeat(10_000)}`,
      `bearer-${accessToken}`,
    ]) {
      await expectRefused(header, JSON.stringify(header?.slice(0, 30)));
    }
  });

  it('refuses a token of a session that has ended, though signed and unexpired', async () => {
    const client = await login(apiUrl, demoEmail({ agency: null, role: 'AUDITOR' }));
    expect((await client.get(`${V1}/me`)).status).toBe(200);
    expect((await client.post(`${V1}/auth/logout`)).status).toBe(204);
    await expectRefused(`Bearer ${client.token}`, 'logged out');
  });
});
