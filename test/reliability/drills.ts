/**
 * `npm run drills`: fault drills under load. A small bench run drives proposals over HTTP while the processes are
 * killed and restarted under it: the worker and the api by SIGKILL, the Temporal dev server (file-backed, so a
 * restart keeps its state) and a private embedded PostgreSQL (stopped the crash way) — never a shared server. Afterwards it checks that
 * nothing was lost or doubled:
 *   - every proposal reached the status it was driven to and is waiting there (or finished): database, workflow
 *     state and open tasks agree;
 *   - no duplicate tasks, every workflow step projected exactly once;
 *   - the audit chain verifies;
 *   - the TASK_COMPLETED audit events equal the decisions the driver saw accepted.
 *
 *   npm run drills                 # full: 32 proposals, every fault several times
 *   DRILLS_SHORT=1 npm run drills  # short (~1-2 min): 12 proposals, every fault once
 *   DRILLS_PRIVATE_PG=0 TEST_DATABASE_ADMIN_URL=… # use that server (no Postgres restart) instead of a private one
 */
import 'reflect-metadata';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { createDataSource, verifyAuditChain } from '@accord/persistence';
import { proposalWorkflowId, stateQuery } from '@accord/temporal/contracts';
import type { MouStatus } from '../support/drive';
import { runLoad, type LoadResult } from '../bench/load';
import { Stack } from '../bench/stack';
import { strandedDrills } from './stranded-drills';
import { upgradeDrill } from './upgrade-drill';

const SHORT = process.env.DRILLS_SHORT === '1' || process.env.DRILLS_SHORT === 'true';
/** DRILLS_ONLY=stranded runs only the stranded-command drills (api killed after commit, Temporal down, burst); =upgrade the A→B upgrade. */
const ONLY = process.env.DRILLS_ONLY;
const PRIVATE_PG = process.env.DRILLS_PRIVATE_PG !== '0';

type Fault = 'worker' | 'api' | 'temporal' | 'postgres';

const log = (line: string) => console.log(`drills: ${(performance.now() / 1000).toFixed(1).padStart(6)}s ${line}`);

/** Where proposal i is driven to: most to the end of the path, some left waiting at a stage. */
function until(i: number): MouStatus {
  return (['IN_FORCE', 'CONSULTATION', 'IN_FORCE', 'DECISION', 'IN_FORCE', 'SIGNED'] as const)[i % 6]!;
}

async function chaos(
  stack: Stack,
  faults: Fault[],
  everyMs: number,
  rounds: number,
  loadDone: () => boolean,
): Promise<Record<Fault, number>> {
  const done: Record<Fault, number> = { worker: 0, api: 0, temporal: 0, postgres: 0 };
  for (let round = 0; round < rounds; round++) {
    for (const fault of faults) {
      if (loadDone()) return done;
      await new Promise((r) => setTimeout(r, everyMs));
      if (loadDone()) return done;
      const t0 = performance.now();
      if (fault === 'worker') await stack.restartWorker();
      else if (fault === 'api') await stack.restartApi();
      else if (fault === 'temporal') await stack.restartTemporal();
      else await stack.restartPostgres();
      done[fault] += 1;
      log(`${fault} killed and back in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  }
  return done;
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

async function verify(stack: Stack, load: LoadResult): Promise<Check[]> {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, detail: string) => {
    checks.push({ name, ok, detail });
    log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
  };
  check(
    'driver finished without errors',
    load.errors.length === 0,
    load.errors.length
      ? load.errors.slice(0, 5).join(' | ')
      : `${load.proposals.length} proposals, ${load.accepted} decisions, ${load.retries} retried requests`,
  );

  const ds = createDataSource({ url: stack.databaseUrl, poolSize: 2 });
  await ds.initialize();
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const temporal = new TemporalClient({ connection });
  try {
    const ids = load.proposals.map((p) => p.id);
    const rows = (await ds.query(`SELECT id, reference, status, projection_seq FROM proposal WHERE id = ANY($1::uuid[])`, [ids])) as {
      id: string;
      reference: string;
      status: string;
      projection_seq: number;
    }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const open = (await ds.query(`SELECT proposal_id, id FROM task WHERE proposal_id = ANY($1::uuid[]) AND status = 'OPEN'`, [ids])) as {
      proposal_id: string;
      id: string;
    }[];
    const wrongStatus: string[] = [];
    const disagree: string[] = [];
    for (const p of load.proposals) {
      const row = byId.get(p.id);
      if (!row || row.status !== p.until) wrongStatus.push(`${p.reference}: ${row?.status ?? 'missing'} (driven to ${p.until})`);
      const handle = temporal.workflow.getHandle(proposalWorkflowId('HT', p.id));
      const described = await handle.describe();
      const dbOpen = open
        .filter((t) => t.proposal_id === p.id)
        .map((t) => t.id)
        .sort();
      if (p.until === 'IN_FORCE') {
        if (described.status.name !== 'COMPLETED' || dbOpen.length)
          disagree.push(`${p.reference}: workflow ${described.status.name}, ${dbOpen.length} open tasks`);
        continue;
      }
      const state = await handle.query(stateQuery);
      const wfOpen = [...state.openTaskIds].sort();
      if (described.status.name !== 'RUNNING' || state.status !== row?.status || wfOpen.join() !== dbOpen.join() || !dbOpen.length) {
        disagree.push(
          `${p.reference}: workflow ${described.status.name}/${state.status} open ${wfOpen.length}, database ${row?.status} open ${dbOpen.length}`,
        );
      }
    }
    check(
      'every proposal is where it was driven to',
      wrongStatus.length === 0 && load.proposals.length > 0,
      wrongStatus.length
        ? wrongStatus.slice(0, 5).join('; ')
        : `${load.proposals.length} proposals: ${countBy(load.proposals.map((p) => p.until))}`,
    );
    check(
      'workflow and database agree (finished, or waiting on the same open tasks)',
      disagree.length === 0,
      disagree.length ? disagree.slice(0, 5).join('; ') : 'all agree',
    );

    const dupTasks = (await ds.query(
      `SELECT proposal_id, kind, stage, candidate_agency_code, round, count(*)::int AS n FROM task WHERE proposal_id = ANY($1::uuid[])
       GROUP BY 1, 2, 3, 4, 5 HAVING count(*) > 1`,
      [ids],
    )) as unknown[];
    check('no duplicate tasks', dupTasks.length === 0, dupTasks.length ? JSON.stringify(dupTasks.slice(0, 3)) : 'none');

    const steps = (await ds.query(
      `SELECT p.reference, p.projection_seq, count(a.key)::int AS applied FROM proposal p
       LEFT JOIN applied_transition a ON a.key LIKE p.workflow_id || '/%'
       WHERE p.id = ANY($1::uuid[]) GROUP BY p.reference, p.projection_seq HAVING count(a.key) <> p.projection_seq`,
      [ids],
    )) as unknown[];
    check(
      'every workflow step projected exactly once',
      steps.length === 0,
      steps.length ? JSON.stringify(steps.slice(0, 3)) : 'applied transitions = projection_seq for every proposal',
    );

    const chain = await verifyAuditChain(ds.manager);
    check('audit chain verifies', chain.ok, JSON.stringify(chain));

    const [{ completed, tasks }] = (await ds.query(
      `SELECT (SELECT count(*)::int FROM audit_event WHERE action = 'TASK_COMPLETED' AND proposal_id = ANY($1::uuid[])) AS completed,
              (SELECT count(*)::int FROM task WHERE status = 'COMPLETED' AND proposal_id = ANY($1::uuid[])) AS tasks`,
      [ids],
    )) as { completed: number; tasks: number }[];
    const driven = load.proposals.reduce((n, p) => n + p.decisions, 0);
    check(
      'TASK_COMPLETED audit events = decisions accepted',
      completed === load.accepted && tasks === load.accepted && driven === load.accepted,
      `audit ${completed}, completed tasks ${tasks}, accepted by the driver ${load.accepted} (${driven} decided)`,
    );
    const dupAudit = (await ds.query(
      `SELECT payload->>'taskId' AS task, count(*)::int AS n FROM audit_event WHERE action = 'TASK_COMPLETED' AND proposal_id = ANY($1::uuid[])
       GROUP BY 1 HAVING count(*) > 1`,
      [ids],
    )) as unknown[];
    check('no decision audited twice', dupAudit.length === 0, dupAudit.length ? JSON.stringify(dupAudit.slice(0, 3)) : 'none');
  } finally {
    await connection.close();
    await ds.destroy();
  }
  return checks;
}

function countBy(values: string[]): string {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].map(([k, n]) => `${n} ${k}`).join(', ');
}

async function main(): Promise<void> {
  const faults: Fault[] = ['worker', 'api', 'temporal', ...(PRIVATE_PG ? (['postgres'] as const) : [])];
  const proposals = SHORT ? 12 : 32;
  const rounds = SHORT ? 1 : 3;
  log(
    `${SHORT ? 'short' : 'full'} form: ${proposals} proposals, faults ${faults.join(', ')} x${rounds}${PRIVATE_PG ? '' : ' (no private Postgres: the shared cluster is not restarted)'}`,
  );
  const stack = new Stack({ temporalFile: true, privatePostgres: PRIVATE_PG, prebuiltBundle: true, log });
  let checks: Check[] = [];
  try {
    await stack.start();
    log(`stack up: api ${stack.apiUrl}, temporal ${stack.temporalAddress}`);
    if (!ONLY) checks = await crashDrills(stack, faults, proposals, rounds);
    const ds = createDataSource({ url: stack.databaseUrl, poolSize: 2 });
    await ds.initialize();
    try {
      if (ONLY !== 'upgrade') {
        const stranded = await strandedDrills(stack, ds, SHORT, log);
        for (const c of stranded) log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
        checks.push(...stranded);
      }
      if (ONLY !== 'stranded') {
        const upgrade = await upgradeDrill(stack, log);
        for (const c of upgrade) log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
        checks.push(...upgrade);
      }
    } finally {
      await ds.destroy();
    }
  } catch (err) {
    checks.push({ name: 'drill ran', ok: false, detail: String(err) });
    console.error(err);
  } finally {
    await stack.stop().catch((err: unknown) => console.error(`stopping the stack: ${String(err)}`));
  }
  const failed = checks.filter((c) => !c.ok).length;
  console.log(`drills: ${checks.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

/** Processes killed and restarted under a small load, then the consistency checks. */
async function crashDrills(stack: Stack, faults: Fault[], proposals: number, rounds: number): Promise<Check[]> {
  let checks: Check[] = [];
  let loadDone = false;
  const loading = runLoad({
    apiUrl: stack.apiUrl,
    proposals,
    concurrency: 3,
    until,
    thinkMs: SHORT ? 150 : 250,
    retryForMs: 240_000,
    log,
  }).finally(() => {
    loadDone = true;
  });
  const injected = await chaos(stack, faults, SHORT ? 2500 : 3000, rounds, () => loadDone);
  const load = await loading;
  log(`load done: ${load.accepted} decisions, ${load.retries} retried requests; faults injected: ${JSON.stringify(injected)}`);
  checks = await verify(stack, load);
  const missing = faults.filter((f) => injected[f] === 0);
  checks.push({
    name: 'every fault was injected during the load',
    ok: missing.length === 0,
    detail: missing.length ? `not injected: ${missing.join(', ')} (the load ended first)` : JSON.stringify(injected),
  });
  log(`${missing.length ? 'FAIL' : 'ok  '} every fault was injected during the load: ${JSON.stringify(injected)}`);
  return checks;
}

void main();
