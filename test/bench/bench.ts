/**
 * `npm run bench`: starts its own stack (fresh Postgres database, Temporal dev server, api and worker), drives N
 * proposals through every task over HTTP, then runs a bare-Temporal baseline of the same shape on the same dev
 * server, and writes the figures into docs/benchmarks.md (its `bench` section).
 *
 *   npm run bench -- --proposals 30 --concurrency 10 [--warmup 20] [--no-baseline] [--pool 10] [--swc] [--dev-bundle] [--worker-heap MiB] [--no-write]
 *                    [--mode lanes|users|both] [--burst 50] [--loops-per-reviewer 2] [--poll-ms 1000] [--worker-cache N] [--pg-tcp] [--processes N]
 *                    [--baseline-sandbox sdk|accord]
 *
 * Two driver modes, run one after the other against the same stack (lanes first), each measured on its own and
 * compared with the one baseline run: `lanes` (load.ts) walks `--concurrency` proposals at a time, each decision
 * preceded by the reviewer's inbox read; `users` (user-load.ts) submits in bursts of `--burst` while every deciding
 * person polls the open tasks in `--loops-per-reviewer` loops, resting `--poll-ms` after an empty poll.
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
import { LoadDriver, runLoad, percentile, type LoadResult } from './load';
import { deciders, UserLoadDriver, type UserLoadResult } from './user-load';
import { fmt, machine, versions, writeSection } from './report';
import { BENCH_METRICS_TOKEN, buildWorkflowBundle, CpuMeter, rssMB, Stack } from './stack';
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';

interface Flags {
  proposals: number;
  concurrency: number;
  /**
   * Proposals driven (and, for the baseline, workflows run) before anything is measured, at the run's concurrency: the
   * JIT's warm-up. With 2, a perf profile 10 s into the measured run still had TurboFan compiling 11.6 % of the api's
   * CPU (docs/benchmarks.md, fifth stop).
   */
  warmup: number;
  baseline: boolean;
  /**
   * The baseline's workflow sandbox: `sdk` (default) the SDK's defaults, bare Temporal as a team would start it;
   * `accord` made as Accord's worker makes it (createWorkflowWorker's defaults: no execution timeout, workflows on the
   * main thread, no per-promise stack traces; the stack-trace limit and shared libraries of Accord's bundler options).
   */
  baselineSandbox: 'sdk' | 'accord';
  pool?: number;
  write: boolean;
  /** Let the worker bundle the workflows at its start (as `npm run dev` does) instead of a prebuilt bundle. */
  devBundle: boolean;
  /** V8 old-space limit for the worker (MiB), as NODE_OPTIONS=--max-old-space-size would set it in a deployment. */
  workerHeap?: number;
  /** WORKER_MAX_CACHED_WORKFLOWS for the worker (`--worker-cache N`); unset: the SDK's default. */
  workerCache?: number;
  /** api processes and worker processes, each (`--processes N`, default 1); the people are spread over the apis. */
  processes: number;
  /** api, worker and baseline worker run from tsc output (as the production image); false: through @swc-node/register. */
  compiled: boolean;
  /** api and worker reach the embedded PostgreSQL over loopback TCP instead of its Unix socket (`--pg-tcp`). */
  pgTcp: boolean;
  modes: Mode[];
  /** users mode: submissions sent at once, polling loops per deciding person, rest after an empty poll (ms). */
  burst: number;
  loopsPerReviewer: number;
  pollMs: number;
}

type Mode = 'lanes' | 'users';

function flags(argv: string[]): Flags {
  const f: Flags = {
    proposals: 30,
    concurrency: 10,
    warmup: 20,
    baseline: true,
    baselineSandbox: 'sdk',
    write: true,
    devBundle: false,
    compiled: true,
    pgTcp: false,
    processes: 1,
    modes: ['lanes', 'users'],
    burst: 50,
    loopsPerReviewer: 2,
    pollMs: 1000,
  };
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
    else if (a === '--baseline-sandbox') {
      const v = argv[++i];
      if (v !== 'sdk' && v !== 'accord') throw new Error(`--baseline-sandbox takes sdk or accord, not ${v}`);
      f.baselineSandbox = v;
    } else if (a === '--no-write') f.write = false;
    else if (a === '--dev-bundle') f.devBundle = true;
    else if (a === '--compiled')
      f.compiled = true; // the default; kept so older command lines still work
    else if (a === '--swc') f.compiled = false;
    else if (a === '--pg-tcp') f.pgTcp = true;
    else if (a === '--worker-heap') f.workerHeap = Math.max(64, value());
    else if (a === '--worker-cache') f.workerCache = value();
    else if (a === '--processes') f.processes = Math.max(1, value());
    else if (a === '--burst') f.burst = Math.max(1, value());
    else if (a === '--loops-per-reviewer') f.loopsPerReviewer = Math.max(1, value());
    else if (a === '--poll-ms') f.pollMs = value();
    else if (a === '--mode') {
      const m = argv[++i];
      if (m === 'both') f.modes = ['lanes', 'users'];
      else if (m === 'lanes' || m === 'users') f.modes = [m];
      else throw new Error('--mode needs lanes, users or both');
    } else throw new Error(`unknown flag ${a}`);
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

/**
 * Planner statistics for what the warm-up wrote, before anything is measured. The bench's database is new: its tables
 * grow from the seed's few rows to thousands within a minute, faster than autovacuum's first look (autovacuum_naptime,
 * 60 s), so without this the measured queries are planned for near-empty tables. Such a plan for the inbox joined each
 * task to every proposal of its province through the row-level-security index: 0.63 ms of PostgreSQL per inbox read
 * against 0.40 once analyzed, 0.52 against 0.26 for a proposal's task list (docs/benchmarks.md, sixth stop). A database
 * in service has statistics: autovacuum keeps them.
 */
async function analyzeAfterWarmUp(databaseUrl: string, log: (line: string) => void): Promise<void> {
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('ANALYZE');
  } finally {
    await db.end();
  }
  log('database analyzed after the warm-up');
}

function mostCommon(shapes: number[][]): number[] {
  const counts = new Map<string, number>();
  for (const s of shapes) counts.set(s.join(','), (counts.get(s.join(',')) ?? 0) + 1);
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return best ? best.split(',').map(Number) : [1];
}

async function main(): Promise<void> {
  const f = flags(process.argv.slice(2));
  /** Warm-up proposals (and baseline workflows) run at the run's concurrency, or all at once when fewer. */
  const warmupConcurrency = Math.min(f.warmup, f.concurrency);
  const log = (line: string) => console.log(`bench: ${line}`);
  const stack = new Stack({
    poolSize: f.pool,
    log,
    prebuiltBundle: !f.devBundle,
    compiled: f.compiled,
    postgresTcp: f.pgTcp,
    workerEnv: {
      ...(f.workerHeap ? { NODE_OPTIONS: `--max-old-space-size=${f.workerHeap}` } : {}),
      ...(f.workerCache !== undefined ? { WORKER_MAX_CACHED_WORKFLOWS: String(f.workerCache) } : {}),
    },
  });
  const loadBefore = loadavg();
  log(`starting the stack (proposals ${f.proposals}, concurrency ${f.concurrency})`);
  await stack.start();
  let baselineWorker: ReturnType<typeof startChild> | undefined;
  const extra: { apis: { url: string; child: ReturnType<typeof startChild> }[]; workers: ReturnType<typeof startChild>[] } = {
    apis: [],
    workers: [],
  };
  try {
    for (let n = 2; n <= f.processes; n++) {
      log(`starting api and worker process ${n} of ${f.processes}`);
      extra.apis.push(await stack.startExtraApi({}));
      extra.workers.push(await stack.startExtraWorker());
    }
    const apiUrls = [stack.apiUrl, ...extra.apis.map((a) => a.url)];
    /** Every api and worker process by name (api, api2 …, worker, worker2 …), for the CPU meter and the RSS sampler. */
    const appPids = () => ({
      api: stack.api?.pid,
      ...Object.fromEntries(extra.apis.map((a, i) => [`api${i + 2}`, a.child.pid])),
      worker: stack.worker?.pid,
      ...Object.fromEntries(extra.workers.map((w, i) => [`worker${i + 2}`, w.pid])),
    });
    if (f.warmup) {
      log(`warm-up: ${f.warmup} proposals`);
      const w = await runLoad({ apiUrl: stack.apiUrl, apiUrls, proposals: f.warmup, concurrency: warmupConcurrency });
      if (w.errors.length) throw new Error(`warm-up failed: ${w.errors.join('; ')}`);
    }
    await analyzeAfterWarmUp(stack.databaseUrl, log);
    // Each mode measured on its own: its own CPU meter, RSS sampler and /metrics scrapes around it.
    const measure = async (mode: Mode): Promise<ModeRun> => {
      const sampler = new RssSampler(appPids);
      const cpu = new CpuMeter(() => ({ ...appPids(), temporal: stack.temporal?.pid, driver: process.pid }), stack.databaseUrl);
      const driver =
        mode === 'lanes'
          ? new LoadDriver({ apiUrl: stack.apiUrl, apiUrls, proposals: f.proposals, concurrency: f.concurrency })
          : new UserLoadDriver({
              apiUrl: stack.apiUrl,
              apiUrls,
              proposals: f.proposals,
              burst: f.burst,
              loopsPerReviewer: f.loopsPerReviewer,
              pollMs: f.pollMs,
              log,
            });
      // Sign-ins before the meters: each is a deliberately slow password hash, not part of a decision's cost.
      await driver.loginEveryone();
      const metricsBefore = { api: await scrape(`${stack.apiUrl}/metrics`), worker: await scrape(stack.workerMetricsUrl) };
      sampler.start();
      await cpu.begin();
      log(`${mode}: driving proposals`);
      const load = await driver.run();
      sampler.stop();
      const cpuUsed = await cpu.end();
      const metricsAfter = { api: await scrape(`${stack.apiUrl}/metrics`), worker: await scrape(stack.workerMetricsUrl) };
      if (load.errors.length) log(`${mode} errors:\n  ${load.errors.join('\n  ')}`);
      const seconds = (load.endedAt - load.startedAt) / 1000;
      log(`${mode}: ${load.accepted} decisions in ${fmt(seconds)} s = ${fmt(load.accepted / seconds)} decisions/s`);
      return {
        mode,
        load,
        seconds,
        cpuUsed,
        sampler,
        breakdown: breakdownFrom(metricsBefore, metricsAfter),
        workerMemory: workerMemory(metricsAfter.worker),
        ...(mode === 'users' ? { users: load as UserLoadResult } : {}),
      };
    };
    const runs: ModeRun[] = [];
    for (const mode of f.modes) runs.push(await measure(mode));

    // Accord's history shape and the steps the baseline copies come from the first mode run (lanes when it runs).
    const shapeFrom = runs[0]!.load;
    const first = shapeFrom.proposals[0];
    const accordShape = first ? await historyShape(stack.temporalAddress, `HT:proposal-${first.id}`) : {};
    const batches = mostCommon(shapeFrom.proposals.map((p) => p.batches).filter((b) => b.length));

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
        : [
            await buildWorkflowBundle(join(stack.root, 'baseline-bundle.js'), require.resolve('./baseline/workflows'), {
              accord: f.baselineSandbox === 'accord',
            }),
          ];
      const entry = f.compiled ? [compileBaselineWorker(stack.root)] : ['-r', '@swc-node/register', 'test/bench/baseline/worker.ts'];
      baselineWorker = startChild('baseline-worker', process.execPath, [...entry, stack.temporalAddress, ...bundle], {
        ...(f.baselineSandbox === 'accord'
          ? {
              BASELINE_WORKER_MODULE: f.compiled
                ? join(stack.root, 'dist', 'libs', 'temporal', 'src', 'workflow-worker.js')
                : join(__dirname, '..', '..', 'libs', 'temporal', 'src', 'workflow-worker.ts'),
            }
          : {}),
      });
      const bw = baselineWorker;
      await waitUntil('baseline worker', async () => bw.output.join('').includes('Baseline worker polling'), 180_000);
      if (f.warmup) await runBaseline({ address: stack.temporalAddress, proposals: f.warmup, concurrency: warmupConcurrency, batches });
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
      runs,
      accordShape,
      baselineShape,
      baseline,
      baselineRss,
      counts,
      batches,
      pgVersion,
      baselineCpu,
      loadBefore,
    });
    console.log(report);
    if (f.write) {
      writeSection('bench', report);
      log('wrote docs/benchmarks.md (bench section)');
    }
    if (runs.some((r) => r.load.errors.length)) process.exitCode = 1;
  } finally {
    await stopChild(baselineWorker);
    for (const child of [...extra.apis.map((a) => a.child), ...extra.workers]) await stopChild(child);
    await stack.stop();
  }
}

interface ModeRun {
  mode: Mode;
  load: LoadResult;
  seconds: number;
  cpuUsed: Record<string, number>;
  sampler: RssSampler;
  breakdown: string;
  workerMemory: string;
  /** The users mode's own counts (bursts, polls). */
  users?: UserLoadResult;
}

interface ReportInput {
  f: Flags;
  postgres: string;
  runs: ModeRun[];
  accordShape: Record<string, number>;
  baselineShape: Record<string, number>;
  baseline?: BaselineResult;
  baselineRss: number | null;
  counts: Record<string, string>;
  batches: number[];
  pgVersion: string;
  baselineCpu: Record<string, number>;
  loadBefore: number[];
}

/** One mode's figures, as the figure and target tables show them. */
function figures(run: ModeRun, bdps: number) {
  const { load, seconds } = run;
  const dps = load.accepted / seconds;
  return {
    dps,
    /** Accord's decisions/s as a share of bare Temporal's (the target: ≥ 0.67). */
    share: dps / bdps,
    perMinute: (load.proposals.filter((p) => p.status === 'IN_FORCE').length / seconds) * 60,
    submit50: percentile(load.latencies.submit, 50),
    submit95: percentile(load.latencies.submit, 95),
    complete50: percentile(load.latencies.complete, 50),
    inbox95: percentile(load.latencies.inbox, 95),
    // With --processes N, the largest process of each kind (the target is per process).
    workerPeak: peakOf(run.sampler, 'worker'),
    apiPeak: peakOf(run.sampler, 'api'),
  };
}

function peakOf(sampler: RssSampler, kind: 'api' | 'worker'): number {
  const peaks = Object.entries(sampler.peak)
    .filter(([name, mb]) => name.replace(/\d+$/, '') === kind && mb !== undefined)
    .map(([, mb]) => mb!);
  return peaks.length ? Math.max(...peaks) : NaN;
}

const MODE_TITLE: Record<Mode, string> = { lanes: 'lanes', users: 'users' };

function modeParameters(f: Flags, run: ModeRun): string {
  if (run.mode === 'lanes')
    return `- **lanes** (test/bench/load.ts): ${f.concurrency} proposals driven at a time, each walked by one lane. Each decision is
  preceded by the reviewer's inbox read (GET /tasks?limit=50) and each step by the task list of the proposal
  (GET /tasks?proposalId=…&status=OPEN); the tasks of a consultation stage are decided at the same time.`;
  const u = run.users;
  const people = deciders().length;
  return `- **users** (test/bench/user-load.ts): submissions in bursts of ${f.burst} sent at the same moment (${u?.bursts ?? '?'} burst${u?.bursts === 1 ? '' : 's'}; the next
  starts when the previous one has been answered); meanwhile ${people} deciding people (one per Hà Tĩnh agency, and SNGV's head
  for the central bodies' answers) poll in ${f.loopsPerReviewer} loops each (${u?.loops ?? '?'} loops): GET /tasks?limit=200 (their inbox), keep
  their own tasks (a stable hash of the task id splits them between a person's loops), decide them one after another,
  and wait ${f.pollMs} ms after a poll that found nothing. Polls: ${u?.polls ?? '?'}, of which ${u?.emptyPolls ?? '?'} found nothing for the loop;
  the "inbox" latencies below are these polls.`;
}

function renderReport(r: ReportInput): string {
  const { runs, baseline } = r;
  const bSeconds = baseline ? (baseline.endedAt - baseline.startedAt) / 1000 : NaN;
  const bdps = baseline ? baseline.decisions / bSeconds : NaN;
  const bSubmit50 = baseline ? percentile(baseline.latencies.submit, 50) : NaN;
  const bComplete50 = baseline ? percentile(baseline.latencies.complete, 50) : NaN;
  const fig = runs.map((run) => figures(run, bdps));
  const shapeKeys = [
    'total',
    'WORKFLOW_TASK_COMPLETED',
    'ACTIVITY_TASK_SCHEDULED',
    'WORKFLOW_EXECUTION_UPDATE_ACCEPTED',
    'UPSERT_WORKFLOW_SEARCH_ATTRIBUTES',
    'START_CHILD_WORKFLOW_EXECUTION_INITIATED',
  ];
  const verdict = (ok: boolean) => (ok ? 'met' : '**not met**');
  const cols = runs.map((run) => `Accord, ${MODE_TITLE[run.mode]}`).join(' | ');
  const align = runs.map(() => '---:').join(' | ');
  const line = (name: string, values: string[], bare: string) => `| ${name} | ${values.join(' | ')} | ${bare} |`;
  const modeLabel = (run: ModeRun) => (run.mode === 'lanes' ? `${r.f.concurrency} at a time` : `bursts of ${r.f.burst}`);
  const targets: [string, (x: ReturnType<typeof figures>, run: ModeRun) => [string, string]][] = [
    ['≥ 60 decisions/s', (x) => [`${fmt(x.dps)} decisions/s`, verdict(x.dps >= 60)]],
    [
      '≥ 0.67 × bare Temporal (overhead ≤ 1.5×)',
      (x) => [`${fmt(x.share, 2)} × (overhead ${fmt(1 / x.share, 2)}×)`, baseline ? verdict(x.share >= 0.67) : 'no baseline run'],
    ],
    [
      'submit p50 < 150 ms, p95 < 400 ms',
      (x, run) => [`${fmt(x.submit50)} / ${fmt(x.submit95)} ms (${modeLabel(run)})`, verdict(x.submit50 < 150 && x.submit95 < 400)],
    ],
    ['complete p50 < 100 ms', (x) => [`${fmt(x.complete50)} ms`, verdict(x.complete50 < 100)]],
    ['inbox p95 < 50 ms during the load', (x) => [`${fmt(x.inbox95)} ms (${r.counts.tasks} tasks)`, verdict(x.inbox95 < 50)]],
    [
      'worker RSS < 300 MB, compiled',
      (x) => [
        `${fmt(x.workerPeak, 0)} MB peak${r.f.compiled ? '' : " (through swc: not the target's mode)"}`,
        r.f.compiled ? verdict(x.workerPeak < 300) : 'n/a',
      ],
    ],
    ['0 errors', (x, run) => [String(run.load.errors.length), verdict(run.load.errors.length === 0)]],
  ];
  const perMode = runs
    .map((run, i) => {
      const { load } = run;
      return `### ${MODE_TITLE[run.mode]} mode

Accord's latencies over HTTP (ms):

| request | n | p50 | p95 | p99 |
| --- | ---: | ---: | ---: | ---: |
${[
  row('POST /proposals (submit, waits for the first projection)', load.latencies.submit),
  row(run.mode === 'lanes' ? 'GET /tasks (inbox, limit 50)' : 'GET /tasks?limit=200 (inbox poll)', load.latencies.inbox),
  row('POST /tasks/:id/complete', load.latencies.complete),
  ...(run.mode === 'lanes' ? [row('GET /tasks?proposalId&status=OPEN', load.latencies.taskList)] : []),
].join('\n')}

CPU seconds used during the run, per decision (ms of CPU): ${cpuLine(run.cpuUsed, load.accepted)}.

${run.breakdown}

RSS at the end: ${Object.entries(run.sampler.last)
        .map(([name, mb]) => `${name} ${fmt(mb, 0)} MB`)
        .join(', ')} (${run.workerMemory}).
Decisions accepted: ${load.accepted} (${fmt(fig[i]!.dps)}/s); retries: ${load.retries}; errors: ${load.errors.length}.`;
    })
    .join('\n\n');
  return `## Load run (\`npm run bench\`)

Run ${new Date().toISOString()} on ${machine()}.
Versions: ${versions(temporalBinary('temporal'), `PostgreSQL ${r.pgVersion}`)}.
Run mode: ${runMode(r.f)}.
Stack: Temporal dev server (in-memory SQLite), ${r.f.processes === 1 ? 'one api and one worker process' : `${r.f.processes} api and ${r.f.processes} worker processes (each person signs in to one api, in turn)`} (DATABASE_POOL_SIZE
${r.f.pool ?? 'default 10'}${r.f.workerHeap ? `, worker heap capped at ${r.f.workerHeap} MiB` : ''}${
    r.f.workerCache !== undefined ? `, WORKER_MAX_CACHED_WORKFLOWS ${r.f.workerCache}` : ''
  }), ${r.postgres}; the load driver runs on the same cores.
Parameters: ${r.f.proposals} MoU proposals per driver mode (the longest path: submit to IN_FORCE), ${r.f.warmup} warm-up proposals (and as many
baseline workflows) first, not counted, then the database analyzed (planner statistics, as autovacuum keeps them in service); per proposal ${r.batches.reduce((a, b) => a + b, 0)} decisions in ${r.batches.length} steps (${r.batches.join('+')}). The driver modes ran one after the
other on the same stack (${runs.map((run) => run.mode).join(', then ')}), each measured on its own; the baseline ran once, ${r.f.concurrency} workflows at a time, ${r.f.baselineSandbox === 'accord' ? "its workflow sandbox made as Accord's (`--baseline-sandbox accord`)" : "with the SDK's default workflow sandbox (Accord's differs: docs/benchmarks.md, fifth stop)"}.

${runs.map((run) => modeParameters(r.f, run)).join('\n')}

| figure | ${cols} | bare Temporal |
| --- | ${align} | ---: |
${line(
  'decisions/s',
  fig.map((x) => fmt(x.dps)),
  fmt(bdps),
)}
${line(
  'share of bare Temporal’s decisions/s',
  fig.map((x) => `${fmt(x.share, 2)}×`),
  '1.00×',
)}
${line(
  'proposals/min (to IN_FORCE)',
  fig.map((x) => fmt(x.perMinute)),
  fmt(baseline ? (r.f.proposals / bSeconds) * 60 : NaN),
)}
${line(
  'wall time (s)',
  runs.map((run) => fmt(run.seconds)),
  fmt(bSeconds),
)}
${line(
  'submit p50 (ms)',
  fig.map((x) => fmt(x.submit50)),
  fmt(bSubmit50),
)}
${line(
  'submit p95 (ms)',
  fig.map((x) => fmt(x.submit95)),
  fmt(baseline ? percentile(baseline.latencies.submit, 95) : NaN),
)}
${line(
  'complete p50 (ms)',
  fig.map((x) => fmt(x.complete50)),
  fmt(bComplete50),
)}
${line(
  'inbox p95 (ms)',
  fig.map((x) => fmt(x.inbox95)),
  '–',
)}
${line(
  'worker RSS peak (MB)',
  fig.map((x) => fmt(x.workerPeak, 0)),
  fmt(r.baselineRss ?? NaN, 0),
)}
${line(
  'api RSS peak (MB)',
  fig.map((x) => fmt(x.apiPeak, 0)),
  '–',
)}
${line(
  'retries',
  runs.map((run) => String(run.load.retries)),
  '–',
)}
${line(
  'errors',
  runs.map((run) => String(run.load.errors.length)),
  '–',
)}
${baseline ? `\nBaseline latencies (ms): start + sync Update ${fmt(bSubmit50)} / ${fmt(percentile(baseline.latencies.submit, 95))} / ${fmt(percentile(baseline.latencies.submit, 99))} (p50/p95/p99), decide Update ${fmt(bComplete50)} / ${fmt(percentile(baseline.latencies.complete, 95))} / ${fmt(percentile(baseline.latencies.complete, 99))}.\n` : ''}
History of one workflow (events by type; Accord's from the ${runs[0]!.mode} mode):

| events | proposal workflow | baseline workflow |
| --- | ---: | ---: |
${shapeKeys.map((k) => `| ${k} | ${r.accordShape[k] ?? 0} | ${r.baselineShape[k] ?? 0} |`).join('\n')}

${baseline ? `Baseline CPU seconds, per decision (ms of CPU): ${cpuLine(r.baselineCpu, baseline.decisions)}.\n` : ''}\`machine\` is every busy CPU of the host (other sessions' work included); \`postgres\` the backends of the bench database.

${perMode}

Database after the run (warm-up and every mode): ${r.counts.proposals} proposals, ${r.counts.tasks} tasks, ${r.counts.audit} audit events (${r.counts.completed} TASK_COMPLETED).

Targets, checked for each driver mode (all in one unit: MB = 10^6 bytes; share = Accord's decisions/s over bare Temporal's, same run):

| target | ${runs.map((run) => `${MODE_TITLE[run.mode]}: measured | ${MODE_TITLE[run.mode]}`).join(' | ')} |
| --- | ${runs.map(() => '--- | ---').join(' | ')} |
${targets.map(([name, check]) => `| ${name} | ${runs.map((run, i) => check(fig[i]!, run).join(' | ')).join(' | ')} |`).join('\n')}`;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
