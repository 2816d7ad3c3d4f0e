/**
 * Sign-in and sessions, black-box over HTTP against the real stack (issue 12, items 4, 5, 7, 9, 10):
 * server-side sessions (logout, refresh rotation with reuse detection, role changes at once), the JWT secret,
 * the login limits per e-mail and per address counted atomically in Postgres, equal work for unknown e-mails,
 * and scrypt hashes rehashed at today's cost on login.
 */
import { createHmac, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { Client } from 'pg';
import { hashPassword } from '@accord/persistence/security/password';
import { ApiClient } from '../support/http';
import { mouBody } from '../support/fixtures';
import { LOGIN_IP_LIMIT, stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl, databaseUrl } = stack();
const V1 = '/api/v1';
const PASSWORD = `pw-${randomBytes(6).toString('hex')}`;
const tag = randomBytes(4).toString('hex');
const anonymous = new ApiClient(apiUrl);

interface Pair {
  accessToken: string;
  refreshToken: string;
}

/** A hash as the code before December 2026 wrote it: Node's default scrypt cost, no parameters stored. */
function legacyHash(password: string): string {
  const salt = randomBytes(16);
  return `scrypt$${salt.toString('base64')}$${scryptSync(password, salt, 32).toString('base64')}`;
}

/** An HS256 JWT signed with `secret`, made by hand (what anyone who knows the secret can do). */
function forge(payload: object, secret: string): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 3600, ...payload })}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('sign-in and sessions', () => {
  let db: Client;
  let hash: string;
  const emails: string[] = [];

  /** A user of HT-SCT (SUBMITTER) of this suite's own, so its login limit and sessions touch no other suite. */
  async function user(name: string, passwordHash = hash): Promise<{ id: string; email: string }> {
    const id = randomUUID();
    const email = `auth-${name}-${tag}@example.org`;
    await db.query(
      `INSERT INTO app_user (id, email, full_name, password_hash, agency_code, roles) VALUES ($1, $2, $3, $4, 'HT-SCT', '{SUBMITTER}')`,
      [id, email, `Thử đăng nhập ${name}`, passwordHash],
    );
    emails.push(email);
    return { id, email };
  }

  async function login(email: string, password = PASSWORD, headers: Record<string, string> = {}) {
    return anonymous.request<Pair & { user: { id: string } }>('POST', `${V1}/auth/login`, { email, password }, headers);
  }

  async function signedIn(email: string): Promise<Pair> {
    const res = await login(email);
    expect(res.status).toBe(200);
    return res.body;
  }

  const me = (token: string) => new ApiClient(apiUrl, token).get(`${V1}/me`);
  const refresh = (refreshToken: string) => anonymous.post<Pair>(`${V1}/auth/refresh`, { refreshToken });

  beforeAll(async () => {
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    // This suite's users are Hà Tĩnh's.
    await db.query(`SELECT set_config('accord.province', 'HT', false)`);
    hash = await hashPassword(PASSWORD);
  });

  afterAll(async () => {
    if (!db) return;
    await db.query('DELETE FROM app_user WHERE email = ANY($1)', [emails]);
    await db.end();
  });

  describe('sessions (items 4 and 7)', () => {
    it('rotates refresh tokens: a used one is spent, and presenting it again ends the whole session', async () => {
      const { email } = await user('rotate');
      const first = await signedIn(email);
      const second = await refresh(first.refreshToken);
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect((await me(second.body.accessToken)).status).toBe(200);
      // The spent token again: refused, and the session (family) is over for every token of it.
      expect((await refresh(first.refreshToken)).status).toBe(401);
      expect((await refresh(second.body.refreshToken)).status).toBe(401);
      expect((await me(second.body.accessToken)).status).toBe(401);
      expect((await me(first.accessToken)).status).toBe(401);
      // Another session of the same user is not touched.
      expect((await me((await signedIn(email)).accessToken)).status).toBe(200);
    });

    it('lets a refresh token be used once even when it is presented twice at the same moment', async () => {
      const { email } = await user('race');
      const pair = await signedIn(email);
      const statuses = (await Promise.all([refresh(pair.refreshToken), refresh(pair.refreshToken), refresh(pair.refreshToken)])).map(
        (r) => r.status,
      );
      expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(1);
    });

    it("logs out: 204, then that session's access and refresh tokens get 401, other sessions go on", async () => {
      const { email } = await user('logout');
      const [ending, other] = [await signedIn(email), await signedIn(email)];
      const out = await new ApiClient(apiUrl, ending.accessToken).post(`${V1}/auth/logout`);
      expect(out.status).toBe(204);
      expect((await me(ending.accessToken)).status).toBe(401);
      expect((await refresh(ending.refreshToken)).status).toBe(401);
      expect((await me(other.accessToken)).status).toBe(200);
      expect((await anonymous.post(`${V1}/auth/logout`)).status).toBe(401);
    });

    it('applies a role change, and the removal of the user, to tokens already issued', async () => {
      const { id, email } = await user('roles');
      const { accessToken } = await signedIn(email);
      const client = new ApiClient(apiUrl, accessToken);
      expect((await client.post(`${V1}/proposals/preview`, mouBody())).status).toBe(200);
      await db.query(`UPDATE app_user SET roles = '{REVIEWER}', agency_code = 'HT-SNGV' WHERE id = $1`, [id]);
      expect((await client.post(`${V1}/proposals/preview`, mouBody())).status).toBe(403);
      expect((await client.get(`${V1}/me`)).body).toMatchObject({ roles: ['REVIEWER'], agency: { code: 'HT-SNGV' } });
      await db.query('DELETE FROM app_user WHERE id = $1', [id]);
      expect((await client.get(`${V1}/me`)).status).toBe(401);
    });

    it('refuses tokens signed with the old public development secret, and tokens of no session', async () => {
      const [admin] = (await db.query(`SELECT id, email FROM app_user WHERE email = $1`, [demoEmail({ agency: null, role: 'ADMIN' })]))
        .rows;
      const claims = { sub: admin.id, typ: 'access', email: admin.email, fullName: 'x', agencyCode: null, roles: ['ADMIN'] };
      for (const token of [
        forge(claims, 'accord-development-secret-change-me'),
        forge({ ...claims, sid: randomUUID() }, 'accord-development-secret-change-me'),
      ]) {
        expect((await me(token)).status).toBe(401);
        expect((await new ApiClient(apiUrl, token).get(`${V1}/audit?limit=1`)).status).toBe(401);
      }
    });
  });

  describe('login limits (item 5)', () => {
    it('checks at most 10 passwords for 60 parallel guesses at one e-mail in mixed case and with spaces, then 429 even for the right password', async () => {
      const { email } = await user('guess');
      const variant = (i: number) => {
        const mixed = [...email].map((ch, j) => ((i + j) % 2 ? ch.toUpperCase() : ch)).join('');
        // A third each: no spaces, a leading one, two trailing ones (the plain ones alone overran the old in-memory counter).
        return `${i % 3 === 1 ? ' ' : ''}${mixed}${i % 3 === 2 ? '  ' : ''}`;
      };
      const statuses = (await Promise.all(Array.from({ length: 60 }, (_, i) => login(variant(i), `wrong-${i}`)))).map((r) => r.status);
      const count = (s: number) => statuses.filter((x) => x === s).length;
      expect({ checked: count(401), limited: count(429), other: statuses.length - count(401) - count(429) }).toEqual({
        checked: 10,
        limited: 50,
        other: 0,
      });
      const right = await login(email.toUpperCase());
      expect(right.status).toBe(429);
      expect(right.contentType).toMatch(/application\/problem\+json/);
      expect((right.body as unknown as { code: string }).code).toBe('LOGIN_THROTTLED');
      const res = await fetch(`${apiUrl}${V1}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      expect(res.status).toBe(429);
      const retryAfter = Number(res.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    });

    it('does not count right passwords: a user signing in often is never locked out', async () => {
      const { email } = await user('often');
      const statuses = (await Promise.all(Array.from({ length: 12 }, () => login(email)))).map((r) => r.status);
      // Parallel right passwords hold a check each while they run, so a few may meet the limit; one after another they never do.
      for (let i = 0; i < 3; i++) expect((await login(email)).status).toBe(200);
      expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(10);
    });

    it('limits password checks per client address (X-Forwarded-For from a trusted proxy), whatever the e-mail', async () => {
      const address = `203.0.113.${1 + (randomBytes(1)[0]! % 250)}`;
      const from = (addr: string) => ({ 'x-forwarded-for': `198.51.100.7, ${addr}` });
      const statuses = (
        await Promise.all(
          Array.from({ length: LOGIN_IP_LIMIT + 5 }, (_, i) => login(`nobody-${i}-${tag}@example.org`, 'wrong', from(address))),
        )
      ).map((r) => r.status);
      expect({ checked: statuses.filter((s) => s === 401).length, limited: statuses.filter((s) => s === 429).length }).toEqual({
        checked: LOGIN_IP_LIMIT,
        limited: 5,
      });
      const { email } = await user('address');
      expect((await login(email, PASSWORD, from(address))).status).toBe(429);
      // Another address, and loopback itself (not counted unless configured), are not affected.
      expect((await login(email, PASSWORD, from('203.0.113.251'))).status).toBe(200);
      expect((await login(email)).status).toBe(200);
    });
  });

  describe('password checks (items 9 and 10)', () => {
    it('answers an unknown e-mail no faster than a wrong password for a real one (same scrypt work)', async () => {
      const { email } = await user('timing');
      const time = async (fn: () => Promise<{ status: number }>) => {
        const t = performance.now();
        expect((await fn()).status).toBe(401);
        return performance.now() - t;
      };
      const wrong: number[] = [];
      const unknown: number[] = [];
      // Interleaved, so a busy moment of the machine falls on both; 10 wrong passwords is exactly the e-mail's limit.
      for (let i = 0; i < 10; i++) {
        wrong.push(await time(() => login(email, `wrong-${i}`)));
        unknown.push(await time(() => login(`nobody-timing-${i}-${tag}@example.org`, `wrong-${i}`)));
      }
      expect(median(unknown)).toBeGreaterThanOrEqual(0.5 * median(wrong));
    });

    it("rehashes an old-format password hash at today's cost on the next successful login", async () => {
      const { id, email } = await user('rehash', legacyHash(PASSWORD));
      await signedIn(email);
      const [{ password_hash: stored }] = (await db.query('SELECT password_hash FROM app_user WHERE id = $1', [id])).rows;
      expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
      await signedIn(email);
      expect((await login(email, 'wrong')).status).toBe(401);
    });

    it('signs in 30 users at once in reasonable time at the raised cost', async () => {
      const people = await Promise.all(Array.from({ length: 30 }, (_, i) => user(`crowd${i}`)));
      const t = performance.now();
      const statuses = (await Promise.all(people.map((p) => login(p.email)))).map((r) => r.status);
      expect(statuses).toEqual(Array(30).fill(200));
      expect(performance.now() - t).toBeLessThan(60_000);
    });
  });
});
