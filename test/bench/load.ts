/**
 * The load driver: submits proposals over HTTP and decides every task as the demo reviewers would, each
 * decision by the candidate agency's user, the parallel consultation tasks of a stage at the same time.
 * Every request is timed. Requests that fail for want of a process (connection refused, 5xx) are retried with
 * the same Idempotency-Key, so the drills can kill processes under it and still know exactly which decisions
 * were accepted.
 */
import { randomBytes } from 'node:crypto';
import { mouBody } from '../support/fixtures';
// Who decides each task and how: the same people and answers as the integration tests' driver.
import { ACTOR_BY_AGENCY, MOU_PATH, RECORDED, RECORDER, yesBody, type MouStatus } from '../support/drive';
import { DEMO_PASSWORD, type HttpResult } from '../support/http';
import { BenchApiClient } from './http';
import { demoEmail } from '../support/demo-users';

const V1 = '/api/v1';

/** The two demo submitters; proposal i is submitted by SUBMITTERS[i % 2]. */
export const SUBMITTERS = [demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }), demoEmail({ agency: 'HT-SGDDT', role: 'SUBMITTER' })];

export type Op = 'submit' | 'inbox' | 'complete' | 'taskList';

export interface LoadOptions {
  apiUrl: string;
  /** Several api processes (`--processes`): each person signs in to one, in turn, as behind a load balancer with sticky sessions. */
  apiUrls?: string[];
  proposals: number;
  /** Proposals driven at the same time. */
  concurrency: number;
  /** Where proposal i stops (default IN_FORCE, the end of the MoU path). */
  until?: (i: number) => MouStatus;
  /** A reviewer's pause before each decision (ms), to stretch a small run over a longer time (the drills). */
  thinkMs?: number;
  /** Give up retrying a request after this long (ms). */
  retryForMs?: number;
  log?: (line: string) => void;
}

export interface DrivenProposal {
  id: string;
  reference: string;
  until: MouStatus;
  status: string;
  decisions: number;
  /** Tasks decided at each step (a consultation stage's tasks are decided together). */
  batches: number[];
}

export interface LoadResult {
  startedAt: number;
  endedAt: number;
  proposals: DrivenProposal[];
  /** Decisions answered 200, or (after a lost response) found recorded as ours on re-reading the task. */
  accepted: number;
  latencies: Record<Op, number[]>;
  /** Requests repeated after a connection error or a 5xx. */
  retries: number;
  errors: string[];
}

export type OpenTask = { id: string; kind: string; candidateAgency: { code: string } };

/** Who submits proposal i, and the agency that submitter acts for. */
export function submitterOf(i: number): { email: string; agency: string } {
  const email = SUBMITTERS[i % SUBMITTERS.length]!;
  return { email, agency: email === SUBMITTERS[0] ? 'HT-SCT' : 'HT-SGDDT' };
}

/** Another driver (user-load.ts) shares the login, retry and decision helpers: they are protected, not private. */

export class LoadDriver {
  private readonly clients = new Map<string, Promise<{ client: BenchApiClient; id: string }>>();
  protected readonly runId = randomBytes(4).toString('hex');
  readonly latencies: Record<Op, number[]> = { submit: [], inbox: [], complete: [], taskList: [] };
  retries = 0;
  accepted = 0;
  readonly errors: string[] = [];

  constructor(protected readonly options: LoadOptions) {}

  protected get retryForMs(): number {
    return this.options.retryForMs ?? 180_000;
  }

  /** One request, retried while the stack cannot answer (refused connection, reset, 5xx). */
  protected async send<T = any>(
    op: Op | null,
    call: () => Promise<HttpResult<T>>,
    attempt: (n: number) => void = () => undefined,
  ): Promise<HttpResult<T>> {
    const deadline = Date.now() + this.retryForMs;
    for (let n = 0; ; n++) {
      attempt(n);
      const t0 = performance.now();
      try {
        const res = await call();
        if (res.status < 500) {
          if (op && n === 0) this.latencies[op].push(performance.now() - t0);
          return res;
        }
        if (Date.now() > deadline) return res;
      } catch (err) {
        if (Date.now() > deadline) throw err;
      }
      this.retries += 1;
      await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** Math.min(n, 4), 3000)));
    }
  }

  protected as(email: string): Promise<{ client: BenchApiClient; id: string }> {
    if (!this.clients.has(email)) {
      const urls = this.options.apiUrls?.length ? this.options.apiUrls : [this.options.apiUrl];
      const apiUrl = urls[this.clients.size % urls.length]!;
      this.clients.set(
        email,
        (async () => {
          const res = await this.send(null, () =>
            new BenchApiClient(apiUrl).post('/api/v1/auth/login', { email, password: DEMO_PASSWORD }),
          );
          if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
          const client = new BenchApiClient(apiUrl, res.body.accessToken);
          const me = await this.send(null, () => client.get(`${V1}/me`));
          return { client, id: me.body.id as string };
        })(),
      );
    }
    return this.clients.get(email)!;
  }

  /**
   * Logs everyone in, so the figures are not about password hashing: the bench calls it before its CPU meter starts
   * (each sign-in is one scrypt hash, about 0.1-0.4 s of the api's CPU), and run() again (a no-op once signed in).
   */
  async loginEveryone(): Promise<void> {
    for (const email of [...SUBMITTERS, ...Object.values(ACTOR_BY_AGENCY), RECORDER, demoEmail({ agency: null, role: 'ADMIN' })])
      await this.as(email);
  }

  async run(): Promise<LoadResult> {
    const { proposals, concurrency } = this.options;
    await this.loginEveryone();
    const driven: DrivenProposal[] = [];
    let next = 0;
    const startedAt = Date.now();
    const lane = async () => {
      for (let i = next++; i < proposals; i = next++) {
        try {
          driven.push(await this.drive(i));
        } catch (err) {
          this.errors.push(`proposal #${i}: ${(err as Error).message}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
    return {
      startedAt,
      endedAt: Date.now(),
      proposals: driven,
      accepted: this.accepted,
      latencies: this.latencies,
      retries: this.retries,
      errors: this.errors,
    };
  }

  private async drive(i: number): Promise<DrivenProposal> {
    const until = this.options.until?.(i) ?? 'IN_FORCE';
    const { email: submitterEmail, agency: submitterAgency } = submitterOf(i);
    const admin = await this.as(demoEmail({ agency: null, role: 'ADMIN' }));
    const proposal = await this.submit(i, until);
    const { reference } = proposal;
    const target = MOU_PATH.indexOf(until);
    for (let step = 0; step < 40; step++) {
      if (MOU_PATH.indexOf(proposal.status as MouStatus) >= target) return proposal;
      const tasks = await this.openTasks(proposal, target, admin.client);
      if (MOU_PATH.indexOf(proposal.status as MouStatus) >= target) return proposal;
      if (!tasks.length) throw new Error(`${reference} is ${proposal.status} with no open task after ${this.retryForMs / 1000} s`);
      const statuses = await Promise.all(tasks.map((task) => this.decide(task, submitterAgency, submitterEmail, reference)));
      proposal.decisions += tasks.length;
      proposal.batches.push(tasks.length);
      // Updates to one workflow are applied in order; the furthest status any of them reports is where it is now.
      proposal.status = statuses.reduce((a, b) => (MOU_PATH.indexOf(b as MouStatus) > MOU_PATH.indexOf(a as MouStatus) ? b : a));
    }
    throw new Error(`${reference} did not reach ${until} (stuck at ${proposal.status})`);
  }

  /** Proposal i submitted by its submitter (Idempotency-Key per proposal, so a retry does not submit twice). */
  protected async submit(i: number, until: MouStatus): Promise<DrivenProposal> {
    const submitter = await this.as(submitterOf(i).email);
    const body = mouBody({ title: `Bench MoU ${this.runId} #${i}` });
    const key = `bench-${this.runId}-${i}`;
    const created = await this.send('submit', () => submitter.client.post(`${V1}/proposals`, body, { 'Idempotency-Key': key }));
    if (created.status !== 201 && created.status !== 200) throw new Error(`submit: ${created.status} ${JSON.stringify(created.body)}`);
    const { id, reference } = created.body as { id: string; reference: string };
    return { id, reference, until, status: created.body.status, decisions: 0, batches: [] };
  }

  /**
   * The proposal's open tasks, waiting for them while there are none: a proposal accepted while Temporal or the
   * worker was down is SUBMITTED until the outbox relay starts its workflow, so "no task yet" is only a failure
   * once the retry window has passed. Updates `proposal.status` from the api while it waits; stops waiting when that reaches
   * the target (index in MOU_PATH).
   */
  private async openTasks(proposal: DrivenProposal, target: number, admin: BenchApiClient): Promise<OpenTask[]> {
    const deadline = Date.now() + this.retryForMs;
    for (let n = 0; ; n++) {
      const open = await this.send('taskList', () => admin.get(`${V1}/tasks?proposalId=${proposal.id}&status=OPEN&limit=200`));
      const tasks: OpenTask[] = open.body.items ?? [];
      if (tasks.length) return tasks;
      const now = await this.send(null, () => admin.get(`${V1}/proposals/${proposal.id}`));
      proposal.status = now.body.status;
      if (MOU_PATH.indexOf(proposal.status as MouStatus) >= target || Date.now() > deadline) return [];
      await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** Math.min(n, 4), 2000)));
    }
  }

  /** A reviewer opens their inbox, then decides the task; returns the proposal status the decision led to. */
  private async decide(task: OpenTask, submitterAgency: string, submitterEmail: string, reference: string): Promise<string> {
    const code = task.candidateAgency.code;
    const email = RECORDED.includes(task.kind) ? RECORDER : code === submitterAgency ? submitterEmail : ACTOR_BY_AGENCY[code];
    if (!email) throw new Error(`no demo user for ${code}`);
    const actor = await this.as(email);
    if (this.options.thinkMs) await new Promise((r) => setTimeout(r, this.options.thinkMs));
    const inbox = await this.send('inbox', () => actor.client.get(`${V1}/tasks?limit=50`));
    if (inbox.status !== 200) throw new Error(`inbox of ${email}: ${inbox.status}`);
    return this.complete(task, email, reference);
  }

  /**
   * `email` decides the task the "yes" way; returns the proposal status the decision led to. Throws on any refusal,
   * 409 TASK_NOT_OPEN included, unless a retried request finds the task decided by this very user (a lost answer).
   */
  protected async complete(task: OpenTask, email: string, reference: string): Promise<string> {
    const actor = await this.as(email);
    const body = yesBody(task.kind);
    const decision = body.decision;
    let retried = false;
    const done = await this.send(
      'complete',
      () => actor.client.post(`${V1}/tasks/${task.id}/complete`, body, { 'Idempotency-Key': `${this.runId}-${task.id}` }),
      (n) => {
        retried = n > 0;
      },
    );
    if (done.status === 200) {
      this.accepted += 1;
      return done.body.proposal.status as string;
    }
    if (done.status === 409 && retried) {
      // The first attempt's answer was lost (the api died) but it may have gone through: the task says whose it is.
      const admin = await this.as(demoEmail({ agency: null, role: 'ADMIN' }));
      const now = await this.send(null, () => admin.client.get(`${V1}/tasks/${task.id}`));
      if (now.body.status === 'COMPLETED' && now.body.completedBy?.id === actor.id && now.body.decision === decision) {
        this.accepted += 1;
        const p = await this.send(null, () => admin.client.get(`${V1}/proposals/${now.body.proposalId}`));
        return p.body.status as string;
      }
    }
    throw new Error(`${reference}: ${email} completing ${task.kind}: ${done.status} ${JSON.stringify(done.body)}`);
  }
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new LoadDriver(options).run();
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
