/**
 * The users directory (GET /users): filters, search ignoring case and Vietnamese diacritics, who sees whom, keyset
 * pagination and validation, black-box over HTTP against the real api and Postgres.
 *
 * Besides the demo users it adds, for the length of the suite, an agency of its own with members whose names test the
 * folding and the order (two people of one name, an upper-case name, a name with a % sign), and one user of no agency
 * and no role; all removed at the end.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { hashPassword } from '@accord/persistence/security/password';
import { DEMO_USERS } from '@accord/persistence/seed/demo-data';
import { ApiClient, DEMO_PASSWORD } from '../support/http';
import { signIn, signInAll, type Session } from '../support/sessions';
import { stack } from './stack';
import { DEMO_CAST, demoEmail } from '../support/demo-users';

const { apiUrl, databaseUrl } = stack();
const V1 = '/api/v1';

interface DirectoryUser {
  id: string;
  fullName: string;
  email: string;
  agency: { code: string; name: string } | null;
  roles: string[];
}
interface UserPage {
  items: DirectoryUser[];
  nextCursor: string | null;
}

const tag = randomBytes(3).toString('hex');
const AGENCY = `TEST-DIR-${tag.toUpperCase()}`;
const AGENCY_NAME = 'Sở Thử nghiệm Danh bạ';

/** The suite's own agency: key -> [full name, roles]. */
const MEMBERS = {
  anh1: ['Nguyễn Thị Ánh', ['SUBMITTER']],
  anh2: ['Nguyễn Thị Ánh', ['REVIEWER']],
  bao: ['NGUYỄN VĂN BẢO', ['REVIEWER', 'AGENCY_HEAD']],
  huong: ['Ưng Thị Hương', ['REVIEWER']],
  dat: ['Đỗ Tiến Đạt', ['SUBMITTER']],
  percent: ['Hồ Thị 100%', ['SUBMITTER']],
  yen: ['Lý Hải Yến', ['REVIEWER']],
} as const satisfies Record<string, readonly [string, readonly string[]]>;
type Member = keyof typeof MEMBERS;

const DEMO = DEMO_CAST;

const SEEDED = new Set<string>(DEMO_USERS.map((u) => u.email));
const emailOf = (key: string) => `dir-${key}-${tag}@example.org`;

/** The order the api promises, computed independently: name without case and diacritics, then the name, then the id. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byDirectoryOrder = (a: DirectoryUser, b: DirectoryUser) =>
  cmp(fold(a.fullName), fold(b.fullName)) || cmp(a.fullName, b.fullName) || cmp(a.id, b.id);

describe('users directory', () => {
  let db: Client;
  let demo: Record<keyof typeof DEMO, Session>;
  let ids: Record<Member | 'loner', string>;
  let head: Session;
  let loner: Session;

  beforeAll(async () => {
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    // This suite's agency and users are Hà Tĩnh's.
    await db.query(`SELECT set_config('accord.province', 'HT', false)`);
    const hash = await hashPassword(DEMO_PASSWORD);
    await db.query('INSERT INTO agency (code, name, name_en) VALUES ($1, $2, $3)', [AGENCY, AGENCY_NAME, 'Directory test department']);
    ids = { loner: randomUUID() } as Record<Member | 'loner', string>;
    for (const [key, [fullName, roles]] of Object.entries(MEMBERS) as [Member, (typeof MEMBERS)[Member]][]) {
      ids[key] = randomUUID();
      await db.query('INSERT INTO app_user (id, email, full_name, password_hash, agency_code, roles) VALUES ($1, $2, $3, $4, $5, $6)', [
        ids[key],
        emailOf(key),
        fullName,
        hash,
        AGENCY,
        roles,
      ]);
    }
    await db.query('INSERT INTO app_user (id, email, full_name, password_hash, agency_code, roles) VALUES ($1, $2, $3, $4, NULL, $5)', [
      ids.loner,
      emailOf('loner'),
      'Người Ngoài Danh Bạ',
      hash,
      [],
    ]);
    demo = await signInAll(apiUrl, databaseUrl, DEMO);
    [head, loner] = await Promise.all([signIn(apiUrl, databaseUrl, emailOf('bao')), signIn(apiUrl, databaseUrl, emailOf('loner'))]);
  });

  afterAll(async () => {
    if (!db) return;
    await db.query('DELETE FROM app_user WHERE email LIKE $1', [`dir-%-${tag}@example.org`]);
    await db.query('DELETE FROM agency WHERE code = $1', [AGENCY]);
    await db.end();
  });

  const list = async (who: Session | ApiClient, query = ''): Promise<UserPage> => {
    const client = who instanceof ApiClient ? who : who.client;
    const res = await client.get<UserPage>(`${V1}/users${query}`);
    expect({ query, status: res.status }).toEqual({ query, status: 200 });
    return res.body;
  };
  // Other suites share this stack and add users (single sign-on creates one at a first sign-in): the directory's rules
  // are checked on the seeded users and this suite's own.
  const ours = (email: string) => SEEDED.has(email) || email.endsWith(`-${tag}@example.org`);
  const emails = (page: UserPage) => page.items.map((u) => u.email).filter(ours);
  const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;

  /** Follows nextCursor to the end, checking every page's size. */
  async function walk(who: Session, params: Record<string, string>, limit: number): Promise<{ items: DirectoryUser[]; pages: number }> {
    const items: DirectoryUser[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: UserPage = await list(who, q({ ...params, limit: String(limit), ...(cursor ? { cursor } : {}) }));
      expect(page.items.length).toBeLessThanOrEqual(limit);
      if (page.nextCursor) expect(page.items.length).toBe(limit);
      items.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
      expect(pages).toBeLessThan(100);
    } while (cursor);
    return { items, pages };
  }

  it('lists each user as {id, fullName, email, agency, roles}, sorted by name ignoring case and diacritics, then id, and never a password', async () => {
    const page = await list(demo.admin, q({ agency: AGENCY }));
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((u) => u.fullName)).toEqual([
      'Đỗ Tiến Đạt',
      'Hồ Thị 100%',
      'Lý Hải Yến',
      'Nguyễn Thị Ánh',
      'Nguyễn Thị Ánh',
      'NGUYỄN VĂN BẢO',
      'Ưng Thị Hương',
    ]);
    // The two people of one name come in the order of their ids.
    expect(page.items.slice(3, 5).map((u) => u.id)).toEqual([ids.anh1, ids.anh2].sort());
    expect(page.items.find((u) => u.id === ids.bao)).toEqual({
      id: ids.bao,
      fullName: 'NGUYỄN VĂN BẢO',
      email: emailOf('bao'),
      agency: { code: AGENCY, name: AGENCY_NAME },
      roles: ['REVIEWER', 'AGENCY_HEAD'],
    });

    const everyone = await list(demo.admin, '?limit=200');
    expect(everyone.nextCursor).toBeNull();
    expect(everyone.items).toEqual([...everyone.items].sort(byDirectoryOrder));
    expect(everyone.items.find((u) => u.id === ids.loner)).toEqual({
      id: ids.loner,
      fullName: 'Người Ngoài Danh Bạ',
      email: emailOf('loner'),
      agency: null,
      roles: [],
    });
    expect(everyone.items.find((u) => u.email === DEMO.sct)).toEqual({
      id: demo.sct.id,
      fullName: 'Nguyễn Văn An',
      email: DEMO.sct,
      agency: { code: 'HT-SCT', name: 'Sở Công Thương' },
      roles: ['SUBMITTER'],
    });
    for (const u of everyone.items) expect(Object.keys(u).sort()).toEqual(['agency', 'email', 'fullName', 'id', 'roles']);
    expect(JSON.stringify(everyone)).not.toMatch(/password|scrypt\$/i);
  });

  it('finds people by any part of the name or e-mail, ignoring case and diacritics; every word must match', async () => {
    const { admin } = demo;
    const nguyen = await list(admin, q({ q: 'nguyen', limit: '200' }));
    expect(emails(nguyen).sort()).toEqual([DEMO.sct, emailOf('anh1'), emailOf('anh2'), emailOf('bao')].sort());
    // Accented, upper-case and decomposed (NFD) queries find the same people.
    for (const text of ['Nguyễn', 'NGUYỄN', 'nguyễn'.normalize('NFD'), '  nguyen  ']) {
      expect({ text, found: emails(await list(admin, q({ q: text, limit: '200' }))) }).toEqual({ text, found: emails(nguyen) });
    }
    const cases: [Record<string, string>, string[]][] = [
      [{ q: 'nguyen thi anh' }, [emailOf('anh1'), emailOf('anh2')]],
      [{ q: 'anh nguyen' }, [emailOf('anh1'), emailOf('anh2')]],
      [{ q: 'Nguyễn Văn' }, [DEMO.sct, emailOf('bao')]],
      [{ q: 'dat', agency: AGENCY }, [emailOf('dat')]],
      [{ q: 'ĐẠT' }, [emailOf('dat')]],
      [{ q: 'do tien' }, [emailOf('dat')]],
      [{ q: 'huong' }, [emailOf('huong')]],
      [{ q: 'ưng thị' }, [emailOf('huong')]],
      [{ q: 'dang van long' }, [DEMO.ca]],
      [{ q: 'SNGV.HATINH' }, [DEMO.officer, DEMO.head]],
      [{ q: `dir-yen-${tag}` }, [emailOf('yen')]],
      // % and _ match themselves, not any text.
      [{ q: '100%' }, [emailOf('percent')]],
      [{ q: '%', agency: AGENCY }, [emailOf('percent')]],
      [{ q: '_', agency: AGENCY }, []],
      [{ q: 'nobody-has-this-name' }, []],
      // A blank query filters nothing.
      [{ q: '   ', agency: 'HT-SNGV' }, [DEMO.officer, DEMO.head]],
    ];
    for (const [params, expected] of cases) {
      const found = emails(await list(admin, q({ ...params, limit: '200' })));
      expect({ params, found: found.sort() }).toEqual({ params, found: [...expected].sort() });
    }
  });

  it('filters by agency and by role, alone or together', async () => {
    const { admin } = demo;
    expect(emails(await list(admin, q({ agency: 'HT-SNGV' })))).toEqual([DEMO.officer, DEMO.head]);
    expect(emails(await list(admin, q({ agency: 'HT-UBND' })))).toEqual([
      DEMO.chairman,
      DEMO.vicechair,
      demoEmail({ agency: 'HT-UBND', role: 'CLERK' }),
    ]);
    expect(emails(await list(admin, q({ agency: 'NO-SUCH-AGENCY' })))).toEqual([]);
    const heads = await list(admin, q({ role: 'AGENCY_HEAD', limit: '200' }));
    expect(emails(heads).sort()).toEqual([DEMO.head, emailOf('bao')].sort());
    expect(emails(await list(admin, q({ role: 'ADMIN' })))).toEqual([DEMO.admin]);
    expect(emails(await list(admin, q({ agency: AGENCY, role: 'REVIEWER' })))).toEqual([
      emailOf('yen'),
      emailOf('anh2'),
      emailOf('bao'),
      emailOf('huong'),
    ]);
    expect(emails(await list(admin, q({ agency: AGENCY, role: 'REVIEWER', q: 'nguyen' })))).toEqual([emailOf('anh2'), emailOf('bao')]);
    expect(emails(await list(admin, q({ agency: 'HT-SNGV', role: 'SUBMITTER' })))).toEqual([]);
  });

  it('shows ADMIN and AUDITOR everyone, anyone else only the members of their own agency, and a user of no agency only themself', async () => {
    const { admin, auditor, sct, officer, chairman } = demo;
    const everyone = await list(admin, '?limit=200');
    expect(await list(auditor, '?limit=200')).toEqual(everyone);
    expect(emails(everyone)).toEqual(
      expect.arrayContaining([...Object.values(DEMO), ...Object.keys(MEMBERS).map(emailOf), emailOf('loner')]),
    );

    // A department's submitter sees its own agency only, whatever the filters ask for.
    expect(emails(await list(sct))).toEqual([DEMO.sct]);
    expect(emails(await list(sct, q({ q: 'nguyen' })))).toEqual([DEMO.sct]);
    expect(emails(await list(sct, q({ agency: 'HT-SNGV' })))).toEqual([]);
    expect(emails(await list(sct, q({ role: 'ADMIN' })))).toEqual([]);
    expect(emails(await list(officer))).toEqual([DEMO.officer, DEMO.head]);
    expect(emails(await list(officer, q({ agency: 'HT-SNGV', q: 'dung' })))).toEqual([DEMO.head]);
    // LEADER is not ADMIN: the chairman sees the people's committee.
    expect(emails(await list(chairman))).toEqual([DEMO.chairman, DEMO.vicechair, demoEmail({ agency: 'HT-UBND', role: 'CLERK' })]);
    const mine = await list(head);
    expect(mine.items.map((u) => u.id).sort()).toEqual(
      Object.keys(MEMBERS)
        .map((k) => ids[k as Member])
        .sort(),
    );
    expect(mine.items.every((u) => u.agency?.code === AGENCY)).toBe(true);

    expect((await list(loner)).items).toEqual([
      { id: ids.loner, fullName: 'Người Ngoài Danh Bạ', email: emailOf('loner'), agency: null, roles: [] },
    ]);
    expect((await list(loner, q({ q: 'nguyen' }))).items).toEqual([]);
    expect((await list(loner, q({ agency: AGENCY }))).items).toEqual([]);

    expect((await new ApiClient(apiUrl).get(`${V1}/users`)).status).toBe(401);
  });

  it('walks every page once: the pages put together are the whole list, with nothing twice and nothing missing', async () => {
    const { admin, auditor } = demo;
    const everyone = (await list(admin, '?limit=200')).items;
    for (const limit of [1, 2, 3, 5]) {
      const walked = await walk(admin, {}, limit);
      expect(walked.items).toEqual(everyone);
      expect(walked.pages).toBe(Math.ceil(everyone.length / limit));
    }
    // Filtered walks, including a page boundary between the two people of one name.
    const agency = (await list(admin, q({ agency: AGENCY }))).items;
    for (const limit of [1, 2, 4]) expect((await walk(auditor, { agency: AGENCY }, limit)).items).toEqual(agency);
    const nguyen = (await list(admin, q({ q: 'nguyen', limit: '200' }))).items;
    expect((await walk(admin, { q: 'nguyen' }, 1)).items).toEqual(nguyen);
    expect((await walk(head, { role: 'REVIEWER' }, 3)).items.map((u) => u.email)).toEqual([
      emailOf('yen'),
      emailOf('anh2'),
      emailOf('bao'),
      emailOf('huong'),
    ]);
    // The default page is 50 users.
    const defaultPage = await list(admin);
    expect(defaultPage.items).toEqual(everyone.slice(0, 50));
    expect(defaultPage.nextCursor === null).toBe(everyone.length <= 50);
  });

  it('refuses bad parameters with 400 and the fields at fault', async () => {
    const { admin } = demo;
    const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const cases: [string, string[]][] = [
      ['?limit=0', ['limit']],
      ['?limit=201', ['limit']],
      ['?limit=abc', ['limit']],
      ['?limit=1.5', ['limit']],
      ['?cursor=not-a-cursor', ['cursor']],
      [`?cursor=${cursorOf(['a', 'b'])}`, ['cursor']],
      [`?cursor=${cursorOf(['a', 'b', 'not-a-uuid'])}`, ['cursor']],
      [`?cursor=${cursorOf([1, 2, randomUUID()])}`, ['cursor']],
      [`?cursor=${cursorOf(['a\u0000', 'b', randomUUID()])}`, ['cursor']],
      ['?role=BOSS', ['role']],
      ['?role=admin', ['role']],
      ['?agency=', ['agency']],
      [`?agency=${'X'.repeat(33)}`, ['agency']],
      [`?q=${'x'.repeat(201)}`, ['q']],
      ['?q=a%00b', ['q']],
      ['?q=a&q=b', ['q']],
      ['?password=x', ['password']],
      ['?limit=0&role=BOSS', ['limit', 'role']],
    ];
    for (const [query, fields] of cases) {
      const res = await admin.client.get<{ status: number; errors?: { field: string }[] }>(`${V1}/users${query}`);
      expect({ query, status: res.status, fields: (res.body.errors ?? []).map((e) => e.field).sort() }).toEqual({
        query,
        status: 400,
        fields,
      });
      expect(res.contentType).toMatch(/application\/problem\+json/);
    }
  });
});
