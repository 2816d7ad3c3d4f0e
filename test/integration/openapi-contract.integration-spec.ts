/**
 * What the OpenAPI document promises and the api fixes made so that it holds (docs/testing.md "Schemathesis"): a
 * method a documented path does not take is a 405 with Allow (it was a 404), every refusal is documented as
 * problem+json, limits are integers, headers are optional, creates link to reads, and an Idempotency-Key has the
 * documented length everywhere.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { ApiClient } from '../support/http';
import { signInAll, type Session } from '../support/sessions';
import { stack } from './stack';

const { apiUrl, databaseUrl } = stack();

interface Response {
  description: string;
  content?: Record<string, { schema?: { $ref?: string } }>;
  links?: Record<string, { operationId: string; parameters: Record<string, string> }>;
}
interface Operation {
  operationId: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: Record<string, unknown> }[];
  responses: Record<string, Response>;
  security?: unknown[];
}
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { required?: string[]; properties?: Record<string, { type?: string }> }> };
};

/** fetch refuses TRACE, so a plain node:http request: status, headers and body. */
function call(
  method: string,
  path: string,
  token?: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${apiUrl}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the OpenAPI document and the api agree', () => {
  let doc: Doc;
  let users: Record<'admin' | 'reviewer', Session>;

  beforeAll(async () => {
    doc = (await new ApiClient(apiUrl).get<Doc>('/api/docs-json')).body;
    users = await signInAll(apiUrl, databaseUrl, { admin: 'admin@accord.local', reviewer: 'reviewer@stp.hatinh.gov.vn' });
  });

  it.each([
    ['TRACE', '/api/v1/proposals', 'GET, HEAD, POST, OPTIONS'],
    ['DELETE', '/api/v1/proposals', 'GET, HEAD, POST, OPTIONS'],
    ['PUT', `/api/v1/tasks/${randomUUID()}`, 'GET, HEAD, OPTIONS'],
    ['PATCH', '/api/v1/calendar/holidays/2026-09-02', 'PUT, DELETE, OPTIONS'],
  ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const res = await call(method, path, users.admin.client.token);
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.body)).toMatchObject({ status: 405, title: 'Method Not Allowed', code: 'METHOD_NOT_ALLOWED' });
  });

  it('answers OPTIONS with the methods the path takes, and an unknown path still with 404', async () => {
    const options = await call('OPTIONS', `/api/v1/proposals/${randomUUID()}/withdraw`);
    expect(options.status).toBe(204);
    expect(options.headers.allow).toBe('POST, OPTIONS');
    expect((await call('TRACE', '/api/v1/no-such-thing', users.admin.client.token)).status).toBe(404);
  });

  it('documents every refusal of every operation as problem+json, 401 wherever a token is needed', () => {
    const problem = doc.components.schemas.Problem!;
    expect(problem.required).toEqual(['type', 'title', 'status', 'detail']);
    expect(Object.keys(problem.properties!)).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'code', 'errors']));
    expect(problem.properties!.code!.type).toBe('string');
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [status, response] of Object.entries(op.responses)) {
          if (Number(status) >= 400 && response.content?.['application/problem+json']?.schema?.$ref !== '#/components/schemas/Problem')
            missing.push(`${method} ${path} ${status}`);
        }
        const isPublic = Array.isArray(op.security) && op.security.length === 0;
        if (!isPublic && !op.responses['401']) missing.push(`${method} ${path} 401`);
        if (!op.responses['503']) missing.push(`${method} ${path} 503`);
        if (op.parameters?.some((p) => p.in === 'path') && !op.responses['404']) missing.push(`${method} ${path} 404`);
      }
    }
    expect(missing).toEqual([]);
    // Anyone may call these without a token.
    expect(doc.paths['/api/v1/auth/login']!.post!.security).toEqual([]);
    expect(doc.paths['/health']!.get!.security).toEqual([]);
  });

  it('types parameters as the api validates them', () => {
    const param = (path: string, name: string) => doc.paths[path]!.get!.parameters!.find((p) => p.name === name)!;
    expect(param('/api/v1/proposals', 'limit').schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 200 });
    expect(param('/api/v1/calendar/holidays', 'year').schema).toMatchObject({ type: 'integer', minimum: 1900, maximum: 2200 });
    expect(param('/api/v1/proposals/{id}', 'id').schema).toMatchObject({ type: 'string', format: 'uuid' });
    const from = new RegExp(String(param('/api/v1/calendar/deadline', 'from').schema!.pattern));
    expect(['2026-02-28', '2024-02-29', '1900-01-01', '2200-12-31'].filter((d) => !from.test(d))).toEqual([]);
    expect(['2026-02-29', '2026-04-31', '1899-12-31', '2201-01-01', '2026-1-01', ''].filter((d) => from.test(d))).toEqual([]);
    const acceptLanguage = param('/api/v1/notifications', 'accept-language');
    expect(acceptLanguage.required).toBe(false);
    // One Idempotency-Key parameter per operation, lower-cased, optional.
    const keys = doc.paths['/api/v1/proposals']!.post!.parameters!.filter((p) => p.in === 'header');
    expect(keys).toEqual([expect.objectContaining({ name: 'idempotency-key', required: false })]);
  });

  it('links a created proposal to the operations that take its id', () => {
    const links = doc.paths['/api/v1/proposals']!.post!.responses['201']!.links!;
    const detail = doc.paths['/api/v1/proposals/{id}']!.get!.operationId;
    expect(links[detail]).toEqual({ operationId: detail, parameters: { id: '$response.body#/id' } });
  });

  it('refuses an upload without its file even under an Idempotency-Key already used', async () => {
    const key = randomUUID();
    const upload = (form?: FormData) =>
      fetch(`${apiUrl}/api/v1/attachments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${users.admin.client.token}`, 'idempotency-key': key },
        body: form,
      });
    const form = new FormData();
    form.append('file', new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), 'a.pdf');
    expect((await upload(form)).status).toBe(201);
    const replay = new FormData();
    replay.append('file', new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), 'a.pdf');
    expect((await upload(replay)).status).toBe(201);
    const empty = await upload();
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ errors: [{ field: 'file' }] });
  });

  it('refuses an Idempotency-Key longer than documented on a task completion, as everywhere else', async () => {
    const res = await fetch(`${apiUrl}/api/v1/tasks/${randomUUID()}/complete`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${users.reviewer.client.token}`,
        'content-type': 'application/json',
        'idempotency-key': 'k'.repeat(256),
      },
      body: JSON.stringify({ decision: 'AGREE' }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ field: 'Idempotency-Key' }] });
  });
});
