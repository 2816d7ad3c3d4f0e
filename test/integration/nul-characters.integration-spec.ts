/**
 * Postgres text and jsonb cannot hold a NUL character (U+0000). A request carrying one, in a query filter or
 * anywhere in a JSON body, must be a 400 naming the field — never the driver's 500 — and must write nothing.
 */
import { Client } from 'pg';
import { mouBody } from '../support/fixtures';
import { login, type ApiClient } from '../support/http';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl, databaseUrl } = stack();
const V1 = '/api/v1';
const NUL = '\u0000';

describe('NUL characters in requests', () => {
  let db: Client;
  let submitter: ApiClient, officer: ApiClient, admin: ApiClient;

  beforeAll(async () => {
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    [submitter, officer, admin] = await Promise.all(
      [
        demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
        demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
        demoEmail({ agency: null, role: 'ADMIN' }),
      ].map((e) => login(apiUrl, e)),
    );
  });

  afterAll(async () => {
    await db?.end();
  });

  const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();

  it.each([
    ['/proposals?q=', 'q'],
    ['/proposals?agency=', 'agency'],
    ['/tasks?q=', 'q'],
    ['/users?q=', 'q'],
    ['/audit?actorId=', 'actorId'],
    ['/audit?action=', 'action'],
    ['/agreements?country=', 'country'],
    ['/plans?agency=', 'agency'],
  ])('GET %s with a NUL is a 400 on that field', async (path, field) => {
    const res = await admin.get(`${V1}${path}a${encodeURIComponent(NUL)}b`);
    expect({ status: res.status, code: res.body.code, fields: fields(res.body) }).toEqual({
      status: 400,
      code: 'UNSAFE_INPUT',
      fields: [field],
    });
    expect(res.contentType).toMatch(/problem\+json/);
  });

  it('refuses a proposal with a NUL anywhere in its body, naming the field, and creates nothing', async () => {
    const count = async () =>
      Number((await db.query(`SELECT count(*) AS n FROM proposal WHERE submitting_agency_code = 'HT-SCT'`)).rows[0].n);
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [mouBody({ title: `Hợp tác${NUL}` }), 'title'],
      [mouBody({ summary: `${NUL}` }), 'summary'],
      [
        mouBody({}, { counterpart: { name: `Đối tác${NUL}`, country: 'LA', type: 'FOREIGN_LOCAL_GOVERNMENT' } }),
        'details.counterpart.name',
      ],
      [{ ...mouBody(), [`ex${NUL}tra`]: 1 }, `ex${NUL}tra`],
    ];
    for (const [body, field] of cases) {
      const res = await submitter.post(`${V1}/proposals`, body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(fields(res.body)).toContain(field);
    }
    expect(await count()).toBe(before);
  });

  it('refuses a decision comment with a NUL and leaves the task open', async () => {
    const { body: p } = await submitter.post(`${V1}/proposals`, mouBody({ title: 'NUL in a decision comment' }));
    const [task] = (await officer.get(`${V1}/tasks?proposalId=${p.id}&status=OPEN`)).body.items;
    const res = await officer.post(`${V1}/tasks/${task.id}/complete`, { decision: 'COMPLETE', comment: `Đủ${NUL}` });
    expect({ status: res.status, fields: fields(res.body) }).toEqual({ status: 400, fields: ['comment'] });
    expect((await officer.get(`${V1}/tasks/${task.id}`)).body.status).toBe('OPEN');
  });
});
