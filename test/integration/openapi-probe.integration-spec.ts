/**
 * Every operation the api documents (its own OpenAPI document, so a new endpoint is probed without editing this
 * file), called with hostile input: odd query values, repeated parameters, bad ids, bodies of the wrong shape, a
 * NUL, a body nested 50,000 deep. Whatever the caller's role, the answer is never a 5xx, every refusal is
 * problem+json, and hostile input is refused (a 4xx): a 2xx is a failure unless ACCEPTED below says, for that one
 * parameter and value, why the input is not hostile there after all. Writes are only probed with bodies no endpoint
 * accepts, and the database is counted before and after them: the probe itself must change nothing.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { ApiClient, login } from '../support/http';
import { problemCodeFlaw } from '../support/problem';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl, databaseUrl } = stack();

interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  schema?: { type?: string; format?: string; enum?: unknown[] };
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, unknown> };
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

const QUERY_VALUES = [
  '',
  ' ',
  '-1',
  '0',
  '1.5',
  '1e309',
  '99999999999999999999',
  'abc',
  "' OR 1=1 --",
  '%_\\',
  'x'.repeat(5000),
  '2026-02-30',
  '2026-13-01',
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '2026-02-29T25:00:00Z',
  '+275760-09-13',
  '9999999-01-01',
  'null',
  '[]',
  '{}',
  '\u202e',
  'Hợp tác',
  '\u0000',
  'TTQT-2026-00001',
]
  .map(encodeURIComponent)
  .concat(['%ED%A0%80', '%FF', '%', '%E1%BB']); // the last ones: not UTF-8, or not percent-encoding
const PATH_VALUES = ['not-a-uuid', '00000000-0000-0000-0000-000000000000', randomUUID(), "'", '..', '2026-02-30', 'x'.repeat(300), '\u0000']
  .map(encodeURIComponent)
  .concat(['%FF', '%ED%A0%80', '%']);

/** Operations anyone may call without a token (@Public), so a no-token GET answers 200. */
const PUBLIC_GETS = new Set(['/health', '/metrics', '/api/v1/auth/providers']);

/**
 * Text a free-text or string-equality filter legitimately takes: anything but a NUL (SafeInputPipe refuses it) or
 * the 5,000-character value (over every filter's MaxLength). Values that are not valid percent-encoding (`%FF`,
 * `%`) reach the api as the literal text, which is as harmless in a search as any other.
 */
const TEXT_FILTER = (raw: string) => !/%00/.test(raw) && raw.length <= 256;

/**
 * The only 2xx a hostile value may get, per operation and query parameter (the value as sent, percent-encoded),
 * each with its reason. Every other (operation, parameter) must refuse every hostile value with a 4xx.
 */
const ACCEPTED: Record<string, (raw: string) => boolean> = {
  // Free-text search boxes: any text is a search, a search for `' OR 1=1 --` or `2026-02-30` just finds nothing.
  'GET /api/v1/proposals q': TEXT_FILTER,
  'GET /api/v1/tasks q': TEXT_FILTER,
  'GET /api/v1/users q': TEXT_FILTER,
  // Equality filters on a code or id stored as text (agency codes; audit actor ids, which include system actors,
  // and action names): an unknown value is a filter that matches nothing, an empty page, not an error.
  'GET /api/v1/proposals agency': TEXT_FILTER,
  'GET /api/v1/users agency': TEXT_FILTER,
  'GET /api/v1/audit actorId': TEXT_FILTER,
  'GET /api/v1/audit action': TEXT_FILTER,
};
/** `?cursor=` (empty) is the first page on every list (docs/api.md: the cursor is optional); nothing else is a cursor. */
const acceptedCursor = (raw: string) => raw === '';

/** Tables a write would touch; the write probes must leave every count as it was. */
const WRITTEN_TABLES = ['proposal', 'dossier_version', 'attachment', 'task', 'audit_event', 'idempotency_record'];

/** JSON texts no write accepts, sent as they are (JSON.stringify cannot even write the 50,000-deep ones). */
const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

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
    for (const email of [demoEmail({ agency: null, role: 'ADMIN' }), demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' })])
      clients[email] = await login(apiUrl, email);
  });

  beforeEach(() => {
    failures = [];
  });

  /**
   * One call: never a 5xx, a refusal is problem+json, and a 2xx only when `accepted` says this input is legitimate.
   * (A 3xx is not expected anywhere in the api either.)
   */
  const check = async (client: ApiClient, method: string, path: string, body?: string, accepted = false) => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(client.token ? { authorization: `Bearer ${client.token}` } : {}),
      },
      body,
      redirect: 'manual',
    });
    const text = await res.text();
    const refused = res.status >= 400 && res.status < 500 && /problem\+json/.test(res.headers.get('content-type') ?? '');
    if (!refused && !(accepted && res.status >= 200 && res.status < 300)) {
      failures.push(`${method} ${path.slice(0, 120)} ${(body ?? '').slice(0, 60)} -> ${res.status}`);
    }
    // Every refusal carries a catalogue code of its status (docs/api.md, "Error codes").
    const flaw = refused ? problemCodeFlaw(res.status, res.headers.get('content-type'), parseJson(text)) : null;
    if (flaw) failures.push(`${method} ${path.slice(0, 120)} ${(body ?? '').slice(0, 60)} -> ${flaw}`);
  };

  const counts = async (): Promise<Record<string, number>> => {
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    try {
      const out: Record<string, number> = {};
      for (const table of WRITTEN_TABLES) out[table] = Number((await db.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
      return out;
    } finally {
      await db.end();
    }
  };

  it("documents the contract's operations", () => {
    expect(Object.keys(doc.paths).length).toBeGreaterThan(30);
    for (const path of [
      '/api/v1/proposals',
      '/api/v1/tasks',
      '/api/v1/tasks/{id}/complete',
      '/api/v1/audit',
      '/api/v1/calendar/deadline',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('answers every GET, with any query value or id, without a 5xx', async () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      const get = ops.get;
      if (!get) continue;
      const params = get.parameters ?? [];
      // No token: a 401 as problem+json, but for the public operations.
      await check(new ApiClient(apiUrl), 'GET', fill(path), undefined, PUBLIC_GETS.has(path));
      for (const client of Object.values(clients)) {
        for (const p of params.filter((q) => q.in === 'query')) {
          const accepts = p.name === 'cursor' ? acceptedCursor : ACCEPTED[`GET ${path} ${p.name}`];
          for (const value of QUERY_VALUES) {
            await check(client, 'GET', `${fill(path)}?${encodeURIComponent(p.name)}=${value}`, undefined, !!accepts?.(value));
          }
          // A repeated parameter is ambiguous: refused everywhere.
          await check(client, 'GET', `${fill(path)}?${p.name}=a&${p.name}=b`);
        }
        for (const p of params.filter((q) => q.in === 'path')) {
          for (const value of PATH_VALUES) await check(client, 'GET', fill(path, p.name, value));
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it('refuses bodies of the wrong shape on every write without a 5xx, and with bad ids, writing nothing', async () => {
    const before = await counts();
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
    expect(await counts()).toEqual(before);
  }, 600_000);

  it('refuses malformed uploads on every multipart operation with a 4xx, writing nothing', async () => {
    const before = await counts();
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
          const res = await fetch(`${apiUrl}${fill(path)}`, {
            method: 'POST',
            headers: { 'content-type': contentType, authorization: `Bearer ${client.token}` },
            body,
          });
          await res.arrayBuffer();
          if (res.status < 400 || res.status >= 500 || !/problem\+json/.test(res.headers.get('content-type') ?? '')) {
            failures.push(`POST ${path} ${contentType} ${JSON.stringify(body.slice(0, 50))} -> ${res.status}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await counts()).toEqual(before);
  }, 600_000);

  it('refuses a malformed id on every delete without a 5xx (well-formed unknown ids are a 404), deleting nothing', async () => {
    const before = await counts();
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
    expect(await counts()).toEqual(before);
  }, 600_000);
});
