/**
 * Property-based fuzzing (fast-check) of the two write endpoints users hit most: never a 5xx, and nothing written
 * when a request is refused. 2,000 cases each.
 */
import fc from 'fast-check';
import { Client } from 'pg';
import { login, type ApiClient } from '../support/http';
import { mouBody } from '../support/fixtures';
import { stack } from './stack';

const { apiUrl, databaseUrl } = stack();
const V1 = '/api/v1';
const RUNS = 2000;

/** A valid body with one thing changed: a field replaced by any JSON value, removed, or an unknown field added. */
const mutatedProposal = fc.tuple(
  fc.constantFrom('kind', 'title', 'summary', 'details', 'procedure', 'urgency', 'attachmentIds', 'details.action', 'details.level', 'details.counterpart',
    'details.counterpart.country', 'details.fields', 'details.termMonths', 'details.languages', 'details.touchesDefence', 'details.proposedSigningDate',
    'details.relatedAgreementId', 'extra', 'details.extra'),
  fc.oneof(fc.constant(undefined), fc.jsonValue(), fc.string(), fc.integer(), fc.constantFrom(null, '', -1, 601, '2026-02-30', 'XX', [], {}, ['TRADE', 'TRADE'], 'Hợp tác\u0000', ['TRADE\u0000'])),
).map(([path, value]) => {
  const body = mouBody() as Record<string, any>;
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce((o, k) => (o[k] ??= {}), body);
  if (value === undefined) delete parent[keys.at(-1)!];
  else parent[keys.at(-1)!] = value;
  return body;
});

const anyBody = fc.oneof(mutatedProposal, fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue());

describe('fuzzing (fast-check)', () => {
  let db: Client;
  let submitter: ApiClient;
  let officer: ApiClient;

  beforeAll(async () => {
    db = new Client({ connectionString: databaseUrl });
    await db.connect();
    [submitter, officer] = await Promise.all([login(apiUrl, 'submitter@sgddt.hatinh.gov.vn'), login(apiUrl, 'officer@sngv.hatinh.gov.vn')]);
  });

  afterAll(async () => {
    await db?.end();
  });

  const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params)).rows[0].n);

  it(`POST /proposals: ${RUNS} generated bodies, never a 5xx, a proposal only for a 201`, async () => {
    const before = await count(`SELECT count(*) AS n FROM proposal WHERE submitting_agency_code = 'HT-SGDDT'`);
    let created = 0;
    await fc.assert(
      fc.asyncProperty(anyBody, async (body) => {
        const res = await submitter.request('POST', `${V1}/proposals`, body);
        if (res.status === 201) created += 1;
        expect(res.status).toBeLessThan(500);
        expect([201, 400]).toContain(res.status);
        if (res.status === 400) expect(res.contentType).toMatch(/problem\+json/);
      }),
      { numRuns: RUNS },
    );
    expect(await count(`SELECT count(*) AS n FROM proposal WHERE submitting_agency_code = 'HT-SGDDT'`)).toBe(before + created);
  });

  it(`POST /tasks/:id/complete: ${RUNS} generated bodies, never a 5xx, a decision recorded only for a 200`, async () => {
    const { body: p } = await submitter.post(`${V1}/proposals`, mouBody({ title: 'Fuzzed intake' }));
    const [task] = (await officer.get(`${V1}/tasks?proposalId=${p.id}&status=OPEN`)).body.items;
    const decision = fc.oneof(fc.constantFrom('COMPLETE', 'REQUEST_SUPPLEMENT', 'AGREE', 'APPROVE', 'SIGNED', 'RESUBMIT', 'complete', ''), fc.string(), fc.jsonValue());
    const body = fc.record(
      {
        decision,
        comment: fc.oneof(fc.string(), fc.jsonValue(), fc.constant('Đủ\u0000')),
        attachmentIds: fc.oneof(fc.array(fc.uuid()), fc.jsonValue()),
        changes: fc.oneof(fc.record({ title: fc.string(), details: fc.dictionary(fc.string(), fc.jsonValue()) }, { requiredKeys: [] }), fc.jsonValue()),
        signing: fc.oneof(fc.record({ signedAt: fc.string(), place: fc.string(), signatories: fc.jsonValue() }, { requiredKeys: [] }), fc.jsonValue()),
        extra: fc.jsonValue(),
      },
      { requiredKeys: [] },
    );
    let decided = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(body, fc.jsonValue()), async (b) => {
        const res = await officer.request('POST', `${V1}/tasks/${task.id}/complete`, b);
        if (res.status === 200) decided += 1;
        expect(res.status).toBeLessThan(500);
        expect([200, 400, 409]).toContain(res.status);
      }),
      { numRuns: RUNS },
    );
    expect(decided).toBeLessThanOrEqual(1);
    const recorded = await count(`SELECT count(*) AS n FROM audit_event WHERE proposal_id = $1 AND action = 'TASK_COMPLETED'`, [p.id]);
    expect(recorded).toBe(decided);
  });
});
