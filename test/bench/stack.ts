/**
 * A whole Accord stack for the benchmark and the drills, started the way test/integration/global-setup.ts does
 * (fresh database with the real migrations and demo seed, Temporal dev server, api and worker as child processes),
 * plus what the drills need: kill and restart any of the processes, a file-backed Temporal dev server, and
 * a private embedded PostgreSQL 18 (scripts/embedded-postgres.js) in the stack's temp dir that can be crashed and
 * restarted, unless BENCH_DATABASE_ADMIN_URL / TEST_DATABASE_ADMIN_URL names a server to use instead.
 */
import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDataSource, seedDemoData } from '@accord/persistence';
import { SEARCH_ATTRIBUTES } from '@accord/temporal/contracts';
import { WORKFLOW_BUNDLER_OPTIONS } from '@accord/temporal/workflow-bundler';
import { freePort, ROOT, startChild, stopChild, waitUntil } from '../support/processes';
import { temporalBinary } from '../support/temporal-binaries';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../scripts/embedded-postgres';
import { API_NODE_FLAGS, WORKER_NODE_FLAGS } from '../../scripts/node-flags';

/** The api serves /metrics only with this bearer token (METRICS_TOKEN); the bench scrapes it. */
export const BENCH_METRICS_TOKEN = 'bench-metrics-token-0123456789abcdef';

type Child = ReturnType<typeof startChild>;

export interface StackOptions {
  /** Temporal keeps its state in a SQLite file in the stack's temp dir, so it survives a restart. */
  temporalFile?: boolean;
  /** Run a private embedded Postgres (restartable) even when ADMIN_URL names a server. */
  privatePostgres?: boolean;
  /** api and worker reach the embedded PostgreSQL over loopback TCP, not over its Unix socket. */
  postgresTcp?: boolean;
  /** Per-process pool size for api and worker (the app's default is 10). */
  poolSize?: number;
  /** Bundle the workflows once before the worker starts, as production does (WORKFLOW_BUNDLE_PATH), instead of at its start. */
  prebuiltBundle?: boolean;
  /**
   * Run api and worker from JavaScript compiled by tsc (tsconfig.build.json, into the stack's temp dir), as a
   * production image does, instead of from the TypeScript sources through @swc-node/register.
   */
  compiled?: boolean;
  /** Extra environment for api and worker. */
  env?: Record<string, string>;
  /** Extra environment for the worker only (e.g. NODE_OPTIONS). */
  workerEnv?: Record<string, string>;
  log?: (line: string) => void;
}

const ADMIN_URL = process.env.BENCH_DATABASE_ADMIN_URL ?? process.env.TEST_DATABASE_ADMIN_URL;
const SWC = ['-r', '@swc-node/register'];

export class Stack {
  readonly root: string;
  databaseUrl = '';
  adminUrl = ADMIN_URL ?? '';
  dbName = '';
  /** api and worker reach PostgreSQL over the embedded server's Unix socket (see start()). */
  private postgresOverSocket = false;
  apiUrl = '';
  temporalAddress = '';
  /** The worker's Prometheus endpoint (WORKER_METRICS_PORT on a free port). */
  workerMetricsUrl = '';
  api?: Child;
  worker?: Child;
  temporal?: Child;
  private pg?: EmbeddedPostgres;
  private temporalArgs: string[] = [];
  private env: Record<string, string> = {};
  private readonly log: (line: string) => void;

  constructor(private readonly options: StackOptions = {}) {
    this.root = mkdtempSync(join(tmpdir(), 'accord-bench-'));
    // The embedded server runs as the unprivileged `postgres` user when we are root: it must enter this folder.
    chmodSync(this.root, 0o755);
    this.log = options.log ?? ((line) => console.log(line));
  }

  private stopped = false;

  /** Starts everything; if any part fails, stops what had started and removes the temp dir before rethrowing. */
  async start(): Promise<void> {
    try {
      await this.startParts();
    } catch (err) {
      await this.stop().catch((stopErr: unknown) => this.log(`stack: cleaning up after a failed start: ${String(stopErr)}`));
      throw err;
    }
  }

  private async startParts(): Promise<void> {
    if (this.options.privatePostgres || !ADMIN_URL) {
      this.pg = await startEmbeddedPostgres({ dir: join(this.root, 'pg'), port: await freePort(), durable: true, persistent: false });
      this.adminUrl = this.pg.adminUrl;
      this.log(`stack: embedded PostgreSQL 18 on port ${this.pg.port} in ${this.pg.dir}`);
    }
    this.dbName = `accord_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
    const admin = new Client({ connectionString: this.adminUrl });
    await admin.connect().catch((err: Error) => {
      throw new Error(`Postgres is not reachable at ${this.adminUrl} (${err.message}); start it or set BENCH_DATABASE_ADMIN_URL`);
    });
    await admin.query(`CREATE DATABASE ${this.dbName}`);
    await admin.end();
    // Co-located like the rest of the stack, so over the embedded server's Unix socket (as `npm run dev` does) unless told.
    this.postgresOverSocket = !!this.pg?.socketDir && !this.options.postgresTcp;
    this.databaseUrl = this.postgresOverSocket ? this.pg!.socketUrlOf(this.dbName) : this.adminUrl.replace(/\/[^/]*$/, `/${this.dbName}`);
    const ds = createDataSource({ url: this.databaseUrl, poolSize: 1 });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await seedDemoData(ds);
    await ds.destroy();

    const [temporalPort, uiPort, apiPort, metricsPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    this.workerMetricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    this.temporalArgs = [
      'server',
      'start-dev',
      '--headless',
      '--ip',
      '127.0.0.1',
      '--port',
      String(temporalPort),
      '--ui-port',
      String(uiPort),
      '--log-level',
      'error',
    ];
    if (this.options.temporalFile) this.temporalArgs.push('--db-filename', join(this.root, 'temporal.sqlite'));
    for (const name of SEARCH_ATTRIBUTES) this.temporalArgs.push('--search-attribute', `${name}=Keyword`);
    this.temporalAddress = `127.0.0.1:${temporalPort}`;
    this.apiUrl = `http://127.0.0.1:${apiPort}`;
    if (this.options.compiled) {
      this.log('stack: compiling api and worker with tsc (tsconfig.build.json)');
      const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
      execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(this.root, 'dist')], {
        stdio: 'inherit',
      });
      // As npm run build: the libs' alias (@accord/<lib>) becomes relative requires Node resolves.
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'build', 'dist-aliases.js'), join(this.root, 'dist')], { stdio: 'inherit' });
      // Compiled files resolve their packages by walking up from where they are.
      symlinkSync(join(ROOT, 'node_modules'), join(this.root, 'node_modules'), 'dir');
    }
    const bundle: Record<string, string> = {};
    if (this.options.prebuiltBundle) {
      bundle.WORKFLOW_BUNDLE_PATH = await buildWorkflowBundle(
        join(this.root, 'workflow-bundle.js'),
        require.resolve('../../workflows/src'),
      );
    }
    this.env = {
      ...bundle,
      DATABASE_URL: this.databaseUrl,
      TEMPORAL_ADDRESS: this.temporalAddress,
      PORT: String(apiPort),
      NODE_ENV: 'test',
      WORKER_METRICS_PORT: String(metricsPort),
      METRICS_TOKEN: BENCH_METRICS_TOKEN,
      // A fresh random token key per stack (the api refuses to start without one); kept across restarts of the api.
      JWT_SECRET: randomBytes(32).toString('base64url'),
      HOST: '127.0.0.1',
      ...(this.options.poolSize ? { DATABASE_POOL_SIZE: String(this.options.poolSize) } : {}),
      ...this.options.env,
    };
    await this.startTemporal();
    // Both settle before a failure is thrown: stop() must not race a start still under way.
    const started = await Promise.allSettled([this.startWorker(), this.startApi()]);
    const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private dump(): string {
    return [
      '--- temporal',
      ...(this.temporal?.output ?? []),
      '--- worker',
      ...(this.worker?.output ?? []),
      '--- api',
      ...(this.api?.output ?? []),
    ].join('\n');
  }

  async startTemporal(): Promise<void> {
    this.temporal = startChild('temporal', temporalBinary('temporal'), this.temporalArgs, {});
    await this.ready('temporal', async () => {
      const [host, port] = this.temporalAddress.split(':');
      const { connect } = await import('node:net');
      return new Promise<boolean>((resolve) => {
        const s = connect(Number(port), host!, () => {
          s.destroy();
          resolve(true);
        });
        s.on('error', () => resolve(false));
      });
    });
  }

  private entry(app: 'api' | 'worker'): string[] {
    // BENCH_CPU_PROF_DIR=<dir>: the api and the worker write V8 CPU profiles there when they stop (Node refuses
    // --cpu-prof in NODE_OPTIONS), to see where a decision's CPU goes (docs/benchmarks.md).
    const profile = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${join(process.env.BENCH_CPU_PROF_DIR, app)}`] : [];
    return [
      ...profile,
      // The api and the worker run with the flags they have in production (scripts/node-flags.js).
      ...(app === 'api' ? API_NODE_FLAGS : WORKER_NODE_FLAGS),
      ...(this.options.compiled ? [join(this.root, 'dist', 'apps', app, 'src', 'main.js')] : [...SWC, `apps/${app}/src/main.ts`]),
    ];
  }

  async startWorker(): Promise<void> {
    const worker = (this.worker = startChild('worker', process.execPath, this.entry('worker'), { ...this.env, ...this.options.workerEnv }));
    await this.ready('worker', async () => worker.output.join('').includes('Worker polling task queue'));
  }

  /** Another worker process on this stack's database and task queue (`npm run bench -- --processes N`). */
  async startExtraWorker(): Promise<Child> {
    const metricsPort = await freePort();
    const child = startChild('worker-extra', process.execPath, this.entry('worker'), {
      ...this.env,
      ...this.options.workerEnv,
      WORKER_METRICS_PORT: String(metricsPort),
    });
    await this.ready('extra worker', async () => child.output.join('').includes('Worker polling task queue'));
    return child;
  }

  /** Another api process on this stack's database and Temporal (its own port), with extra environment. */
  async startExtraApi(env: Record<string, string>): Promise<{ url: string; child: Child }> {
    const port = await freePort();
    const child = startChild('api-extra', process.execPath, this.entry('api'), { ...this.env, ...env, PORT: String(port) });
    const url = `http://127.0.0.1:${port}`;
    await this.ready('extra api /health', async () => (await fetch(`${url}/health`)).ok);
    return { url, child };
  }

  /** Kills the Temporal dev server (SIGKILL) and leaves it down until startTemporal(). */
  async stopTemporal(): Promise<void> {
    if (!this.options.temporalFile) throw new Error('stopTemporal needs temporalFile: an in-memory server forgets everything');
    await Stack.kill(this.temporal);
  }

  async startApi(): Promise<void> {
    this.api = startChild('api', process.execPath, this.entry('api'), this.env);
    await this.ready('api /health', async () => (await fetch(`${this.apiUrl}/health`)).ok);
  }

  private async ready(what: string, check: () => Promise<boolean>): Promise<void> {
    try {
      await waitUntil(what, check, 180_000);
    } catch (err) {
      console.error(this.dump());
      throw err;
    }
  }

  /** SIGKILL: no shutdown hook runs, as when a machine or container dies. */
  static kill(child: Child | undefined): Promise<void> {
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  /** Deploys another workflow bundle: the worker is stopped and started again on `bundlePath` (a rolling upgrade of one). */
  async switchWorkerBundle(bundlePath: string): Promise<void> {
    this.env = { ...this.env, WORKFLOW_BUNDLE_PATH: bundlePath };
    await stopChild(this.worker);
    await this.startWorker();
  }

  async restartWorker(): Promise<void> {
    await Stack.kill(this.worker);
    await this.startWorker();
  }

  async restartApi(): Promise<void> {
    await Stack.kill(this.api);
    await this.startApi();
  }

  /** Kills the dev server (SIGKILL, so SQLite sees a crash) and starts it again on the same port and file. */
  async restartTemporal(): Promise<void> {
    if (!this.options.temporalFile) throw new Error('restartTemporal needs temporalFile: an in-memory server forgets everything');
    await Stack.kill(this.temporal);
    await this.startTemporal();
  }

  /** Where the stack's database runs, for the report. */
  get postgresDescription(): string {
    return this.pg
      ? `a private embedded PostgreSQL (scripts/embedded-postgres.js, fsync on) in the stack's temp dir, reached over ${
          this.postgresOverSocket ? 'its Unix socket' : 'loopback TCP'
        }`
      : `the server at BENCH_DATABASE_ADMIN_URL`;
  }

  get canRestartPostgres(): boolean {
    return !!this.pg;
  }

  /** Stops the private server the crash way (immediate shutdown), waits, and starts it again. */
  async restartPostgres(downMs = 1000): Promise<void> {
    if (!this.pg) throw new Error('restartPostgres needs privatePostgres');
    await this.pg.crash();
    await new Promise((r) => setTimeout(r, downMs));
    await this.pg.start();
  }

  pids(): { api?: number; worker?: number; temporal?: number } {
    return { api: this.api?.pid, worker: this.worker?.pid, temporal: this.temporal?.pid };
  }

  /** Stops everything and removes the temp dir; once (a failed start has already called it). */
  async stop(options: { keepDatabase?: boolean } = {}): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    try {
      await Promise.all([stopChild(this.api), stopChild(this.worker)]);
      await stopChild(this.temporal);
      if (this.pg) {
        await this.pg.stop();
      } else if (!options.keepDatabase && this.dbName) {
        const admin = new Client({ connectionString: this.adminUrl });
        await admin.connect();
        try {
          await admin.query(`DROP DATABASE IF EXISTS ${this.dbName} WITH (FORCE)`);
        } finally {
          await admin.end();
        }
      }
    } finally {
      // The temp dir goes even when a part would not stop (its error still reaches the caller).
      rmSync(this.root, { recursive: true, force: true });
    }
  }
}

/**
 * Bundles workflow code into `out` (what scripts/build-workflow-bundle.ts does for production); returns `out`. The
 * baseline's bundle is made with the SDK's defaults (`accord: false`): bare Temporal gets none of Accord's settings.
 */
export async function buildWorkflowBundle(out: string, workflowsPath: string, { accord = true } = {}): Promise<string> {
  const { bundleWorkflowCode } = await import('@temporalio/worker');
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: quietLogger(), ...(accord ? WORKFLOW_BUNDLER_OPTIONS : {}) });
  writeFileSync(out, code);
  return out;
}

function quietLogger() {
  const { DefaultLogger } = require('@temporalio/worker') as typeof import('@temporalio/worker');
  return new DefaultLogger('WARN');
}

/**
 * Resident set size of a process in MB (10^6 bytes, the unit the targets are stated in), from /proc (Linux); null when
 * the process is gone.
 */
export function rssMB(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return kb ? (Number(kb[1]) * 1024) / 1e6 : null;
  } catch {
    return null;
  }
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU time (user + system) a process has used, in seconds; null when it is gone. */
export function cpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** Busy CPU seconds of the whole machine (all CPUs, everything but idle and iowait). */
export function machineBusySeconds(): number {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const n = ticks.map(Number);
  const idle = (n[3] ?? 0) + (n[4] ?? 0);
  return (n.slice(0, 8).reduce((a, b) => a + b, 0) - idle) / CLOCK_TICKS;
}

/** The server processes (backends) serving one database, from pg_stat_activity. */
export async function backendPids(databaseUrl: string): Promise<number[]> {
  const c = new Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const rows = (await c.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()'))
      .rows as { pid: number }[];
    return rows.map((r) => r.pid);
  } finally {
    await c.end();
  }
}

/**
 * CPU used between two readings, by part of the stack. Postgres counts the backends of the stack's database
 * (pools keep them for the whole run; one that closes before the end is not counted), not the machine's other databases.
 */
export class CpuMeter {
  private start: Record<string, number> = {};
  private startPg = new Map<number, number>();
  readonly used: Record<string, number> = {};

  constructor(
    private readonly pids: () => Record<string, number | undefined>,
    private readonly databaseUrl?: string,
  ) {}

  private read(): Record<string, number> {
    const out: Record<string, number> = { machine: machineBusySeconds() };
    for (const [name, pid] of Object.entries(this.pids())) out[name] = cpuSeconds(pid) ?? 0;
    return out;
  }

  private async readPg(): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (!this.databaseUrl) return out;
    for (const pid of await backendPids(this.databaseUrl)) out.set(pid, cpuSeconds(pid) ?? 0);
    return out;
  }

  async begin(): Promise<void> {
    this.startPg = await this.readPg();
    this.start = this.read();
  }

  async end(): Promise<Record<string, number>> {
    const now = this.read();
    const pg = await this.readPg();
    for (const k of Object.keys(now)) this.used[k] = now[k]! - (this.start[k] ?? 0);
    if (this.databaseUrl) this.used.postgres = [...pg].reduce((sum, [pid, cpu]) => sum + cpu - (this.startPg.get(pid) ?? 0), 0);
    return this.used;
  }
}
