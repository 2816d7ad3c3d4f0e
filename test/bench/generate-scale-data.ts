/**
 * Scale data: fills a database with N proposals, their tasks and a hash-chained audit log (defaults 100k / 1M / 5M),
 * then measures what must stay fast at that size: the reviewer's inbox (GET /tasks, first and a deep page: EXPLAIN
 * ANALYZE, SQL timings, and the real api over HTTP) and the audit chain verification of GET /audit/verify.
 * Writes the figures into docs/benchmarks.md (section `scale`).
 *
 *   node -r @swc-node/register test/bench/generate-scale-data.ts [--proposals 100000] [--tasks 1000000] [--audit 5000000]
 *        [--database-url postgres://…]   a database nobody else writes to (migrated and seeded here if empty);
 *                                         without it a fresh database is created on BENCH_DATABASE_ADMIN_URL /
 *                                         TEST_DATABASE_ADMIN_URL's server, else on an embedded PostgreSQL, and dropped after
 *        [--keep] keep the created database   [--measure-only] skip the inserts   [--no-http] [--no-verify] [--no-write]
 *
 * Rows are inserted server-side with generate_series (proposals, tasks) and, for the audit log, whose hashes are
 * computed here with the same auditHash the api uses, as multi-row INSERTs from arrays (unnest … WITH ORDINALITY, so
 * seq follows the chain's order).
 */
import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { testPostgres } from '../support/test-postgres';
import {
  auditHash,
  auditValues,
  createDataSource,
  GENESIS_HASH,
  installTenancy,
  runInProvince,
  seedDemoData,
  verifyAuditChain,
} from '@accord/persistence';
import { ApiClient, login } from '../support/http';
import { freePort, startChild, stopChild, waitUntil } from '../support/processes';
import { explain, inboxQuery, timeQuery } from './inbox-query';
import { fmt, machine, writeSection } from './report';
import { percentile } from './load';
import { demoEmail } from '../support/demo-users';

interface Flags {
  proposals: number;
  tasks: number;
  audit: number;
  databaseUrl?: string;
  keep: boolean;
  measureOnly: boolean;
  http: boolean;
  verify: boolean;
  write: boolean;
}

function flags(argv: string[]): Flags {
  const f: Flags = {
    proposals: 100_000,
    tasks: 1_000_000,
    audit: 5_000_000,
    keep: false,
    measureOnly: false,
    http: true,
    verify: true,
    write: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const num = () => {
      const v = Number(String(argv[++i]).replace(/_/g, ''));
      if (!Number.isInteger(v) || v < 0) throw new Error(`${a} needs a whole number`);
      return v;
    };
    if (a === '--proposals') f.proposals = Math.max(1, num());
    else if (a === '--tasks') f.tasks = num();
    else if (a === '--audit') f.audit = num();
    else if (a === '--database-url') f.databaseUrl = argv[++i];
    else if (a === '--keep') f.keep = true;
    else if (a === '--measure-only') f.measureOnly = true;
    else if (a === '--no-http') f.http = false;
    else if (a === '--no-write') f.write = false;
    else if (a === '--no-verify') f.verify = false;
    else throw new Error(`unknown flag ${a}`);
  }
  if (!f.databaseUrl && process.env.DATABASE_URL) f.databaseUrl = process.env.DATABASE_URL;
  return f;
}

const ENV_ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? process.env.TEST_DATABASE_ADMIN_URL;

/** The MoU path's tasks in order: kind, stage, candidate agency (SUBMITTER: the submitting agency). */
const STEPS: [kind: string, stage: string, agency: string][] = [
  ['INTAKE_CHECK', 'INTAKE', 'HT-SNGV'],
  ['OPINION', 'CONSULTATION', 'HT-SNGV'],
  ['OPINION', 'CONSULTATION', 'HT-STP'],
  ['OPINION', 'CONSULTATION', 'HT-BCHQS'],
  ['OPINION', 'CONSULTATION', 'HT-CA'],
  ['ABSORPTION', 'ABSORPTION', 'SUBMITTER'],
  ['APPRAISAL', 'APPRAISAL', 'HT-STP'],
  ['DECISION', 'DECISION', 'HT-UBND'],
  ['SIGNING', 'SIGNING', 'SUBMITTER'],
  ['POST_SIGNING_REPORT', 'SIGNING', 'SUBMITTER'],
];
const DECISION_OF: Record<string, string> = {
  INTAKE_CHECK: 'COMPLETE',
  OPINION: 'AGREE',
  ABSORPTION: 'SUBMIT',
  APPRAISAL: 'CONFORMS',
  DECISION: 'APPROVE',
  SIGNING: 'SIGNED',
  POST_SIGNING_REPORT: 'SUBMITTED',
};
/** One proposal in ten is still in flight; the rest reached the end of their path. */
const IN_FLIGHT_EVERY = 10;

const time = async <T>(what: string, fn: () => Promise<T>): Promise<{ value: T; seconds: number }> => {
  const t0 = performance.now();
  const value = await fn();
  const seconds = (performance.now() - t0) / 1000;
  console.log(`scale: ${what}: ${seconds.toFixed(1)} s`);
  return { value, seconds };
};

/** In-flight proposals wait at one of these positions: status, and the steps open there (first..last). */
const WAITING: [status: string, first: number, last: number][] = [
  ['INTAKE', 0, 0],
  ['CONSULTATION', 1, 4],
  ['APPRAISAL', 6, 6],
  ['DECISION', 7, 7],
];

async function insertProposals(db: Client, tag: string, n: number): Promise<void> {
  // Submitted over the last ~3 years, newest last; every tenth still in flight, waiting at a position given by its number.
  const waiting = `(ARRAY[${WAITING.map(([s]) => `'${s}'`).join(',')}])[1 + (g / ${IN_FLIGHT_EVERY}) % ${WAITING.length}]`;
  await db.query(
    `INSERT INTO proposal (id, reference, kind, title, summary, details, procedure, urgency, status, stage, submitting_agency_code,
       submitted_by, plan, policy_version, workflow_id, projection_seq, created_at, updated_at)
     SELECT x.id, $1 || '-' || g, 'INTERNATIONAL_AGREEMENT', 'Scale MoU #' || g || ' with partner ' || (g % 977),
       'Thỏa thuận hợp tác số ' || g, '{"action":"SIGN","level":"PROVINCIAL_COMMITTEE","fields":["TRADE"]}'::jsonb, 'STANDARD', 'NORMAL',
       CASE WHEN g % ${IN_FLIGHT_EVERY} = 0 THEN ${waiting} WHEN g % 23 = 0 THEN 'REJECTED' ELSE 'IN_FORCE' END,
       CASE WHEN g % ${IN_FLIGHT_EVERY} = 0 THEN ${waiting} ELSE NULL END,
       CASE WHEN g % 2 = 0 THEN 'HT-SCT' ELSE 'HT-SGDDT' END,
       CASE WHEN g % 2 = 0 THEN $3::uuid ELSE $4::uuid END,
       '{"stages":[]}'::jsonb, 'scale', 'proposal-' || x.id, 10,
       now() - make_interval(mins => (($2 - g) * 15)::int), now() - make_interval(mins => (($2 - g) * 15)::int)
     FROM generate_series(1, $2::int) g CROSS JOIN LATERAL (SELECT gen_random_uuid() AS id, g AS gg) x`,
    [tag, n, ...(await submitters(db))],
  );
}

async function submitters(db: Client): Promise<[string, string]> {
  const rows = (
    await db.query(
      `SELECT id, agency_code FROM app_user WHERE agency_code IN ('HT-SCT', 'HT-SGDDT') AND 'SUBMITTER' = ANY(roles) ORDER BY agency_code`,
    )
  ).rows as { id: string; agency_code: string }[];
  const sct = rows.find((r) => r.agency_code === 'HT-SCT');
  const sgddt = rows.find((r) => r.agency_code === 'HT-SGDDT');
  if (!sct || !sgddt) throw new Error('the demo users are missing (seed the database)');
  return [sct.id, sgddt.id];
}

/**
 * Tasks: the ten steps of the path per proposal. A finished proposal has them all COMPLETED; one in flight has the
 * steps before its position completed, the ones at its position OPEN (the consultation's four in parallel), none after.
 * A third of the open tasks are claimed by a member of the candidate agency. The rest of the target count are
 * earlier rounds (rework) of finished proposals.
 */
async function insertTasks(db: Client, tag: string, target: number): Promise<number> {
  const before = Number((await db.query('SELECT count(*) AS n FROM task')).rows[0].n);
  const steps = STEPS.map(([k, s, a], i) => `(${i}, '${k}', '${s}', '${a}', '${DECISION_OF[k]}')`).join(',');
  const waiting = WAITING.map(([s, a, b]) => `('${s}', ${a}, ${b})`).join(',');
  await db.query(
    `WITH steps(i, kind, stage, agency, decision) AS (VALUES ${steps}),
     waiting(status, first, last) AS (VALUES ${waiting}),
     p AS (SELECT id, created_at, submitting_agency_code, submitted_by, (substring(reference from '[0-9]+$'))::int AS g,
             coalesce(w.first, 99) AS first, coalesce(w.last, 99) AS last
           FROM proposal LEFT JOIN waiting w USING (status) WHERE reference LIKE $1 || '-%'),
     rows AS (SELECT p.*, s.*, CASE WHEN s.i < p.first THEN 'COMPLETED' ELSE 'OPEN' END AS task_status FROM p JOIN steps s ON s.i <= p.last)
     INSERT INTO task (id, proposal_id, kind, stage, candidate_agency_code, assignee_id, status, round, created_at, due_at, clock_type, clock_length,
       allowed_decisions, decision, completed_at, completed_by)
     SELECT gen_random_uuid(), r.id, r.kind, r.stage, CASE WHEN r.agency = 'SUBMITTER' THEN r.submitting_agency_code ELSE r.agency END,
       CASE WHEN r.task_status = 'OPEN' AND r.g % 3 = 0 THEN u.id END,
       r.task_status, 1, r.created_at + make_interval(days => r.i * 3), r.created_at + make_interval(days => r.i * 3 + 10 + (r.g % 7)),
       'WORKING_DAYS', 10, ARRAY[r.decision], CASE WHEN r.task_status = 'COMPLETED' THEN r.decision END,
       CASE WHEN r.task_status = 'COMPLETED' THEN r.created_at + make_interval(days => r.i * 3 + 2) END,
       CASE WHEN r.task_status = 'COMPLETED' THEN COALESCE(u.id, r.submitted_by) END
     FROM rows r
     LEFT JOIN LATERAL (SELECT id FROM app_user WHERE agency_code = CASE WHEN r.agency = 'SUBMITTER' THEN r.submitting_agency_code ELSE r.agency END ORDER BY email LIMIT 1) u ON true`,
    [tag],
  );
  const have = Number((await db.query('SELECT count(*) AS n FROM task')).rows[0].n) - before;
  if (target > have) {
    // Rework rounds: extra completed OPINION tasks of finished proposals, spread evenly over them.
    await db.query(
      `WITH p AS (SELECT id, created_at, submitted_by, (row_number() OVER (ORDER BY id) - 1)::int AS rn
                  FROM proposal WHERE reference LIKE $1 || '-%' AND status IN ('IN_FORCE', 'REJECTED')),
            c AS (SELECT greatest(count(*), 1)::int AS n FROM p),
            k AS (SELECT k % c.n AS rn, k / c.n AS extra FROM generate_series(0, $2::int - 1) k, c)
       INSERT INTO task (id, proposal_id, kind, stage, candidate_agency_code, status, round, created_at, due_at, clock_type, clock_length,
         allowed_decisions, decision, completed_at, completed_by)
       SELECT gen_random_uuid(), p.id, 'OPINION', 'CONSULTATION', 'HT-STP', 'COMPLETED', 2 + k.extra, p.created_at, p.created_at + interval '14 days',
         'WORKING_DAYS', 10, ARRAY['AGREE'], 'AGREE', p.created_at + interval '5 days', p.submitted_by
       FROM k JOIN p USING (rn)`,
      [tag, target - have],
    );
  }
  return Number((await db.query('SELECT count(*) AS n FROM task')).rows[0].n) - before;
}

const ACTIONS = ['TASKS_OPENED', 'NOTIFICATION_SENT', 'TASK_COMPLETED', 'STATUS_CHANGED'] as const;

/** Audit events: a PROPOSAL_SUBMITTED, then opened / completed / status rows in the real shapes, chained in order. */
async function insertAudit(db: Client, tag: string, target: number, log: (s: string) => void): Promise<number> {
  const proposals = (
    await db.query(`SELECT id, reference, created_at, submitted_by FROM proposal WHERE reference LIKE $1 || '-%' ORDER BY created_at`, [
      tag,
    ])
  ).rows as {
    id: string;
    reference: string;
    created_at: Date;
    submitted_by: string;
  }[];
  const [last] = (await db.query('SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1')).rows as { hash: string }[];
  let prev = last?.hash ?? GENESIS_HASH;
  const perProposal = Math.max(1, Math.ceil(target / proposals.length));
  const BATCH = 5000;
  const cols: unknown[][] = Array.from({ length: 13 }, () => []);
  let written = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    const arrays = cols.map((c) => c.splice(0));
    await pending;
    pending = db.query(
      `INSERT INTO audit_event (id, at, actor_id, actor_name, actor_type, action, proposal_id, stage, workflow_id, run_id, payload, prev_hash, hash)
       SELECT id, at, actor_id, actor_name, actor_type, action, proposal_id, stage, workflow_id, run_id, payload, prev_hash, hash
       FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::text[], $9::text[], $10::text[],
                   $11::jsonb[], $12::text[], $13::text[]) WITH ORDINALITY
         AS u(id, at, actor_id, actor_name, actor_type, action, proposal_id, stage, workflow_id, run_id, payload, prev_hash, hash, n)
       ORDER BY n`,
      arrays,
    );
  };
  const push = (row: {
    id: string;
    at: string;
    actor_id: string;
    actor_name: string;
    actor_type: string;
    action: string;
    proposal_id: string;
    stage: string | null;
    workflow_id: string;
    run_id: string;
    payload: Record<string, unknown>;
  }) => {
    const hash = auditHash(prev, row);
    auditValues(row, prev, hash).forEach((v, i) => cols[i]!.push(v));
    prev = hash;
    written += 1;
  };
  const started = performance.now();
  for (const p of proposals) {
    if (written >= target) break;
    const workflowId = `proposal-${p.id}`;
    const runId = randomUUID();
    const t0 = p.created_at.getTime();
    for (let e = 0; e < perProposal && written < target; e++) {
      const at = new Date(t0 + e * 3_600_000).toISOString();
      const step = STEPS[Math.floor(e / 5) % STEPS.length]!;
      const action = e === 0 ? 'PROPOSAL_SUBMITTED' : ACTIONS[e % ACTIONS.length]!;
      const user = action === 'TASK_COMPLETED' || e === 0;
      const taskId = randomUUID();
      const payload: Record<string, unknown> =
        e === 0
          ? {
              reference: p.reference,
              kind: 'INTERNATIONAL_AGREEMENT',
              title: `Scale MoU ${p.reference}`,
              dossierVersion: 1,
              dossierHash: randomBytes(32).toString('hex'),
              policyVersion: 'scale',
            }
          : action === 'TASK_COMPLETED'
            ? {
                taskId,
                kind: step[0],
                decision: DECISION_OF[step[0]],
                dossier: { version: 1, hash: randomBytes(32).toString('hex'), attachments: [] },
              }
            : action === 'TASKS_OPENED'
              ? { tasks: [{ id: taskId, kind: step[0], candidateAgency: step[2], dueAt: at }] }
              : action === 'STATUS_CHANGED'
                ? { from: step[1], to: step[1] }
                : { kind: 'TASK_OPENED', agencyCode: step[2], taskId };
      push({
        id: randomUUID(),
        at,
        actor_id: user ? p.submitted_by : 'system',
        actor_name: user ? 'Nguyễn Văn An' : 'Accord',
        actor_type: user ? 'USER' : 'SYSTEM',
        action,
        proposal_id: p.id,
        stage: e === 0 ? null : step[1],
        workflow_id: workflowId,
        run_id: runId,
        payload,
      });
      if (cols[0]!.length >= BATCH) await flush();
    }
    if (written % 500_000 < perProposal) log(`audit: ${written} events (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  if (cols[0]!.length) await flush();
  await pending;
  return written;
}

interface InboxFigures {
  agency: string;
  open: number;
  sql: { first: { p50: number; p95: number; rows: number }; deep: { p50: number; p95: number; rows: number } };
  plan: string[];
  deepPlan: string[];
}

async function measureInbox(ds: DataSource, agency: string): Promise<InboxFigures> {
  const [{ user_id }] = (await ds.query(`SELECT id AS user_id FROM app_user WHERE agency_code = $1 ORDER BY email LIMIT 1`, [agency])) as {
    user_id: string;
  }[];
  const [{ open }] = (await ds.query(`SELECT count(*)::int AS open FROM task WHERE candidate_agency_code = $1 AND status = 'OPEN'`, [
    agency,
  ])) as { open: number }[];
  const first = inboxQuery(agency, [user_id!]);
  // A deep page: the cursor of the row half-way down the agency's open tasks.
  const [mid] = (await ds.query(
    `SELECT due_at, id FROM task WHERE candidate_agency_code = $1 AND status = 'OPEN' ORDER BY due_at, id OFFSET $2 LIMIT 1`,
    [agency, Math.floor(open / 2)],
  )) as { due_at: Date; id: string }[];
  const deep = inboxQuery(agency, [user_id!], mid ? { dueAt: mid.due_at.toISOString(), id: mid.id } : undefined);
  return {
    agency,
    open,
    sql: { first: await timeQuery(ds, first.sql, first.params), deep: await timeQuery(ds, deep.sql, deep.params) },
    plan: await explain(ds, first.sql, first.params),
    deepPlan: await explain(ds, deep.sql, deep.params),
  };
}

/** Requests timed over HTTP: the inbox of three reviewers, and the other lists that read the big tables. */
const HTTP_CASES: [label: string, email: string, path: string][] = [
  ['inbox (SNGV officer)', demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }), '/api/v1/tasks?limit=50'],
  ['inbox (STP reviewer)', demoEmail({ agency: 'HT-STP', role: 'REVIEWER' }), '/api/v1/tasks?limit=50'],
  ['inbox (UBND chairman)', demoEmail({ agency: 'HT-UBND', role: 'LEADER' }), '/api/v1/tasks?limit=50'],
  ['inbox, overdue only (STP)', demoEmail({ agency: 'HT-STP', role: 'REVIEWER' }), '/api/v1/tasks?limit=50&overdue=true'],
  ['decided tasks (STP, status=COMPLETED)', demoEmail({ agency: 'HT-STP', role: 'REVIEWER' }), '/api/v1/tasks?limit=50&status=COMPLETED'],
  ['all open tasks (leader, status=OPEN)', demoEmail({ agency: 'HT-UBND', role: 'LEADER' }), '/api/v1/tasks?limit=50&status=OPEN'],
  ['proposals (STP reviewer)', demoEmail({ agency: 'HT-STP', role: 'REVIEWER' }), '/api/v1/proposals?limit=50'],
  ['proposals (SCT submitter)', demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }), '/api/v1/proposals?limit=50'],
  ['audit log, first page (auditor)', demoEmail({ agency: null, role: 'AUDITOR' }), '/api/v1/audit?limit=50'],
];

type Latency = { p50: number; p95: number; p99: number };

/** Times requests over HTTP against a real api on the scale database (Temporal is not needed to read). */
async function measureHttp(databaseUrl: string, times = 101): Promise<Record<string, Latency>> {
  const port = await freePort();
  const api = startChild('api', process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
    NODE_ENV: 'test',
    // The api starts only with a real secret (no default anywhere): one for this run.
    JWT_SECRET: randomBytes(32).toString('base64'),
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntil('api', async () => (await fetch(`${url}/health`)).status > 0, 180_000);
    const out: Record<string, Latency> = {};
    const clients = new Map<string, ApiClient>();
    for (const [label, email, path] of HTTP_CASES) {
      if (!clients.has(email)) clients.set(email, await login(url, email));
      const client = clients.get(email)!;
      const ms: number[] = [];
      for (let i = 0; i < times + 5; i++) {
        const t0 = performance.now();
        const res = await client.get(path);
        if (res.status !== 200) throw new Error(`GET ${path} as ${email}: ${res.status}`);
        if (i >= 5) ms.push(performance.now() - t0);
      }
      out[label] = { p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99) };
      console.log(`scale: GET ${path} as ${email}: p50 ${fmt(out[label].p50)} p95 ${fmt(out[label].p95)} ms`);
    }
    return out;
  } finally {
    await stopChild(api);
  }
}

async function main(): Promise<void> {
  const f = flags(process.argv.slice(2));
  const log = (s: string) => console.log(`scale: ${s}`);
  let created: string | null = null;
  let url = f.databaseUrl;
  // With --keep the embedded server would be gone with this process: keep needs a server of its own.
  const server = url ? null : await testPostgres(ENV_ADMIN_URL);
  const ADMIN_URL = server?.adminUrl ?? '';
  if (!url) {
    created = `accord_scale_${Date.now()}_${randomBytes(3).toString('hex')}`;
    const admin = new Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${created}`);
    await admin.end();
    url = ADMIN_URL.replace(/\/[^/]*$/, `/${created}`);
    log(`created database ${created}`);
  }
  const ds = createDataSource({ url, poolSize: 2 });
  await ds.initialize();
  const db = new Client({ connectionString: url });
  await db.connect();
  // The generated rows are Hà Tĩnh's (the owner's connection writes them, past row-level security).
  await db.query(`SELECT set_config('accord.province', 'HT', false)`);
  try {
    const migrated = await time('migrations', () => ds.runMigrations({ transaction: 'each' }));
    const applied = migrated.value.map((m) => m.name);
    if ((await ds.query('SELECT count(*)::int AS n FROM app_user'))[0].n === 0) await seedDemoData(ds);
    // Measured as the api and the worker run: as accord_app, in Hà Tĩnh, under row-level security.
    installTenancy(ds, { fallbackProvince: 'HT' });
    const timings: Record<string, number> = {};
    if (!f.measureOnly) {
      const tag = `S${randomBytes(3).toString('hex').toUpperCase()}`;
      log(`inserting ${f.proposals} proposals, ${f.tasks} tasks, ${f.audit} audit events (tag ${tag})`);
      timings.proposals = (await time('proposals', () => insertProposals(db, tag, f.proposals))).seconds;
      timings.tasks = (await time('tasks', () => insertTasks(db, tag, f.tasks))).seconds;
      timings.audit = (await time('audit events', () => insertAudit(db, tag, f.audit, log))).seconds;
      timings.analyze = (await time('ANALYZE', () => db.query('ANALYZE'))).seconds;
    }
    const counts = (
      await ds.query(`SELECT (SELECT count(*) FROM proposal)::int AS proposals, (SELECT count(*) FROM task)::int AS tasks,
      (SELECT count(*) FROM task WHERE status = 'OPEN')::int AS open, (SELECT count(*) FROM audit_event)::bigint AS audit,
      pg_size_pretty(pg_database_size(current_database())) AS size`)
    )[0] as { proposals: number; tasks: number; open: number; audit: string; size: string };
    log(`database: ${JSON.stringify(counts)}`);
    const indexes = (await ds.query(`SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'task' ORDER BY indexname`)) as {
      indexname: string;
      indexdef: string;
    }[];

    const inbox: InboxFigures[] = [];
    for (const agency of ['HT-SNGV', 'HT-STP', 'HT-UBND']) inbox.push(await measureInbox(ds, agency));
    for (const i of inbox)
      log(
        `inbox ${i.agency} (${i.open} open): first page p50 ${fmt(i.sql.first.p50)} ms p95 ${fmt(i.sql.first.p95)} ms; deep page p50 ${fmt(i.sql.deep.p50)} ms`,
      );
    const http = f.http ? await measureHttp(url) : {};

    const verifyPlan = await explain(ds, 'SELECT * FROM audit_event WHERE seq > $1 ORDER BY seq LIMIT $2', ['1000000', 5000]);
    // As GET /audit/verify runs it (stretches in worker threads), and walked in one thread for comparison.
    const skipped = { value: { ok: true, checked: 0 }, seconds: NaN };
    const verify = f.verify
      ? await time('verifyAuditChain (workers)', () =>
          runInProvince('HT', () => verifyAuditChain(ds.manager, { databaseUrl: url, parallelFrom: 1 })),
        )
      : skipped;
    const serial = f.verify
      ? await time('verifyAuditChain (one thread)', () => runInProvince('HT', () => verifyAuditChain(ds.manager)))
      : skipped;
    for (const [name, v] of [
      ['workers', verify],
      ['one thread', serial],
    ] as const) {
      log(
        `verify (${name}): ${JSON.stringify(v.value)} in ${fmt(v.seconds)} s (${fmt(Number(v.value.checked) / v.seconds / 1000)}k events/s)`,
      );
      if (f.verify && !v.value.ok) throw new Error(`the generated chain does not verify: ${JSON.stringify(v.value)}`);
    }

    const body = `## Scale data (\`test/bench/generate-scale-data.ts\`)

Run ${new Date().toISOString()} on ${machine()}; Postgres ${(await ds.query('SHOW server_version'))[0].server_version} (shared_buffers ${(await ds.query('SHOW shared_buffers'))[0].shared_buffers}, other sessions' databases on the same server).
Database: ${counts.proposals} proposals, ${counts.tasks} tasks (${counts.open} open), ${counts.audit} audit events, ${counts.size} on disk.
${f.measureOnly ? `Measured on an existing database${applied.length ? ` after applying ${applied.join(', ')} to it (${fmt(migrated.seconds)} s)` : ''}.` : `Generated with --proposals ${f.proposals} --tasks ${f.tasks} --audit ${f.audit}: proposals ${fmt(timings.proposals!)} s, tasks ${fmt(timings.tasks!)} s, audit events ${fmt(timings.audit!)} s (hashing included), ANALYZE ${fmt(timings.analyze!)} s.`}

Inbox query (the SQL of GET /tasks for a reviewer, first page and a page from the middle of the agency's open tasks;
${21} runs after a warm-up, through TypeORM):

| agency | open tasks | first page p50 / p95 (ms) | deep page p50 / p95 (ms) |
| --- | ---: | ---: | ---: |
${inbox.map((i) => `| ${i.agency} | ${i.open} | ${fmt(i.sql.first.p50, 2)} / ${fmt(i.sql.first.p95, 2)} | ${fmt(i.sql.deep.p50, 2)} / ${fmt(i.sql.deep.p95, 2)} |`).join('\n')}
${
  Object.keys(http).length
    ? `
Over HTTP against the real api on this database (101 requests each, one at a time, after 5 not counted; includes
auth, the substitute lookup, validation and JSON):

| request | p50 (ms) | p95 (ms) | p99 (ms) |
| --- | ---: | ---: | ---: |
${Object.entries(http)
  .map(([e, s]) => `| ${e} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.p99)} |`)
  .join('\n')}
`
    : ''
}
Plan of the first page (${inbox[0]!.agency}):

\`\`\`
${inbox[0]!.plan.join('\n')}
\`\`\`

Plan of the deep page:

\`\`\`
${inbox[0]!.deepPlan.join('\n')}
\`\`\`

Indexes on task: ${indexes.map((i) => `\`${i.indexname}\``).join(', ')}.

Audit verify (\`verifyAuditChain\`, what GET /audit/verify runs: stretches of the chain by seq in ${Math.min(availableParallelism(), 4)} worker threads, each
reading batches of 5000 over its own connection and recomputing every hash, joined at the stretch boundaries):
${verify.value.checked} events in ${fmt(verify.seconds)} s (${fmt(Number(verify.value.checked) / verify.seconds / 1000)}k events/s)${Number(counts.audit) < 5_000_000 ? `; at that rate 5M events take about ${fmt((5_000_000 / Number(verify.value.checked)) * verify.seconds, 0)} s` : ''}.
Walked in one thread instead: ${fmt(serial.seconds)} s (${fmt(Number(serial.value.checked) / serial.seconds / 1000)}k events/s).
Batch query plan: \`${verifyPlan
      .filter((l) => /Scan|Limit/.test(l))
      .map((l) => l.trim())
      .join(' → ')}\`.`;
    console.log(body);
    if (f.write) {
      writeSection('scale', body);
      log('wrote docs/benchmarks.md (scale section)');
    }
  } finally {
    await db.end();
    await ds.destroy();
    if (created && !f.keep) {
      const admin = new Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${created} WITH (FORCE)`);
      await admin.end();
      log(`dropped ${created}`);
    } else if (created) {
      log(`kept ${url}`);
    }
    await server?.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
