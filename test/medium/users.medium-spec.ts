import { randomUUID } from 'node:crypto';
import { UsersService } from '../../apps/api/src/users/users.service';
import type { UserListQuery } from '../../apps/api/src/users/users.dto';
import type { AuthUser } from '../../apps/api/src/auth/auth-user';
import { DEMO_USERS, foldText } from '@accord/persistence';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { seededUser } from '../support/medium-users';

const withRole = (role: string) => DEMO_USERS.filter((u) => (u.roles as readonly string[]).includes(role));
const ADMIN = withRole('ADMIN')[0]!;
const AUDITOR = withRole('AUDITOR')[0]!;
/** An agency with two demo members (an officer and its head). */
const HEAD = withRole('AGENCY_HEAD')[0]!;
const COLLEAGUES = DEMO_USERS.filter((u) => u.agency === HEAD.agency);
const OUTSIDER = DEMO_USERS.find((u) => u.agency !== null && u.agency !== HEAD.agency)!;

describe('UsersService (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  let service: UsersService;
  beforeAll(async () => {
    db = await mediumDatabase();
    service = new UsersService(db.appDataSource);
  });
  afterAll(() => db.close());

  const as = (email: string) => seededUser(db.dataSource, email);
  const list = (user: AuthUser, q: Partial<UserListQuery> = {}) => service.list(user, q as UserListQuery);
  const emails = (page: { items: { email: string }[] }) => page.items.map((u) => u.email).sort();

  /** Every page of the list, following nextCursor. */
  async function all(user: AuthUser, q: Partial<UserListQuery>) {
    const items: { id: string; email: string; fullName: string }[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 50; pages++) {
      const page = await list(user, { ...q, cursor });
      items.push(...page.items);
      if (!page.nextCursor) return { items, pages: pages + 1 };
      cursor = page.nextCursor;
    }
    throw new Error('the list does not end');
  }

  it('shows administrators and auditors every user, never with a password hash', async () => {
    const everyone = DEMO_USERS.map((u) => u.email).sort();
    for (const who of [ADMIN, AUDITOR]) {
      const page = await list(await as(who.email), { limit: 200 });
      expect(emails(page)).toEqual(everyone);
      expect(page.nextCursor).toBeNull();
      expect(JSON.stringify(page)).not.toMatch(/password|scrypt/i);
    }
  });

  it('shows an agency member only the members of their agency, whatever the filter asks', async () => {
    const head = await as(HEAD.email);
    expect(emails(await list(head))).toEqual(COLLEAGUES.map((u) => u.email).sort());
    expect((await list(head, { agency: OUTSIDER.agency! })).items).toEqual([]);
    expect(emails(await list(await as(OUTSIDER.email)))).not.toContain(HEAD.email);
  });

  it('shows a user of no agency (and no overseeing role) only themself', async () => {
    const id = randomUUID();
    await db.dataSource.query(
      `INSERT INTO app_user (id, email, full_name, password_hash, agency_code, roles) VALUES ($1, $2, 'Người Lẻ', 'x', NULL, '{LEADER}')`,
      [id, `loner-${id}@example.test`],
    );
    const loner: AuthUser = {
      id,
      email: `loner-${id}@example.test`,
      fullName: 'Người Lẻ',
      agencyCode: null,
      roles: ['LEADER'],
      province: 'HT',
    };
    expect((await list(loner)).items.map((u) => u.id)).toEqual([id]);
    await db.dataSource.query('DELETE FROM app_user WHERE id = $1', [id]);
  });

  it('pages through everyone in name order (ignoring case and accents), each user exactly once', async () => {
    const admin = await as(ADMIN.email);
    const { items, pages } = await all(admin, { limit: 4 });
    expect(pages).toBe(Math.ceil(DEMO_USERS.length / 4));
    expect(items.map((u) => u.email).sort()).toEqual(DEMO_USERS.map((u) => u.email).sort());
    expect(new Set(items.map((u) => u.id)).size).toBe(items.length);
    const folded = items.map((u) => foldText(u.fullName));
    expect(folded).toEqual([...folded].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('finds users by words of the name or e-mail without accents, and by role', async () => {
    const admin = await as(ADMIN.email);
    const target = DEMO_USERS.find((u) => foldText(u.fullName) !== u.fullName.toLowerCase())!;
    const words = foldText(target.fullName).split(' ');
    const query = `${words[0]} ${words[words.length - 1]}`;
    const expected = DEMO_USERS.filter((u) => query.split(' ').every((w) => foldText(u.fullName).includes(w) || u.email.includes(w)));
    expect(expected.map((u) => u.email)).toContain(target.email);
    expect(emails(await list(admin, { q: query.toUpperCase() }))).toEqual(expected.map((u) => u.email).sort());
    expect(emails(await list(admin, { role: 'AGENCY_HEAD' }))).toEqual(
      withRole('AGENCY_HEAD')
        .map((u) => u.email)
        .sort(),
    );
    // % and _ are letters, not patterns.
    expect((await list(admin, { q: '%' })).items).toEqual([]);
  });

  it('refuses a cursor it did not issue with a 400', async () => {
    await expect(list(await as(ADMIN.email), { cursor: Buffer.from('["x"]').toString('base64url') })).rejects.toMatchObject({
      status: 400,
    });
  });
});
