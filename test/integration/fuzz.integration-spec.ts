/**
 * Property-based fuzzing (fast-check) of the two write endpoints users hit most, with oracles that do not come
 * from the api's own code:
 * - each generated body carries its own verdict, decided by the generator from docs/api.md (a required field
 *   removed, an unknown field, a wrong type, a value out of range, a decision the task does not allow...): a body
 *   known to be invalid must get a 400, a body known to be valid must get its 2xx;
 * - every 2xx body must validate against the JSON Schema of that answer in the api's OpenAPI document (ajv);
 * - every 400 is problem+json and leaves the proposal, dossier_version, attachment, task, audit_event and
 *   idempotency_record counts and the number of proposal workflows as they were.
 * Task completions are fuzzed on fresh open INTAKE_CHECK, SUPPLEMENT (RESUBMIT), DECISION and SIGNING tasks: a task
 * a run completes is replaced by a new one, so no run stops at a 409 before the decision logic.
 *
 * Shrinking is off (endOnFailure): on a live stack a replayed case meets another state, so the first failure, as
 * generated, is the one reported.
 *
 * FUZZ_RUNS sets the number of runs of each property (issue 14 asks for 2,000; `npm test` runs fewer by default to
 * keep CI time reasonable on a small machine; see docs/testing.md).
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { Client as PgClient } from 'pg';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { ALLOWED_DECISIONS, DECISIONS } from '@accord/domain';
import { driveMou } from '../support/drive';
import { ApiClient, login, type HttpResult } from '../support/http';
import { mouBody } from '../support/fixtures';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl, databaseUrl, temporalAddress } = stack();
const V1 = '/api/v1';
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SUBMITTER = demoEmail({ agency: 'HT-SGDDT', role: 'SUBMITTER' });

/** Retries an async assertion until it holds; on timeout its last failure is thrown. */
async function retry(assertion: () => Promise<void>, { timeoutMs, intervalMs }: { timeoutMs: number; intervalMs: number }): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

type OpenApi = {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: object }> }> }>>;
  components?: object;
};

/** A validator of one operation's documented 2xx body; no schema documented is itself a failure. */
function responseValidator(doc: OpenApi, path: string, method: string, status: string): ValidateFunction {
  const schema = doc.paths[path]?.[method]?.responses?.[status]?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`the OpenAPI document declares no JSON schema for ${method.toUpperCase()} ${path} ${status}`);
  // OpenAPI 3.0 schemas: `nullable` and `example` are not JSON Schema keywords; refs point into the document.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi.json', components: doc.components ?? {} });
  return ajv.compile(JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/')));
}

// ---- POST /proposals: a valid MoU with one thing changed, with the verdict that change implies ----

type Verdict = 'invalid' | 'valid' | 'either';
interface Case<T = unknown> {
  body: T;
  verdict: Verdict;
  why: string;
}

/** Required fields of an agreement proposal and of what a valid value is not (docs/api.md "Proposal body"). */
const REQUIRED: Record<string, fc.Arbitrary<unknown>> = (() => {
  const notString = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 2 }), fc.constant({}));
  const badText = fc.oneof(notString, fc.constantFrom('', 'Hợp tác\u0000'));
  const badEnum = fc.oneof(notString, fc.constantFrom('', 'XX', 'sign', 'PROVINCIAL'));
  const badBool = fc.oneof(fc.integer(), fc.constant(null), fc.constantFrom('true', 'false', ''), fc.constant([]));
  const text = [
    'title',
    'summary',
    'details.counterpart.name',
    'details.purpose',
    'details.mainContent',
    'details.legalConformity',
    'details.impactAssessment',
    'details.feasibility',
  ];
  return {
    ...Object.fromEntries(text.map((f) => [f, badText])),
    title: fc.oneof(badText, fc.constant('x'.repeat(501))),
    kind: fc.oneof(badEnum, fc.constantFrom('MECHANISM_PARTICIPATION', 'OVERSEAS_OFFICE')), // another kind: these details do not fit it
    details: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant([]), fc.constant({})),
    'details.action': badEnum,
    'details.level': badEnum,
    'details.counterpart': fc.oneof(
      fc.string(),
      fc.constant(null),
      fc.constant([]),
      fc.constant({}),
      fc.constant([{ name: 'Savannakhet', country: 'LA', type: 'FOREIGN_LOCAL_GOVERNMENT' }]),
    ),
    'details.counterpart.country': fc.oneof(notString, fc.constantFrom('XX', 'ZZ', 'LAO', '')),
    'details.counterpart.type': badEnum,
    'details.fields': fc.oneof(notString, fc.constantFrom([], ['TRADE', 'TRADE'], ['NOPE'], 'TRADE')),
    'details.proposedSigningDate': fc.oneof(notString, fc.constantFrom('2026-02-30', '15/12/2026', '', '2026-13-01', 'x')),
    'details.termMonths': fc.oneof(fc.constantFrom(0, -1, 601, 1.5, '12', null, true), fc.integer({ min: 601 }), fc.integer({ max: 0 })),
    'details.languages': fc.oneof(notString, fc.constantFrom([], ['vie'], ['VI'], 'vi', Array(11).fill('vi'))),
    'details.touchesDefence': badBool,
    'details.touchesSecurity': badBool,
    'details.touchesInvestment': badBool,
    'details.borderArea': badBool,
  };
})();
/** Optional fields and values that are invalid there (null is "absent" for an optional field, so not among them). */
const OPTIONAL_BAD: Record<string, fc.Arbitrary<unknown>> = {
  procedure: fc.constantFrom('FAST', '', 1, [], {}),
  urgency: fc.constantFrom('LOW', '', 1, [], {}),
  // Well-formed ids that name no attachment are refused as much as malformed ones.
  attachmentIds: fc.oneof(fc.constantFrom('x', ['not-a-uuid'], {}), fc.array(fc.uuid(), { minLength: 1, maxLength: 3 })),
  'details.proposedSigningPlace': fc.constantFrom(1, true, 'x'.repeat(301), 'Hà Tĩnh\u0000'),
  'details.principles': fc.constantFrom(1, true, 'x\u0000'),
};
const ALL_PATHS = [...Object.keys(REQUIRED), ...Object.keys(OPTIONAL_BAD), 'details.relatedAgreementId'];

const setAt = (body: Record<string, any>, path: string, value: unknown) => {
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce((o, k) => (o[k] !== null && typeof o[k] === 'object' ? o[k] : (o[k] = {})), body);
  if (value === undefined) delete parent[keys.at(-1)!];
  else parent[keys.at(-1)!] = value;
  return body;
};

const proposalCase: fc.Arbitrary<Case> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Case>({ body: mouBody(), verdict: 'valid', why: 'the fixture as it is' }) },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(...Object.keys(REQUIRED))
      .map((p): Case => ({ body: setAt(mouBody(), p, undefined), verdict: 'invalid', why: `required ${p} removed` })),
  },
  {
    weight: 6,
    arbitrary: fc.constantFrom(...Object.keys(REQUIRED)).chain((p) =>
      REQUIRED[p]!.map((v): Case => ({
        body: setAt(mouBody(), p, v),
        verdict: 'invalid',
        why: `${p} = ${JSON.stringify(v)?.slice(0, 40)}`,
      })),
    ),
  },
  {
    weight: 3,
    arbitrary: fc.constantFrom(...Object.keys(OPTIONAL_BAD)).chain((p) =>
      OPTIONAL_BAD[p]!.map((v): Case => ({
        body: setAt(mouBody(), p, v),
        verdict: 'invalid',
        why: `${p} = ${JSON.stringify(v)?.slice(0, 40)}`,
      })),
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('extra', 'details.extra', 'details.counterpart.extra'), fc.jsonValue())
      .map(([p, v]): Case => ({ body: setAt(mouBody(), p, v ?? 0), verdict: 'invalid', why: `unknown field ${p}` })),
  },
  // Anything anywhere: the api decides, the other oracles still hold.
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom(...ALL_PATHS), fc.oneof(fc.jsonValue(), fc.string()))
      .map(([p, v]): Case => ({ body: setAt(mouBody(), p, v), verdict: 'either', why: `${p} = any` })),
  },
  // Not a proposal at all: no generated dictionary holds kind, title, summary and details with valid values.
  {
    weight: 2,
    arbitrary: fc
      .oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue())
      .map((b): Case => ({ body: b, verdict: 'invalid', why: 'not a proposal' })),
  },
);

// ---- POST /tasks/{id}/complete on fresh open tasks ----

const TASK_KINDS = ['INTAKE_CHECK', 'SUPPLEMENT', 'DECISION', 'SIGNING'] as const;
type FuzzedKind = (typeof TASK_KINDS)[number];

interface TaskCase {
  kind: FuzzedKind;
  decision: { value: unknown; ok: boolean };
  comment?: { value: unknown; ok: boolean };
  attachmentIds?: { value: unknown; ok: boolean };
  changes?: { value: unknown; shapeOk: boolean; mergedOk: boolean };
  /** signedAt 'NOW' is replaced by the time of the request: after the approval, not after the api's now. */
  signing?: { value: Record<string, unknown> | unknown; shapeOk: boolean; whenOk: boolean };
  extra?: unknown;
}

const signatory = { name: 'Bùi Thanh Minh', title: 'Chủ tịch UBND tỉnh', party: 'Hà Tĩnh' };
const taskCase: fc.Arbitrary<TaskCase> = fc.constantFrom(...TASK_KINDS).chain((kind) =>
  fc
    .record(
      {
        kind: fc.constant(kind),
        decision: fc.oneof(
          { weight: 5, arbitrary: fc.constantFrom(...ALLOWED_DECISIONS[kind]).map((value) => ({ value, ok: true })) },
          {
            weight: 2,
            arbitrary: fc
              .constantFrom(...DECISIONS.filter((d) => !ALLOWED_DECISIONS[kind].includes(d)))
              .map((value) => ({ value, ok: false })),
          },
          {
            weight: 1,
            arbitrary: fc
              .oneof(fc.string(), fc.jsonValue(), fc.constantFrom('complete', '', 'APPROVE\u0000'))
              .filter((v) => !(DECISIONS as readonly unknown[]).includes(v))
              .map((value) => ({ value, ok: false })),
          },
        ),
        comment: fc.oneof(
          {
            weight: 4,
            arbitrary: fc
              .string({ maxLength: 200 })
              .filter((s) => !s.includes('\u0000'))
              .map((value) => ({ value, ok: true })),
          },
          { weight: 1, arbitrary: fc.constantFrom('Đủ\u0000', 1, true, [], {}, 'x'.repeat(20_001)).map((value) => ({ value, ok: false })) },
        ),
        attachmentIds: fc.oneof(
          { weight: 3, arbitrary: fc.constant({ value: [], ok: true }) },
          {
            weight: 1,
            arbitrary: fc
              .oneof(fc.array(fc.uuid(), { minLength: 1, maxLength: 2 }), fc.constantFrom('x', ['x'], {}))
              .map((value) => ({ value, ok: false })),
          },
        ),
        changes: fc.oneof(
          {
            weight: 3,
            arbitrary: fc
              .constantFrom({ title: 'Bản sửa đổi' }, { summary: 'Tóm tắt mới' }, { details: { termMonths: 24 } }, {})
              .map((value) => ({ value, shapeOk: true, mergedOk: true })),
          },
          // Well-shaped changes the merged dossier cannot take (validated as a whole, with RESUBMIT only).
          {
            weight: 1,
            arbitrary: fc
              .constantFrom({ details: { termMonths: 0 } }, { details: { fields: [] } }, { details: { nope: 1 } })
              .map((value) => ({ value, shapeOk: true, mergedOk: false })),
          },
          {
            weight: 1,
            arbitrary: fc
              .constantFrom({ title: '' }, { title: 1 }, 'x', [], { extra: 1 }, { attachmentIds: ['x'] })
              .map((value) => ({ value, shapeOk: false, mergedOk: false })),
          },
        ),
        signing: fc.oneof(
          {
            weight: 3,
            arbitrary: fc.constant({ value: { signedAt: 'NOW', place: 'Hà Tĩnh', signatories: [signatory] }, shapeOk: true, whenOk: true }),
          },
          // Well-formed times the signing rules refuse with SIGNED: before the approval, in the future.
          {
            weight: 1,
            arbitrary: fc
              .constantFrom('2020-01-01T00:00:00Z', '2999-01-01T00:00:00+07:00')
              .map((signedAt) => ({ value: { signedAt, place: 'Hà Tĩnh', signatories: [signatory] }, shapeOk: true, whenOk: false })),
          },
          {
            weight: 1,
            arbitrary: fc
              .constantFrom<unknown>(
                { signedAt: 'yesterday', place: 'Hà Tĩnh', signatories: [signatory] },
                { signedAt: 'NOW', place: '', signatories: [signatory] },
                { signedAt: 'NOW', place: 'Hà Tĩnh', signatories: [] },
                { signedAt: 'NOW', place: 'Hà Tĩnh', signatories: [{ name: 'A' }] },
                'x',
                [],
                { signedAt: '2026-02-30T10:00:00Z', place: 'Hà Tĩnh', signatories: [signatory] },
              )
              .map((value) => ({ value, shapeOk: false, whenOk: false })),
          },
        ),
        extra: fc.oneof({ weight: 7, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.jsonValue() }),
      },
      { requiredKeys: ['kind', 'decision'] },
    )
    .map((c) => {
      // A signing record mostly where it matters, so SIGNED reaches the signing rules.
      if (kind !== 'SIGNING' && c.signing && c.decision.value !== 'SIGNED') delete c.signing;
      if (c.extra === undefined) delete c.extra;
      return c;
    }),
);

/** Cases always run first, so every run reaches a decision at DECISION, a RESUBMIT and a signing. */
const now = { value: { signedAt: 'NOW', place: 'Hà Tĩnh', signatories: [signatory] }, shapeOk: true, whenOk: true };
const DEEP_EXAMPLES: [TaskCase][] = [
  [{ kind: 'DECISION', decision: { value: 'RETURN_FOR_REVISION', ok: true }, comment: { value: 'Bổ sung đánh giá tác động', ok: true } }],
  [{ kind: 'DECISION', decision: { value: 'APPROVE', ok: true } }],
  [
    {
      kind: 'SUPPLEMENT',
      decision: { value: 'RESUBMIT', ok: true },
      changes: { value: { title: 'Bản bổ sung', details: { termMonths: 24 } }, shapeOk: true, mergedOk: true },
    },
  ],
  [{ kind: 'SIGNING', decision: { value: 'SIGNED', ok: true }, signing: now }],
  [
    {
      kind: 'SIGNING',
      decision: { value: 'SIGNED', ok: true },
      signing: { ...now, value: { ...now.value, signedAt: '2020-01-01T00:00:00Z' }, whenOk: false },
    },
  ],
  // Found by this suite: an array passed @ValidateNested (no element to validate), accepted or worse.
  [{ kind: 'SIGNING', decision: { value: 'SIGNED', ok: true }, signing: { value: [], shapeOk: false, whenOk: false } }],
  [{ kind: 'SUPPLEMENT', decision: { value: 'WITHDRAW', ok: true }, changes: { value: [], shapeOk: false, mergedOk: false } }],
];

function taskBody(c: TaskCase): Record<string, unknown> {
  const body: Record<string, unknown> = { decision: c.decision.value };
  if (c.comment) body.comment = c.comment.value;
  if (c.attachmentIds) body.attachmentIds = c.attachmentIds.value;
  if (c.changes) body.changes = c.changes.value;
  if (c.signing) {
    const s = c.signing.value as Record<string, unknown>;
    body.signing = s && typeof s === 'object' && s.signedAt === 'NOW' ? { ...s, signedAt: new Date().toISOString() } : s;
  }
  if ('extra' in c) body.extra = c.extra;
  return body;
}

/** The verdict docs/api.md gives the case; every part must hold for a valid one. */
function taskVerdict(c: TaskCase): { verdict: Verdict; why: string } {
  const bad: string[] = [];
  if (!c.decision.ok) bad.push(`decision ${JSON.stringify(c.decision.value)?.slice(0, 30)} not allowed for ${c.kind}`);
  if (c.comment && !c.comment.ok) bad.push('bad comment');
  if (c.attachmentIds && !c.attachmentIds.ok) bad.push('bad or unknown attachmentIds');
  if (c.changes && !c.changes.shapeOk) bad.push('changes of the wrong shape');
  if (c.changes && !c.changes.mergedOk && c.decision.value === 'RESUBMIT') bad.push('changes the dossier cannot take');
  if (c.signing && !c.signing.shapeOk) bad.push('signing of the wrong shape');
  if (c.decision.value === 'SIGNED' && (!c.signing || !c.signing.whenOk)) bad.push('SIGNED without a signing record in time');
  if ('extra' in c) bad.push('unknown field extra');
  return bad.length ? { verdict: 'invalid', why: bad.join('; ') } : { verdict: 'valid', why: 'every part valid' };
}

describe('fuzzing (fast-check) with independent oracles', () => {
  let db: PgClient;
  let connection: Connection;
  let temporal: TemporalClient;
  let submitter: ApiClient, officer: ApiClient, chairman: ApiClient, admin: ApiClient;
  let doc: OpenApi;

  beforeAll(async () => {
    db = new PgClient({ connectionString: databaseUrl });
    await db.connect();
    connection = await Connection.connect({ address: temporalAddress });
    temporal = new TemporalClient({ connection });
    [submitter, officer, chairman, admin] = await Promise.all(
      [
        SUBMITTER,
        demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
        demoEmail({ agency: 'HT-UBND', role: 'LEADER' }),
        demoEmail({ agency: null, role: 'ADMIN' }),
      ].map((e) => login(apiUrl, e)),
    );
    doc = (await new ApiClient(apiUrl).get<OpenApi>('/api/docs-json')).body;
  });

  afterAll(async () => {
    await db?.end();
    await connection?.close();
  });

  type Counts = Record<'proposal' | 'dossier_version' | 'attachment' | 'task' | 'audit_event' | 'idempotency_record' | 'workflows', number>;
  const counts = async (): Promise<Omit<Counts, 'workflows'>> => {
    const tables = ['proposal', 'dossier_version', 'attachment', 'task', 'audit_event', 'idempotency_record'];
    const { rows } = await db.query(`SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}`);
    return rows[0];
  };
  const workflows = async () => (await temporal.workflow.count(`WorkflowType = 'proposalWorkflow'`)).count;
  /**
   * Counts once the stack is quiet: two equal readings of the tables and the workflow count, 200 ms apart — and, while
   * Temporal counts fewer proposal workflows than there are proposals, equal for a full second. The workflow count
   * comes from Temporal's visibility store, written after the start itself (eventually consistent): a submission
   * answered by one update-with-start call can return before its workflow is counted, and a lag seen twice looked quiet
   * (a later reading then counted one workflow more, as if the refused request had started it).
   */
  const settled = async () => {
    const read = async () => ({ ...(await counts()), workflows: await workflows() });
    let last = JSON.stringify(await read());
    let since = Date.now();
    await retry(
      async () => {
        const now = await read();
        const text = JSON.stringify(now);
        if (text !== last) [last, since] = [text, Date.now()];
        const quietFor = Date.now() - since;
        expect(quietFor >= 1_000 || (quietFor > 0 && now.workflows >= now.proposal)).toBe(true);
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    return JSON.parse(last) as Counts;
  };

  const refusedWithoutWriting = async (res: HttpResult, sent: unknown, before: Counts, what: string) => {
    expect({ what, contentType: res.contentType }).toEqual({ what, contentType: expect.stringMatching(/problem\+json/) });
    // A JSON object is refused field by field (docs/style.md); a body that is not an object has no fields to name.
    if (sent !== null && typeof sent === 'object' && !Array.isArray(sent)) {
      expect({ what, fieldErrors: Array.isArray(res.body.errors) && res.body.errors.length > 0 }).toEqual({ what, fieldErrors: true });
    }
    expect({ what, ...(await counts()), workflows: await workflows() }).toEqual({ what, ...before });
  };

  it(
    `POST /proposals: ${RUNS} generated bodies; invalid ones refused writing nothing, valid ones created as documented`,
    async () => {
      const valid201 = responseValidator(doc, '/api/v1/proposals', 'post', '201');
      let created = 0;
      await fc.assert(
        fc.asyncProperty(proposalCase, async ({ body, verdict, why }) => {
          // Counted per run: a failed run (and fast-check's shrinking replays) must not leave a stale baseline.
          const before = await settled();
          const res = await submitter.request('POST', `${V1}/proposals`, body);
          const what = `${why} -> ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
          const allowed = verdict === 'invalid' ? [400] : verdict === 'valid' ? [201] : [201, 400];
          expect({ what, allowed: allowed.includes(res.status) }).toEqual({ what, allowed: true });
          if (res.status === 400) {
            await refusedWithoutWriting(res, body, before, what);
          } else {
            expect({ what, errors: valid201(res.body) ? null : valid201.errors }).toEqual({ what, errors: null });
            created += 1;
            // The proposal, its first dossier version and its workflow exist before the next run counts.
            await retry(
              async () => {
                const now = { ...(await counts()), workflows: await workflows() };
                expect([now.proposal, now.dossier_version, now.workflows]).toEqual([
                  before.proposal + 1,
                  before.dossier_version + 1,
                  before.workflows + 1,
                ]);
              },
              { timeoutMs: 20_000, intervalMs: 100 },
            );
          }
        }),
        // The valid fixture first, so every run (whatever FUZZ_RUNS) checks a 201 against the document.
        {
          numRuns: Math.max(RUNS, 2),
          examples: [
            [{ body: mouBody(), verdict: 'valid', why: 'the fixture as it is' }],
            // Found by this suite: an array passed @ValidateNested (no element to validate) and was stored.
            [{ body: setAt(mouBody(), 'details.counterpart', []), verdict: 'invalid', why: 'details.counterpart = []' }],
          ],
          endOnFailure: true,
        },
      );
      expect(created).toBeGreaterThan(0);
    },
    RUNS * 2_000 + 60_000,
  );

  it(
    `POST /tasks/{id}/complete: ${RUNS} generated bodies on fresh INTAKE_CHECK, SUPPLEMENT, DECISION and SIGNING tasks`,
    async () => {
      const valid200 = responseValidator(doc, '/api/v1/tasks/{id}/complete', 'post', '200');
      const actorOf: Record<FuzzedKind, ApiClient> = {
        INTAKE_CHECK: officer,
        SUPPLEMENT: submitter,
        DECISION: chairman,
        SIGNING: submitter,
      };
      const openTask = async (proposalId: string, kind: FuzzedKind) => {
        let id: string | undefined;
        await retry(
          async () => {
            const open = await admin.get(`${V1}/tasks?proposalId=${proposalId}&status=OPEN&kind=${kind}`);
            id = open.body.items[0]?.id;
            expect(id).toBeDefined();
          },
          { timeoutMs: 20_000, intervalMs: 100 },
        );
        return id!;
      };
      /** A new proposal with an open task of `kind`, reached the "yes" way. */
      const fresh = async (kind: FuzzedKind): Promise<string> => {
        if (kind === 'DECISION' || kind === 'SIGNING') {
          const { id } = await driveMou(apiUrl, {
            until: kind === 'DECISION' ? 'DECISION' : 'APPROVED',
            submitter: SUBMITTER,
            body: mouBody({ title: `Fuzzed ${kind}` }),
          });
          return openTask(id, kind);
        }
        const created = await submitter.post(`${V1}/proposals`, mouBody({ title: `Fuzzed ${kind}` }));
        expect(created.status).toBe(201);
        const intake = await openTask(created.body.id, 'INTAKE_CHECK');
        if (kind === 'INTAKE_CHECK') return intake;
        expect(
          (await officer.post(`${V1}/tasks/${intake}/complete`, { decision: 'REQUEST_SUPPLEMENT', comment: 'Thiếu bản dịch' })).status,
        ).toBe(200);
        return openTask(created.body.id, 'SUPPLEMENT');
      };
      const tasks = {} as Record<FuzzedKind, string>;
      for (const kind of TASK_KINDS) tasks[kind] = await fresh(kind);
      const decided: Record<string, number> = {};
      await fc.assert(
        fc.asyncProperty(taskCase, async (c) => {
          const before = await settled();
          const { verdict, why } = taskVerdict(c);
          const taskId = tasks[c.kind];
          const body = taskBody(c);
          const res = await actorOf[c.kind].request('POST', `${V1}/tasks/${taskId}/complete`, body);
          const what = `${c.kind} ${why} -> ${res.status} ${JSON.stringify(res.body)?.slice(0, 300)}`;
          // A fresh open task and its own candidate: never a 409 or 403, only the verdict's answer.
          expect({ what, status: res.status }).toEqual({ what, status: verdict === 'invalid' ? 400 : 200 });
          // A task this run completed is replaced first, so a failing assertion below leaves the next run a fresh task.
          if (res.status === 200) tasks[c.kind] = await fresh(c.kind);
          if (res.status === 400) {
            await refusedWithoutWriting(res, body, before, what);
            expect((await admin.get(`${V1}/tasks/${taskId}`)).body.status).toBe('OPEN');
          } else {
            expect({ what, errors: valid200(res.body) ? null : valid200.errors }).toEqual({ what, errors: null });
            expect(res.body.task).toMatchObject({ id: taskId, status: 'COMPLETED', decision: c.decision.value });
            const key = `${c.kind}:${String(c.decision.value)}`;
            decided[key] = (decided[key] ?? 0) + 1;
          }
        }),
        { numRuns: Math.max(RUNS, DEEP_EXAMPLES.length), examples: DEEP_EXAMPLES, endOnFailure: true },
      );
      // The deep paths were reached: a decision at DECISION, a RESUBMIT and a signing, each at least once.
      expect(Object.keys(decided)).toEqual(expect.arrayContaining(['SUPPLEMENT:RESUBMIT', 'SIGNING:SIGNED']));
      expect(Object.keys(decided).some((k) => k.startsWith('DECISION:'))).toBe(true);
    },
    RUNS * 5_000 + 120_000,
  );
});
