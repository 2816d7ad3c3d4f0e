/** Conventions of docs/api.md, black-box: auth, problem+json, field errors, idempotency, pagination, visibility. */
import { ApiClient, login } from '../support/http';
import { assertProblemCode } from '../support/problem';
import { mouBody } from '../support/fixtures';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl } = stack();
const V1 = '/api/v1';

describe('API conventions (docs/api.md)', () => {
  let anonymous: ApiClient,
    submitter: ApiClient,
    otherSubmitter: ApiClient,
    officer: ApiClient,
    ca: ApiClient,
    chairman: ApiClient,
    auditor: ApiClient;

  beforeAll(async () => {
    anonymous = new ApiClient(apiUrl);
    [submitter, otherSubmitter, officer, ca, chairman, auditor] = await Promise.all(
      [
        demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
        demoEmail({ agency: 'HT-SGDDT', role: 'SUBMITTER' }),
        demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
        demoEmail({ agency: 'HT-CA', role: 'REVIEWER' }),
        demoEmail({ agency: 'HT-UBND', role: 'LEADER' }),
        demoEmail({ agency: null, role: 'AUDITOR' }),
      ].map((email) => login(apiUrl, email)),
    );
  });

  it('logs in and tells who the caller is', async () => {
    const bad = await anonymous.post(`${V1}/auth/login`, { email: demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }), password: 'wrong' });
    expect(bad.status).toBe(401);
    expect(bad.contentType).toMatch(/application\/problem\+json/);
    expect(bad.body).toMatchObject({
      type: expect.any(String),
      title: 'Unauthorized',
      status: 401,
      code: 'INVALID_CREDENTIALS',
      detail: expect.any(String),
    });
    const me = await submitter.get(`${V1}/me`);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: expect.any(String),
      email: demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
      fullName: expect.any(String),
      agency: { code: 'HT-SCT', name: 'Sở Công Thương' },
      roles: ['SUBMITTER'],
      province: 'HT',
      provinceName: 'Tỉnh Hà Tĩnh',
    });
    expect((await auditor.get(`${V1}/me`)).body.agency).toBeNull();
  });

  it('refreshes tokens; a refresh token is not an access token', async () => {
    const res = await anonymous.post(`${V1}/auth/login`, { email: demoEmail({ agency: null, role: 'AUDITOR' }), password: 'accord-demo' });
    expect(res.body).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: expect.any(Number),
    });
    expect((await new ApiClient(apiUrl, res.body.refreshToken).get(`${V1}/me`)).body).toMatchObject({
      status: 401,
      code: 'ACCESS_TOKEN_INVALID',
    });
    const refreshed = await anonymous.post(`${V1}/auth/refresh`, { refreshToken: res.body.refreshToken });
    expect(refreshed.status).toBe(200);
    expect((await new ApiClient(apiUrl, refreshed.body.accessToken).get(`${V1}/me`)).body.email).toBe(
      demoEmail({ agency: null, role: 'AUDITOR' }),
    );
    expect((await anonymous.post(`${V1}/auth/refresh`, { refreshToken: res.body.accessToken })).status).toBe(401);
    expect((await anonymous.post(`${V1}/auth/refresh`, { refreshToken: 'not-a-token-at-all' })).body).toMatchObject({
      status: 401,
      code: 'REFRESH_TOKEN_INVALID',
    });
    expect((await anonymous.post(`${V1}/auth/refresh`, {})).status).toBe(400);
  });

  it('rate-limits repeated failed logins for one e-mail with 429', async () => {
    // An address of its own: the lock-out lasts 15 minutes in the shared api, and the limit counts unknown e-mails too.
    const email = `locked-out-${Date.now()}@accord.local`;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await anonymous.post(`${V1}/auth/login`, { email, password: `wrong-${i}` })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    expect((await anonymous.post(`${V1}/auth/login`, { email, password: 'accord-demo' })).body).toMatchObject({
      status: 429,
      code: 'LOGIN_THROTTLED',
    });
    // Other e-mails are not affected.
    expect(
      (
        await anonymous.post(`${V1}/auth/login`, {
          email: demoEmail({ agency: 'HT-UBND', role: 'LEADER', nth: 1 }),
          password: 'accord-demo',
        })
      ).status,
    ).toBe(200);
  });

  it('needs a bearer token on /api/v1 routes and refuses the wrong role with 403', async () => {
    expect((await anonymous.get(`${V1}/proposals`)).body).toMatchObject({ status: 401, code: 'AUTHENTICATION_REQUIRED' });
    expect((await new ApiClient(apiUrl, 'not-a-token').get(`${V1}/me`)).status).toBe(401);
    const asReviewer = await officer.post(`${V1}/proposals`, mouBody());
    expect(asReviewer.status).toBe(403);
    expect(asReviewer.contentType).toMatch(/application\/problem\+json/);
    expect(asReviewer.body.code).toBe('ROLE_REQUIRED');
    expect((await submitter.get(`${V1}/audit/verify`)).status).toBe(403);
  });

  it('answers bad input with 400 and one entry per bad field, unknown fields included', async () => {
    const res = await submitter.post(`${V1}/proposals`, { ...mouBody(), kind: 'TREATY', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['extra', 'kind']);

    const details = await submitter.post(
      `${V1}/proposals`,
      mouBody({}, { termMonths: 0, counterpart: { name: 'X', country: 'XX', type: 'FOREIGN_AGENCY' }, fields: [], nickname: 'x' }),
    );
    expect(details.status).toBe(400);
    expect(details.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'details.counterpart.country',
      'details.fields',
      'details.nickname',
      'details.termMonths',
    ]);

    const amend = await submitter.post(`${V1}/proposals`, mouBody({}, { action: 'AMEND' }));
    expect(amend.status).toBe(400);
    expect(amend.body.errors).toEqual([expect.objectContaining({ field: 'details.relatedAgreementId' })]);

    const malformed = await submitter.request('POST', `${V1}/proposals`, undefined, { 'content-type': 'application/json' });
    expect([400]).toContain(malformed.status);
    const notJson = await fetch(`${apiUrl}${V1}/proposals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${submitter.token}` },
      body: '{"kind":',
    });
    expect(notJson.status).toBe(400);
    expect(notJson.headers.get('content-type')).toMatch(/problem\+json/);
    const notJsonBody = await notJson.json();
    assertProblemCode(notJson.status, notJson.headers.get('content-type'), notJsonBody);
    expect(notJsonBody).toMatchObject({ type: 'about:blank', title: 'Bad Request', status: 400, code: 'MALFORMED_JSON' });
  });

  it('names an unknown route, a wrong method and a body too large by their codes', async () => {
    expect(await submitter.get(`${V1}/nowhere`)).toMatchObject({ status: 404, body: { title: 'Not Found', code: 'ROUTE_NOT_FOUND' } });
    expect(await submitter.request('DELETE', `${V1}/proposals`)).toMatchObject({ status: 405, body: { code: 'METHOD_NOT_ALLOWED' } });
    const huge = await submitter.post(`${V1}/proposals`, { ...mouBody(), summary: 'x'.repeat(1_100_000) });
    expect(huge).toMatchObject({
      status: 413,
      body: { title: 'Payload Too Large', code: 'PAYLOAD_TOO_LARGE', detail: 'Request body too large' },
    });
  });

  it('returns the first result for a repeated Idempotency-Key and creates nothing new', async () => {
    const key = `idem-${Date.now()}`;
    const title = `Idempotent MoU ${key}`;
    const [first, second] = [
      await submitter.post(`${V1}/proposals`, mouBody({ title }), { 'Idempotency-Key': key }),
      await submitter.post(`${V1}/proposals`, mouBody({ title }), { 'Idempotency-Key': key }),
    ];
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.reference).toBe(first.body.reference);
    const withTitle = await submitter.get(`${V1}/proposals?q=${encodeURIComponent(key)}&limit=200`);
    expect(withTitle.body.items.map((p: { id: string }) => p.id)).toEqual([first.body.id]);
    // The key is scoped per user: another user with the same key gets a proposal of their own.
    const other = await otherSubmitter.post(`${V1}/proposals`, mouBody({ title: 'Other agency MoU' }), { 'Idempotency-Key': key });
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('shows proposals by visibility: own agency, routed reviewers, leaders', async () => {
    const created = await submitter.post(`${V1}/proposals`, mouBody({ title: 'Visibility MoU' }));
    const id = created.body.id;
    expect((await submitter.get(`${V1}/proposals/${id}`)).status).toBe(200);
    expect((await chairman.get(`${V1}/proposals/${id}`)).status).toBe(200);
    expect((await officer.get(`${V1}/proposals/${id}`)).status).toBe(200); // routed: INTAKE_CHECK
    expect((await otherSubmitter.get(`${V1}/proposals/${id}`)).body).toMatchObject({ status: 404, code: 'PROPOSAL_NOT_FOUND' });
    expect((await ca.get(`${V1}/proposals/${id}`)).status).toBe(404); // not consulted yet
    expect((await ca.get(`${V1}/tasks?proposalId=${id}`)).body.items).toEqual([]);
    expect((await otherSubmitter.get(`${V1}/proposals`)).body.items.map((p: { id: string }) => p.id)).not.toContain(id);
    expect((await submitter.get(`${V1}/proposals/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await submitter.get(`${V1}/proposals/not-a-uuid`)).body).toMatchObject({ status: 400, code: 'INVALID_ID' });
  });

  it('pages with limit and an opaque cursor, stable and complete', async () => {
    for (let i = 0; i < 3; i++) expect((await submitter.post(`${V1}/proposals`, mouBody({ title: `Paged ${i}` }))).status).toBe(201);
    const all = (await submitter.get(`${V1}/proposals?limit=200`)).body.items.map((p: { id: string }) => p.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } = await submitter.get(
        `${V1}/proposals?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((p) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
    expect((await submitter.get(`${V1}/proposals?limit=0`)).status).toBe(400);
    expect((await submitter.get(`${V1}/proposals?limit=201`)).status).toBe(400);
    expect((await submitter.get(`${V1}/proposals?cursor=garbage`)).body).toMatchObject({ status: 400, code: 'INVALID_CURSOR' });
  });

  it('computes deadlines on the business calendar (Civil Code counting)', async () => {
    // Fri 13/2/2026 + 7 working days crosses the Tết break (14-22/2): ends Tue 3/3.
    expect((await submitter.get(`${V1}/calendar/deadline?from=2026-02-13&workingDays=7`)).body.due).toBe('2026-03-03');
    // 15 calendar days from 17/4/2026 is Sat 2/5: rolls to the next working day, Mon 4/5.
    expect((await submitter.get(`${V1}/calendar/deadline?from=2026-04-17&calendarDays=15`)).body.due).toBe('2026-05-04');
    expect((await submitter.get(`${V1}/calendar/deadline?from=2026-02-30&workingDays=1`)).status).toBe(400);
    expect((await submitter.get(`${V1}/calendar/deadline?from=2026-02-13`)).status).toBe(400);
    expect((await submitter.get(`${V1}/calendar/deadline?from=2026-02-13&workingDays=1&calendarDays=1`)).status).toBe(400);
  });

  it('sends security headers and serves Swagger UI', async () => {
    const res = await fetch(`${apiUrl}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('serves the OpenAPI document generated from the code', async () => {
    const doc = await anonymous.get('/api/docs-json');
    expect(doc.status).toBe(200);
    for (const path of [
      '/health',
      '/api/v1/auth/login',
      '/api/v1/me',
      '/api/v1/proposals',
      '/api/v1/proposals/preview',
      '/api/v1/proposals/{id}',
      '/api/v1/proposals/{id}/timeline',
      '/api/v1/tasks',
      '/api/v1/tasks/{id}/complete',
      '/api/v1/calendar/deadline',
      '/api/v1/agreements',
      '/api/v1/audit/verify',
      '/api/v1/admin/proposals/{id}/history',
    ]) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
  });
});
