/**
 * `npm run bench`: starts its own stack (fresh Postgres database, Temporal dev server, api and worker), drives N
 * proposals through every task over HTTP, then runs a bare-Temporal baseline of the same shape on the same dev
 * server, and writes the figures into docs/benchmarks.md (its `bench` section).
 *
 *   npm run bench -- --proposals 30 --concurrency 10 [--warmup 2] [--no-baseline] [--pool 10] [--swc] [--dev-bundle] [--worker-heap MiB] [--no-write]
 *
 * By default the api, the worker and the baseline's worker all run compiled by tsc under plain `node`, as the
 * production image runs them; `--swc` runs all three through @swc-node/register instead (as the tests do). The
 * report states which mode it used.
 */
import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { Client as PgClient } from 'pg';
import { startChild, stopChild, waitUntil } from '../support/processes';
import { temporalBinary } from '../support/temporal-binaries';
import { runBaseline, type BaselineResult } from './baseline/run';
import { runLoad, percentile, type LoadResult } from './load';
import { fmt, machine, versions, writeSection } from './report';
import { BENCH_METRICS_TOKEN, buildWorkflowBundle, CpuMeter, rssMB, Stack } from './stack';
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';

interface Flags {
  proposals: number;
  concurrency: number;
  warmup: number;
  baseline: boolean;
  pool?: number;
  write: boolean;
  /** Let the worker bundle the workflows at its start (as `npm run dev` does) instead of a prebuilt bundle. */
  devBundle: boolean;
  /** V8 old-space limit for the worker (MiB), as NODE_OPTIONS=--max-old-space-size would set it in a deployment. */
  workerHeap?: number;
  /** api, worker and baseline worker run from tsc output (as the production image); false: through @swc-node/register. */
  compiled: boolean;
}

function flags(argv: string[]): Flags {
  const f: Flags = { proposals: 30, concurrency: 10, warmup: 2, baseline: true, write: true, devBundle: false, compiled: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 0) throw new Error(`${a} needs a whole number`);
      return v;
    };
    if (a === '--proposals') f.proposals = Math.max(1, value());
    else if (a === '--concurrency') f.concurrency = Math.max(1, value());
    else if (a === '--warmup') f.warmup = value();
    else if (a === '--pool') f.pool = Math.max(1, value());
    else if (a === '--no-baseline') f.baseline = false;
    else if (a === '--no-write') f.write = false;
    else if (a === '--dev-bundle') f.devBundle = true;
    else if (a === '--compiled')
      f.compiled = true; // the default; kept so older command lines still work
    else if (a === '--swc') f.compiled = false;
    else if (a === '--worker-heap') f.workerHeap = Math.max(64, value());
    else throw new Error(`unknown flag ${a}`);
  }
  return f;
}

/** Samples the RSS of processes found by name (they may be restarted) every `everyMs`. */
export class RssSampler {
  readonly peak: Record<string, number> = {};
  readonly last: Record<string, number> = {};
  private timer?: NodeJS.Timeout;

  constructor(private readonly pids: () => Record<string, number | undefined>) {}

  sample(): void {
    for (const [name, pid] of Object.entries(this.pids())) {
      const mib = rssMB(pid);
      if (mib === null) continue;
      this.last[name] = mib;
      this.peak[name] = Math.max(this.peak[name] ?? 0, mib);
    }
  }

  start(everyMs = 500): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.sample();
  }
}

const EVENT_NAMES = temporal.api.enums.v1.EventType as unknown as Record<number, string>;

/** Counts the events of one workflow's history by type (what one proposal costs Temporal). */
export async function historyShape(address: string, workflowId: string): Promise<Record<string, number>> {
  const connection = await Connection.connect({ address });
  try {
    const history = await new Client({ connection }).workflow.getHandle(workflowId).fetchHistory();
    const counts: Record<string, number> = { total: history.events?.length ?? 0 };
    for (const e of history.events ?? []) {
      const name = (EVENT_NAMES[e.eventType as number] ?? String(e.eventType)).replace(/^EVENT_TYPE_/, '');
      counts[name] = (counts[name] ?? 0) + 1;
    }
    return counts;
  } finally {
    await connection.close();
  }
}

/** Sum and count of a Prometheus histogram (or summary) over the series whose labels contain every `match` pair. */
export function histogram(text: string, name: string, match: Record<string, string> = {}): { sum: number; count: number } {
  const out = { sum: 0, count: 0 };
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m || (m[1] !== `${name}_sum` && m[1] !== `${name}_count`)) continue;
    const labels = m[2] ?? '';
    if (!Object.entries(match).every(([k, v]) => labels.includes(`${k}="${v}"`))) continue;
    if (m[1].endsWith('_sum')) out.sum += Number(m[3]);
    else out.count += Number(m[3]);
  }
  return out;
}

async function scrape(url: string): Promise<string> {
  try {
    // The api's /metrics needs its METRICS_TOKEN; the worker's port ignores the header.
    const res = await fetch(url, { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } });
    return res.ok ? await res.text() : '';
  } catch {
    return '';
  }
}

/** Mean (ms) of a histogram between two scrapes. */
function meanBetween(before: string, after: string, name: string, match: Record<string, string> = {}): { ms: number; n: number } {
  const a = histogram(before, name, match);
  const b = histogram(after, name, match);
  const n = b.count - a.count;
  return { ms: n > 0 ? ((b.sum - a.sum) / n) * 1000 : NaN, n };
}

const stat = (values: number[]) => ({
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  p99: percentile(values, 99),
  n: values.length,
});
const row = (name: string, values: number[]) => {
  const s = stat(values);
  return `| ${name} | ${s.n} | ${fmt(s.p50)} | ${fmt(s.p95)} | ${fmt(s.p99)} |`;
};

/** Where a decision's time goes, from the api's and the worker's /metrics scraped around the measured run. */
function breakdownFrom(before: { api: string; worker: string }, after: { api: string; worker: string }): string {
  if (!after.api || !after.worker) return 'The /metrics endpoints did not answer; no breakdown.';
  const rows: [string, { ms: number; n: number }][] = [
    [
      'api: POST /api/v1/tasks/:id/complete (200)',
      meanBetween(before.api, after.api, 'http_request_duration_seconds', { route: '/api/v1/tasks/:id/complete', status: '200' }),
    ],
    [
      'api: POST /api/v1/proposals (201)',
      meanBetween(before.api, after.api, 'http_request_duration_seconds', { route: '/api/v1/proposals', status: '201' }),
    ],
    [
      'api: GET /api/v1/tasks (200)',
      meanBetween(before.api, after.api, 'http_request_duration_seconds', { route: '/api/v1/tasks', method: 'GET' }),
    ],
    [
      'worker: workflow task schedule-to-start',
      meanBetween(before.worker, after.worker, 'temporal_workflow_task_schedule_to_start_latency'),
    ],
    [
      'worker: workflow task execution (proposalWorkflow)',
      meanBetween(before.worker, after.worker, 'temporal_workflow_task_execution_latency', { workflow_type: 'proposalWorkflow' }),
    ],
    [
      'worker: RespondWorkflowTaskCompleted (gRPC)',
      meanBetween(before.worker, after.worker, 'temporal_request_latency', { operation: 'RespondWorkflowTaskCompleted' }),
    ],
    ['worker: activity schedule-to-start', meanBetween(before.worker, after.worker, 'temporal_activity_schedule_to_start_latency')],
    [
      'worker: applyTransition execution (one transaction)',
      meanBetween(before.worker, after.worker, 'temporal_activity_execution_latency', { activity_type: 'applyTransition' }),
    ],
    [
      'worker: applyTransition execution (local activity, one transaction)',
      meanBetween(before.worker, after.worker, 'temporal_local_activity_execution_latency', { activity_type: 'applyTransition' }),
    ],
    [
      'worker: RespondActivityTaskCompleted (gRPC)',
      meanBetween(before.worker, after.worker, 'temporal_request_latency', { operation: 'RespondActivityTaskCompleted' }),
    ],
  ];
  return `| step (from /metrics, mean over the measured run) | n | mean (ms) |\n| --- | ---: | ---: |\n${rows.map(([k, v]) => `| ${k} | ${v.n} | ${fmt(v.ms)} |`).join('\n')}`;
}

/** The worker's memory by kind, from its /metrics (prom-client defaults and the SDK's sticky cache). */
function workerMemory(text: string): string {
  const gauge = (name: string) => {
    const m = new RegExp(`^${name}(?:\\{[^}]*\\})?\\s+(\\S+)`, 'm').exec(text);
    return m ? Number(m[1]) : NaN;
  };
  const mib = (n: number) => `${fmt(n / 1e6, 0)} MB`;
  return `V8 heap used ${mib(gauge('nodejs_heap_size_used_bytes'))} of ${mib(gauge('nodejs_heap_size_total_bytes'))}, external ${mib(gauge('nodejs_external_memory_bytes'))}, sticky cache ${gauge('temporal_sticky_cache_size')} workflows`;
}

/**
 * The baseline's worker compiled by tsc like Accord's (same compiler, target and module system), so the ratio compares
 * like with like; node_modules is linked into the stack's folder, where the output's packages are resolved.
 */
function compileBaselineWorker(root: string): string {
  const tsc = join(__dirname, '..', '..', 'node_modules', 'typescript', 'bin', 'tsc');
  const outDir = join(root, 'dist-baseline');
  const base = JSON.parse(
    execFileSync(process.execPath, [tsc, '-p', join(__dirname, '..', '..', 'tsconfig.build.json'), '--showConfig'], { encoding: 'utf8' }),
  ) as {
    compilerOptions: { target?: string; module?: string };
  };
  execFileSync(
    process.execPath,
    [
      tsc,
      '--outDir',
      outDir,
      '--rootDir',
      join(__dirname, '..', '..'),
      '--target',
      base.compilerOptions.target ?? 'es2022',
      '--module',
      base.compilerOptions.module ?? 'commonjs',
      '--esModuleInterop',
      '--skipLibCheck',
      '--types',
      'node',
      join(__dirname, 'baseline', 'worker.ts'),
    ],
    { stdio: 'inherit' },
  );
  return join(outDir, 'test', 'bench', 'baseline', 'worker.js');
}

function runMode(f: Flags): string {
  return f.compiled
    ? "compiled — api, worker and the baseline's worker run tsc output (tsconfig.build.json settings) under plain `node`, as the production image does"
    : "through `@swc-node/register` (`--swc`) — api, worker and the baseline's worker compile TypeScript as they load it, as the tests do; not the production mode";
}

function cpuLine(used: Record<string, number>, decisions: number): string {
  return Object.entries(used)
    .map(([k, v]) => `${k} ${fmt(v)} s (${fmt((v / decisions) * 1000)} ms)`)
    .join(', ');
}

function mostCommon(shapes: number[][]): number[] {
  const counts = new Map<string, number>();
  for (const s of shapes) counts.set(s.join(','), (counts.get(s.join(',')) ?? 0) + 1);
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return best ? best.split(',').map(Number) : [1];
}

async function main(): Promise<void> {
  const f = flags(process.argv.slice(2));
  const log = (line: string) => console.log(`bench: ${line}`);
  const stack = new Stack({
    poolSize: f.pool,
    log,
    prebuiltBundle: !f.devBundle,
    compiled: f.compiled,
    ...(f.workerHeap ? { workerEnv: { NODE_OPTIONS: `--max-old-space-size=${f.workerHeap}` } } : {}),
  });
  const loadBefore = loadavg();
  log(`starting the stack (proposals ${f.proposals}, concurrency ${f.concurrency})`);
  await stack.start();
  let baselineWorker: ReturnType<typeof startChild> | undefined;
  try {
    if (f.warmup) {
      log(`warm-up: ${f.warmup} proposals`);
      const w = await runLoad({ apiUrl: stack.apiUrl, proposals: f.warmup, concurrency: f.warmup });
      if (w.errors.length) throw new Error(`warm-up failed: ${w.errors.join('; ')}`);
    }
    const sampler = new RssSampler(() => ({ api: stack.api?.pid, worker: stack.worker?.pid }));
    const cpu = new CpuMeter(
      () => ({ api: stack.api?.pid, worker: stack.worker?.pid, temporal: stack.temporal?.pid, driver: process.pid }),
      stack.databaseUrl,
    );
    const metricsBefore = { api: await scrape(`${stack.apiUrl}/metrics`), worker: await scrape(stack.workerMetricsUrl) };
    sampler.start();
    await cpu.begin();
    log('load: driving proposals');
    const load = await runLoad({ apiUrl: stack.apiUrl, proposals: f.proposals, concurrency: f.concurrency });
    sampler.stop();
    const cpuUsed = await cpu.end();
    const metricsAfter = { api: await scrape(`${stack.apiUrl}/metrics`), worker: await scrape(stack.workerMetricsUrl) };
    const breakdown = breakdownFrom(metricsBefore, metricsAfter);
    if (load.errors.length) log(`load errors:\n  ${load.errors.join('\n  ')}`);
    const seconds = (load.endedAt - load.startedAt) / 1000;
    log(`load: ${load.accepted} decisions in ${fmt(seconds)} s = ${fmt(load.accepted / seconds)} decisions/s`);

    const first = load.proposals[0];
    const accordShape = first ? await historyShape(stack.temporalAddress, `HT:proposal-${first.id}`) : {};
    const batches = mostCommon(load.proposals.map((p) => p.batches));

    const db = new PgClient({ connectionString: stack.databaseUrl });
    await db.connect();
    const pgVersion = ((await db.query('SHOW server_version')).rows[0] as { server_version: string }).server_version;
    const counts = (
      await db.query(`SELECT (SELECT count(*) FROM proposal) AS proposals, (SELECT count(*) FROM task) AS tasks,
      (SELECT count(*) FROM audit_event) AS audit, (SELECT count(*) FROM audit_event WHERE action = 'TASK_COMPLETED') AS completed`)
    ).rows[0] as Record<string, string>;
    await db.end();

    let baseline: BaselineResult | undefined;
    let baselineShape: Record<string, number> = {};
    let baselineRss: number | null = null;
    let baselineCpu: Record<string, number> = {};
    if (f.baseline) {
      log(`baseline: same shape (${batches.join('+')} decisions per proposal), same server`);
      const bundle = f.devBundle
        ? []
        : [await buildWorkflowBundle(join(stack.root, 'baseline-bundle.js'), require.resolve('./baseline/workflows'))];
      const entry = f.compiled ? [compileBaselineWorker(stack.root)] : ['-r', '@swc-node/register', 'test/bench/baseline/worker.ts'];
      baselineWorker = startChild('baseline-worker', process.execPath, [...entry, stack.temporalAddress, ...bundle], {});
      const bw = baselineWorker;
      await waitUntil('baseline worker', async () => bw.output.join('').includes('Baseline worker polling'), 180_000);
      if (f.warmup) await runBaseline({ address: stack.temporalAddress, proposals: f.warmup, concurrency: f.warmup, batches });
      const bs = new RssSampler(() => ({ worker: bw.pid }));
      const bcpu = new CpuMeter(() => ({ worker: bw.pid, temporal: stack.temporal?.pid, driver: process.pid }));
      bs.start();
      await bcpu.begin();
      baseline = await runBaseline({ address: stack.temporalAddress, proposals: f.proposals, concurrency: f.concurrency, batches });
      bs.stop();
      baselineCpu = await bcpu.end();
      baselineRss = bs.peak.worker ?? null;
      const bSeconds = (baseline.endedAt - baseline.startedAt) / 1000;
      log(`baseline: ${baseline.decisions} decisions in ${fmt(bSeconds)} s = ${fmt(baseline.decisions / bSeconds)} decisions/s`);
      const conn = await Connection.connect({ address: stack.temporalAddress });
      const list = new Client({ connection: conn }).workflow.list({ query: `WorkflowType = 'baselineWorkflow'`, pageSize: 1 });
      for await (const wf of list) {
        baselineShape = await historyShape(stack.temporalAddress, wf.workflowId);
        break;
      }
      await conn.close();
    }

    const report = renderReport({
      f,
      postgres: stack.postgresDescription,
      load,
      seconds,
      accordShape,
      baselineShape,
      baseline,
      baselineRss,
      sampler,
      counts,
      batches,
      pgVersion,
      cpuUsed,
      baselineCpu,
      loadBefore,
      breakdown,
      workerMemory: workerMemory(metricsAfter.worker),
    });
    console.log(report);
    if (f.write) {
      writeSection('bench', report);
      log('wrote docs/benchmarks.md (bench section)');
    }
    if (load.errors.length) process.exitCode = 1;
  } finally {
    await stopChild(baselineWorker);
    await stack.stop();
  }
}

interface ReportInput {
  f: Flags;
  postgres: string;
  load: LoadResult;
  seconds: number;
  accordShape: Record<string, number>;
  baselineShape: Record<string, number>;
  baseline?: BaselineResult;
  baselineRss: number | null;
  sampler: RssSampler;
  counts: Record<string, string>;
  batches: number[];
  pgVersion: string;
  cpuUsed: Record<string, number>;
  baselineCpu: Record<string, number>;
  loadBefore: number[];
  breakdown: string;
  workerMemory: string;
}

function renderReport(r: ReportInput): string {
  const { load, seconds, baseline } = r;
  const finished = load.proposals.filter((p) => p.status === 'IN_FORCE').length;
  const dps = load.accepted / seconds;
  const bSeconds = baseline ? (baseline.endedAt - baseline.startedAt) / 1000 : NaN;
  const bdps = baseline ? baseline.decisions / bSeconds : NaN;
  const ratio = bdps / dps;
  const completeRatio = baseline ? percentile(load.latencies.complete, 50) / percentile(baseline.latencies.complete, 50) : NaN;
  const submitRatio = baseline ? percentile(load.latencies.submit, 50) / percentile(baseline.latencies.submit, 50) : NaN;
  const shapeKeys = [
    'total',
    'WORKFLOW_TASK_COMPLETED',
    'ACTIVITY_TASK_SCHEDULED',
    'WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
    'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES',
    'START_CHILD_WORKFLOW_EXECUTION_INITIATED',
  ];
  const inbox95 = percentile(load.latencies.inbox, 95);
  const workerPeak = r.sampler.peak.worker ?? NaN;
  const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
  return `## Load run (\`npm run bench\`)

Run ${new Date().toISOString()} on ${machine()}.
Versions: ${versions(temporalBinary('temporal'), `PostgreSQL ${r.pgVersion}`)}.
Run mode: ${runMode(r.f)}.
Stack: Temporal dev server (in-memory SQLite), one api and one worker process (DATABASE_POOL_SIZE
${r.f.pool ?? 'default 10'}${r.f.workerHeap ? `, worker heap capped at ${r.f.workerHeap} MiB` : ''}), ${r.postgres}; the load driver runs on the same cores.
Parameters: ${r.f.proposals} MoU proposals (the longest path: submit to IN_FORCE), ${r.f.concurrency} driven at a time,
${r.f.warmup} warm-up proposals not counted; per proposal ${r.batches.reduce((a, b) => a + b, 0)} decisions in ${r.batches.length} steps (${r.batches.join('+')}).
Each decision is preceded by the reviewer's inbox read (GET /tasks?limit=50) and each step by the task list of the
proposal (GET /tasks?proposalId=…&status=OPEN).

| figure | Accord | bare Temporal | ratio |
| --- | ---: | ---: | ---: |
| decisions/s | ${fmt(dps)} | ${fmt(bdps)} | ${fmt(ratio, 2)}× |
| proposals/min (to IN_FORCE) | ${fmt((finished / seconds) * 60)} | ${fmt(baseline ? (r.f.proposals / bSeconds) * 60 : NaN)} | |
| wall time (s) | ${fmt(seconds)} | ${fmt(bSeconds)} | |
| submit p50 (ms) | ${fmt(percentile(load.latencies.submit, 50))} | ${fmt(baseline ? percentile(baseline.latencies.submit, 50) : NaN)} | ${fmt(submitRatio, 2)}× |
| complete p50 (ms) | ${fmt(percentile(load.latencies.complete, 50))} | ${fmt(baseline ? percentile(baseline.latencies.complete, 50) : NaN)} | ${fmt(completeRatio, 2)}× |
| worker RSS peak (MB) | ${fmt(workerPeak, 0)} | ${fmt(r.baselineRss ?? NaN, 0)} | |
| api RSS peak (MB) | ${fmt(r.sampler.peak.api ?? NaN, 0)} | – | |

Accord's latencies over HTTP (ms):

| request | n | p50 | p95 | p99 |
| --- | ---: | ---: | ---: | ---: |
${row('POST /proposals (submit, waits for the first projection)', load.latencies.submit)}
${row('GET /tasks (inbox, limit 50)', load.latencies.inbox)}
${row('POST /tasks/:id/complete', load.latencies.complete)}
${row('GET /tasks?proposalId&status=OPEN', load.latencies.taskList)}
${baseline ? `\nBaseline latencies (ms): start + sync Update ${fmt(percentile(baseline.latencies.submit, 50))} / ${fmt(percentile(baseline.latencies.submit, 95))} / ${fmt(percentile(baseline.latencies.submit, 99))} (p50/p95/p99), decide Update ${fmt(percentile(baseline.latencies.complete, 50))} / ${fmt(percentile(baseline.latencies.complete, 95))} / ${fmt(percentile(baseline.latencies.complete, 99))}.\n` : ''}
History of one workflow (events by type):

| events | proposal workflow | baseline workflow |
| --- | ---: | ---: |
${shapeKeys.map((k) => `| ${k} | ${r.accordShape[k] ?? 0} | ${r.baselineShape[k] ?? 0} |`).join('\n')}

CPU seconds used during the measured run, per decision (ms of CPU): ${cpuLine(r.cpuUsed, load.accepted)}${baseline ? `; baseline: ${cpuLine(r.baselineCpu, baseline.decisions)}` : ''}.
\`machine\` is every busy CPU of the host (other sessions' work included); \`postgres\` the backends of the bench database.

${r.breakdown}

RSS at the end: api ${fmt(r.sampler.last.api ?? NaN, 0)} MB, worker ${fmt(r.sampler.last.worker ?? NaN, 0)} MB (${r.workerMemory}). Retries: ${load.retries}; errors: ${load.errors.length}.
Database after the run: ${r.counts.proposals} proposals, ${r.counts.tasks} tasks, ${r.counts.audit} audit events (${r.counts.completed} TASK_COMPLETED).

Targets (all in one unit: MB = 10^6 bytes; ratio = Accord's decisions/s over bare Temporal's, same run):

| target | measured here | |
| --- | --- | --- |
| ≥ 60 decisions/s | ${fmt(dps)} decisions/s | ${verdict(dps >= 60)} |
| ≥ 0.67 × bare Temporal (overhead ≤ 1.5×) | ${fmt(1 / ratio, 2)} × (overhead ${fmt(ratio, 2)}×) | ${baseline ? verdict(1 / ratio >= 0.67) : 'no baseline run'} |
| submit p50 < 150 ms, p95 < 400 ms | ${fmt(percentile(load.latencies.submit, 50))} / ${fmt(percentile(load.latencies.submit, 95))} ms (${r.f.concurrency} at a time) | ${verdict(percentile(load.latencies.submit, 50) < 150 && percentile(load.latencies.submit, 95) < 400)} |
| complete p50 < 100 ms | ${fmt(percentile(load.latencies.complete, 50))} ms | ${verdict(percentile(load.latencies.complete, 50) < 100)} |
| inbox p95 < 50 ms during the load | ${fmt(inbox95)} ms (${r.counts.tasks} tasks) | ${verdict(inbox95 < 50)} |
| worker RSS < 300 MB, compiled | ${fmt(workerPeak, 0)} MB peak (${r.f.compiled ? 'compiled' : "through swc: not the target's mode"}) | ${r.f.compiled ? verdict(workerPeak < 300) : 'n/a'} |
| 0 errors | ${load.errors.length} | ${verdict(load.errors.length === 0)} |`;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
