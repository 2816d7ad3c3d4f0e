/**
 * Every operation the api documents (its own OpenAPI document, so a new endpoint is probed without editing this
 * file), called with hostile input: odd query values, repeated parameters, bad ids, bodies of the wrong shape, a
 * NUL, a body nested 50,000 deep. Whatever the caller's role, the answer is never a 5xx, and every refusal is
 * problem+json. Writes are only probed with bodies no endpoint accepts, so the probe itself changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { ApiClient, login } from '../support/http';
import { stack } from './stack';

const { apiUrl } = stack();

interface Parameter { name: string; in: 'query' | 'path' | 'header'; schema?: { type?: string; format?: string; enum?: unknown[] } }
interface Operation { parameters?: Parameter[]; requestBody?: { content?: Record<string, unknown> } }
type OpenApi = { paths: Record<string, Record<string, Operation>> };

const QUERY_VALUES = [
  '', ' ', '-1', '0', '1.5', '1e309', '99999999999999999999', 'abc', "' OR 1=1 --", '%_\\', 'x'.repeat(5000), '2026-02-30',
  '2026-13-01', '0000-01-01', '0000-01-01T00:00:00Z', '2026-02-29T25:00:00Z', '+275760-09-13', '9999999-01-01', 'null', '[]', '{}',
  '\u202e', 'Hợp tác', '\u0000', 'TTQT-2026-00001',
].map(encodeURIComponent).concat(['%ED%A0%80', '%FF', '%', '%E1%BB']); // the last ones: not UTF-8, or not percent-encoding
const PATH_VALUES = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', randomUUID(), "'", '..', '2026-02-30', 'x'.repeat(300), '\u0000']
  .map(encodeURIComponent).concat(['%FF', '%ED%A0%80', '%']);

/** JSON texts no write accepts, sent as they are (JSON.stringify cannot even write the 50,000-deep ones). */
const deep = (depth: number) => `${'['.repeat(depth)}"leaf"${']'.repeat(depth)}`;
const BODIES = ['[]', '"text"', '42', 'null', '{"\\u0000":1}', `{"details":${deep(50_000)}}`, deep(50_000), '{"title": "unterminated'];

/** The path with each `{param}` replaced: by `value` (already encoded) for the one probed, by a well-formed unknown id otherwise. */
function fill(path: string, probed?: string, value?: string): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => (name === probed ? value! : name === 'date' ? '2026-01-02' : randomUUID()));
}

describe('every documented operation, probed with hostile input', () => {
  let doc: OpenApi;
  const clients: Record<string, ApiClient> = {};
  let failures: string[] = [];

  beforeAll(async () => {
    doc = (await new ApiClient(apiUrl).get<OpenApi>('/api/docs-json')).body;
    for (const email of ['admin@accord.local', 'submitter@sct.hatinh.gov.vn']) clients[email] = await login(apiUrl, email);
  });

  beforeEach(() => {
    failures = [];
  });

  const check = async (client: ApiClient, method: string, path: string, body?: string) => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(client.token ? { authorization: `Bearer ${client.token}` } : {}) },
      body,
    });
    await res.arrayBuffer();
    const refusedProperly = res.status < 400 || /problem\+json/.test(res.headers.get('content-type') ?? '');
    if (res.status >= 500 || !refusedProperly) failures.push(`${method} ${path.slice(0, 120)} ${(body ?? '').slice(0, 60)} -> ${res.status}`);
  };

  it('documents the contract\'s operations', () => {
    expect(Object.keys(doc.paths).length).toBeGreaterThan(30);
    for (const path of ['/api/v1/proposals', '/api/v1/tasks', '/api/v1/tasks/{id}/complete', '/api/v1/audit', '/api/v1/calendar/deadline']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('answers every GET, with any query value or id, without a 5xx', async () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      const get = ops.get;
      if (!get) continue;
      const params = get.parameters ?? [];
      await check(new ApiClient(apiUrl), 'GET', fill(path)); // no token: a 401 (or the public answer), as problem+json
      for (const client of Object.values(clients)) {
        for (const p of params.filter((q) => q.in === 'query')) {
          for (const value of QUERY_VALUES) await check(client, 'GET', `${fill(path)}?${encodeURIComponent(p.name)}=${value}`);
          await check(client, 'GET', `${fill(path)}?${p.name}=a&${p.name}=b`);
        }
        for (const p of params.filter((q) => q.in === 'path')) {
          for (const value of PATH_VALUES) await check(client, 'GET', fill(path, p.name, value));
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('refuses bodies of the wrong shape on every write without a 5xx, and with bad ids', async () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of ['post', 'put', 'patch'] as const) {
        const op = ops[method];
        // An operation without a body (run a sync, mark all read) would act on any call: not probed here.
        if (!op?.requestBody) continue;
        for (const client of Object.values(clients)) {
          for (const body of BODIES) await check(client, method.toUpperCase(), fill(path), body);
          for (const p of (op.parameters ?? []).filter((q) => q.in === 'path')) {
            for (const value of PATH_VALUES) await check(client, method.toUpperCase(), fill(path, p.name, value), '{}');
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('refuses malformed uploads on every multipart operation with a 4xx', async () => {
    const part = (name: string, filename: string, bytes: string) =>
      `--XYZ\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n${bytes}\r\n`;
    const uploads: [contentType: string, body: string][] = [
      ['multipart/form-data', 'no boundary'],
      ['multipart/form-data; boundary=XYZ', 'no parts at all'],
      ['multipart/form-data; boundary=XYZ', `${part('file', 'a.pdf', '%PDF-1.4')}`], // never closed
      ['multipart/form-data; boundary=XYZ', `${part('file', 'a.pdf', '%PDF-1.4')}${part('file', 'b.pdf', '%PDF-1.4')}--XYZ--\r\n`],
      ['multipart/form-data; boundary=XYZ', `${part('other', 'a.pdf', '%PDF-1.4')}--XYZ--\r\n`],
      ['multipart/form-data; boundary=XYZ', `${part('file', 'a\u0000.pdf', '%PDF-1.4')}--XYZ--\r\n`],
      ['multipart/form-data; boundary=XYZ', `${part('file', '', '%PDF-1.4')}--XYZ--\r\n`],
      ['text/plain', 'hello'],
      ['application/xml', '<a/>'],
    ];
    const multipart = Object.entries(doc.paths).filter(([, ops]) => ops.post?.requestBody?.content?.['multipart/form-data']);
    expect(multipart.map(([path]) => path)).toContain('/api/v1/attachments');
    for (const [path] of multipart) {
      for (const client of Object.values(clients)) {
        for (const [contentType, body] of uploads) {
          const res = await fetch(`${apiUrl}${fill(path)}`, { method: 'POST', headers: { 'content-type': contentType, authorization: `Bearer ${client.token}` }, body });
          await res.arrayBuffer();
          if (res.status < 400 || res.status >= 500 || !/problem\+json/.test(res.headers.get('content-type') ?? '')) {
            failures.push(`POST ${path} ${contentType} ${JSON.stringify(body.slice(0, 50))} -> ${res.status}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('refuses a malformed id on every delete without a 5xx (well-formed unknown ids are a 404)', async () => {
    let probed = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      if (!ops.delete) continue;
      for (const client of Object.values(clients)) {
        for (const p of (ops.delete.parameters ?? []).filter((q) => q.in === 'path')) {
          // Only values that cannot name a row: the probe must delete nothing.
          for (const value of PATH_VALUES.filter((v) => !/^[0-9a-f-]{36}$/.test(v))) {
            await check(client, 'DELETE', fill(path, p.name, value));
            probed += 1;
          }
        }
      }
    }
    expect(probed).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  }, 600_000);
});
