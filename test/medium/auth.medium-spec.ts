import { randomBytes } from 'node:crypto';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { JwtAuthGuard } from '../../apps/api/src/auth/jwt-auth.guard';
import { LOGIN_EMAIL_LIMIT, LoginThrottle } from '../../apps/api/src/auth/login-throttle';
import { TokenService } from '../../apps/api/src/auth/token.service';
import { loadConfig } from '@accord/config';
import { DEMO_USERS, findUserAccountByEmail, type UserAccountRow } from '@accord/persistence';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';

const [SUBMITTER, OFFICER] = DEMO_USERS.filter((u) => u.agency !== null).map((u) => u.email);

const config = (env: Record<string, string> = {}) =>
  loadConfig({ DATABASE_URL: 'postgres://unused@127.0.0.1/unused', JWT_SECRET: randomBytes(32).toString('base64url'), ...env });

/** What a request through the global guard looks like: only the Authorization header matters here. */
function request(accessToken: string): ExecutionContext {
  const req = { headers: { authorization: `Bearer ${accessToken}` } };
  return {
    getHandler: () => request,
    getClass: () => Object,
    switchToHttp: () => ({ getRequest: () => req }),
  } as unknown as ExecutionContext;
}

describe('TokenService and JwtAuthGuard (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  let tokens: TokenService;
  let guard: JwtAuthGuard;
  let user: UserAccountRow;
  let jwt: JwtService;
  beforeAll(async () => {
    db = await mediumDatabase();
    const cfg = config();
    jwt = new JwtService({ secret: cfg.JWT_SECRET, signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } });
    tokens = new TokenService(jwt, cfg, db.appDataSource);
    guard = new JwtAuthGuard(new Reflector(), jwt, db.appDataSource);
    user = (await findUserAccountByEmail(db.appDataSource, SUBMITTER!))!;
  });
  afterAll(() => db.close());

  const reload = async (id: string) => (id === user.id ? user : null);

  it('lets an access token in while its session lives, with the roles the user has now', async () => {
    const pair = await tokens.issue(user);
    await expect(guard.canActivate(request(pair.accessToken))).resolves.toBe(true);
    await db.dataSource.query(`UPDATE app_user SET roles = '{SUBMITTER,REVIEWER}' WHERE id = $1`, [user.id]);
    const ctx = request(pair.accessToken);
    await guard.canActivate(ctx);
    expect(ctx.switchToHttp().getRequest().user.roles).toEqual(['SUBMITTER', 'REVIEWER']);
    await db.dataSource.query(`UPDATE app_user SET roles = '{SUBMITTER}' WHERE id = $1`, [user.id]);
  });

  it('rotates a refresh token: the new pair works, and its refresh token rotates in turn', async () => {
    const first = await tokens.issue(user);
    const rotated = await tokens.rotate(first.refreshToken, reload);
    expect(rotated?.user.id).toBe(user.id);
    expect(rotated!.tokens.refreshToken).not.toBe(first.refreshToken);
    await expect(guard.canActivate(request(rotated!.tokens.accessToken))).resolves.toBe(true);
    // The session's next token rotates again; the spent one never does.
    const again = await tokens.rotate(rotated!.tokens.refreshToken, reload);
    expect(again).not.toBeNull();
  });

  it('ends the whole session when a spent refresh token comes back (it was copied)', async () => {
    const first = await tokens.issue(user);
    const rotated = (await tokens.rotate(first.refreshToken, reload))!;
    expect(await tokens.rotate(first.refreshToken, reload)).toBeNull();
    // Neither copy keeps the session: the current refresh token and the access tokens are refused too.
    expect(await tokens.rotate(rotated.tokens.refreshToken, reload)).toBeNull();
    await expect(guard.canActivate(request(rotated.tokens.accessToken))).rejects.toMatchObject({ status: 401 });
    const { sid } = jwt.decode<{ sid: string }>(first.refreshToken);
    const [session] = await db.dataSource.query(`SELECT revoked_reason FROM auth_session WHERE id = $1`, [sid]);
    expect(session.revoked_reason).toBe('refresh-reuse');
  });

  it('lets only one of two parallel uses of one refresh token through', async () => {
    const first = await tokens.issue(user);
    const results = await Promise.all([tokens.rotate(first.refreshToken, reload), tokens.rotate(first.refreshToken, reload)]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });

  it('logout ends the session: its access token and its refresh token are refused, other sessions go on', async () => {
    const mine = await tokens.issue(user);
    const other = await tokens.issue(user);
    const ctx = request(mine.accessToken);
    await guard.canActivate(ctx);
    await tokens.revoke(ctx.switchToHttp().getRequest().user.sessionId, 'logout');
    await expect(guard.canActivate(request(mine.accessToken))).rejects.toMatchObject({ status: 401 });
    expect(await tokens.rotate(mine.refreshToken, reload)).toBeNull();
    await expect(guard.canActivate(request(other.accessToken))).resolves.toBe(true);
  });

  it('refuses a refresh token as an access token, and an access token as a refresh token', async () => {
    const pair = await tokens.issue(user);
    await expect(guard.canActivate(request(pair.refreshToken))).rejects.toMatchObject({ status: 401 });
    expect(await tokens.rotate(pair.accessToken, reload)).toBeNull();
  });
});

describe('LoginThrottle (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await mediumDatabase();
  });
  afterAll(() => db.close());

  const throttle = (env: Record<string, string> = {}) => new LoginThrottle(db.appDataSource, config(env));

  it(`allows ${LOGIN_EMAIL_LIMIT} failed checks per e-mail, then refuses with a Retry-After within the window`, async () => {
    const t = throttle();
    for (let i = 0; i < LOGIN_EMAIL_LIMIT; i++) expect((await t.reserve(SUBMITTER!, null)).ok).toBe(true);
    const refused = await t.reserve(SUBMITTER!, null);
    expect(refused).toMatchObject({ ok: false });
    if (refused.ok) throw new Error('unreachable');
    expect(refused.retryAfterSeconds).toBeGreaterThan(14 * 60);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
    // Another account is not affected, and the same one in other case and spacing is the same account.
    expect((await t.reserve(OFFICER!, null)).ok).toBe(true);
    expect((await t.reserve(`  ${SUBMITTER!.toUpperCase()} `, null)).ok).toBe(false);
  });

  it('gives a right password its check back, so only failures count', async () => {
    const t = throttle();
    const email = `refund-${randomBytes(4).toString('hex')}@example.test`;
    for (let i = 0; i < LOGIN_EMAIL_LIMIT - 1; i++) expect((await t.reserve(email, null)).ok).toBe(true);
    const last = await t.reserve(email, null);
    if (!last.ok) throw new Error('the tenth check should be allowed');
    await last.slot.refund();
    const refundedLast = await t.reserve(email, null);
    expect(refundedLast.ok).toBe(true);
    expect((await t.reserve(email, null)).ok).toBe(false);
  });

  it('counts the window again once old checks leave it', async () => {
    const t = throttle();
    const email = `window-${randomBytes(4).toString('hex')}@example.test`;
    for (let i = 0; i < LOGIN_EMAIL_LIMIT; i++) await t.reserve(email, null);
    expect((await t.reserve(email, null)).ok).toBe(false);
    // The checks were made 16 minutes ago: out of the window.
    await db.dataSource.query(
      `UPDATE login_throttle SET attempts = ARRAY(SELECT a - interval '16 minutes' FROM unnest(attempts) a) WHERE key = $1`,
      [`email:${email}`],
    );
    expect((await t.reserve(email, null)).ok).toBe(true);
  });

  it('limits an address across e-mails, and refunds the e-mail check when the address is refused', async () => {
    const t = throttle({ LOGIN_IP_LIMIT: '3' });
    const address = t.limitedAddress('203.0.113.7', undefined)!;
    expect(address).toBe('203.0.113.7');
    const emails = [1, 2, 3, 4].map((i) => `ip-${i}-${randomBytes(3).toString('hex')}@example.test`);
    for (const e of emails.slice(0, 3)) expect((await t.reserve(e, address)).ok).toBe(true);
    expect((await t.reserve(emails[3]!, address)).ok).toBe(false);
    // The refused attempt left the fourth e-mail's count untouched.
    const [row] = await db.dataSource.query(`SELECT cardinality(attempts) AS n FROM login_throttle WHERE key = $1`, [`email:${emails[3]}`]);
    expect(row?.n ?? 0).toBe(0);
  });
});
