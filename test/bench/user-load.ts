/**
 * The "users" load driver: behaves like the people using Accord rather than like lanes walking one proposal each.
 * Submissions arrive in bursts (`burst` submitters pressing "submit" at the same moment); meanwhile every deciding
 * person polls the open tasks, keeps those that are theirs and decides them one after another, and waits `pollMs`
 * when there was nothing to do. Several loops per person stand for several officers of one agency working at
 * once; a stable hash of the task id splits a person's tasks between their loops, so no two loops ever decide the
 * same task (a 409 TASK_NOT_OPEN is therefore an error, not a race the driver caused).
 *
 * Logins, retries (same Idempotency-Key), submissions and decisions are LoadDriver's, so both modes send the same
 * requests and are timed the same way.
 */
import { ACTOR_BY_AGENCY, MOU_PATH, RECORDED, RECORDER, type MouStatus } from '../support/drive';
import { LoadDriver, type DrivenProposal, type LoadResult, type OpenTask } from './load';

/**
 * What a polling officer reads: their inbox (no status filter: the open tasks of their agency nobody holds or they hold,
 * soonest due first), the same query as the lanes driver's inbox read and the web app's task list. With a status filter
 * the api answers with every task of the proposals the caller may see, which is not what an officer works from.
 */
const POLL = '/api/v1/tasks?limit=200';

export interface UserLoadOptions {
  apiUrl: string;
  /** See LoadOptions.apiUrls. */
  apiUrls?: string[];
  proposals: number;
  /** Submissions sent at the same moment; the next burst starts once the previous one has been answered. */
  burst: number;
  /** Polling loops per deciding person (officers of one agency working at once). */
  loopsPerReviewer: number;
  /** A loop's pause after a poll that found nothing of its own (ms). */
  pollMs: number;
  /** The run is given up (and an error recorded) after this long (ms); default 10 min + 1 s per proposal. */
  timeoutMs?: number;
  retryForMs?: number;
  log?: (line: string) => void;
}

export interface UserLoadResult extends LoadResult {
  bursts: number;
  /** Polls sent, and how many of them found nothing for the loop. */
  polls: number;
  emptyPolls: number;
  /** Loops (people × loops per person). */
  loops: number;
}

type PolledTask = OpenTask & { proposalId: string | null; createdAt: string };

interface Person {
  email: string;
  agency: string;
  /** SNGV's head records the central bodies' answers (RECORDED kinds); they decide nothing else. */
  recorder: boolean;
}

/**
 * Everyone who decides a task of a Hà Tĩnh MoU (the demo submitters are Hà Tĩnh's): one person per agency (the
 * submitting agencies' own tasks fall to their submitters, who are those agencies' users in ACTOR_BY_AGENCY) plus the
 * recorder. Đồng Nai's users get no task from these proposals and would only add idle polls.
 */
export function deciders(): Person[] {
  const people = Object.entries(ACTOR_BY_AGENCY)
    .filter(([agency]) => agency.startsWith('HT-'))
    .map(([agency, email]) => ({ email, agency, recorder: false }));
  return [...people, { email: RECORDER, agency: 'HT-SNGV', recorder: true }];
}

/** Whether `person` is the one to decide `task` (the same rule as LoadDriver's decide()). */
export function owns(person: Person, task: OpenTask): boolean {
  if (RECORDED.includes(task.kind)) return person.recorder;
  return !person.recorder && task.candidateAgency.code === person.agency;
}

/** FNV-1a of the task id: stable, so a task always falls to the same loop of its person. */
export function loopOf(taskId: string, loops: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < taskId.length; i++) h = Math.imul(h ^ taskId.charCodeAt(i), 0x01000193) >>> 0;
  return h % loops;
}

const further = (a: string, b: string) => (MOU_PATH.indexOf(b as MouStatus) > MOU_PATH.indexOf(a as MouStatus) ? b : a);

export class UserLoadDriver extends LoadDriver {
  /** This run's proposals by id, once their submission was answered; tasks of other proposals are left alone. */
  private readonly driven = new Map<string, DrivenProposal>();
  /** Tasks decided (or given up after an error) by some loop: a poll that still shows one is not acted on again. */
  private readonly handled = new Set<string>();
  /** Per proposal, the creation times of the tasks decided, to recover the steps' sizes (tasks of one step share one transaction's time). */
  private readonly steps = new Map<string, string[]>();
  /** Proposals one of whose decisions failed: they will not reach IN_FORCE, so the run does not wait for them. */
  private readonly failed = new Set<string>();
  private finished = false;
  private endedAt = 0;
  private finish!: () => void;
  private readonly over = new Promise<void>((resolve) => (this.finish = resolve));
  private submissionsDone = false;
  private polls = 0;
  private emptyPolls = 0;

  constructor(private readonly users: UserLoadOptions) {
    super({
      apiUrl: users.apiUrl,
      ...(users.apiUrls ? { apiUrls: users.apiUrls } : {}),
      proposals: users.proposals,
      concurrency: users.burst,
      retryForMs: users.retryForMs,
    });
  }

  /** Everyone the run acts as: the common users and every decider. */
  override async loginEveryone(): Promise<void> {
    await super.loginEveryone();
    for (const p of deciders()) await this.as(p.email);
  }

  override async run(): Promise<UserLoadResult> {
    const { proposals, burst, loopsPerReviewer } = this.users;
    await this.loginEveryone();
    const people = deciders();
    const startedAt = Date.now();
    const timeoutMs = this.users.timeoutMs ?? 600_000 + 1000 * proposals;
    const timer = setTimeout(() => {
      const late = [...this.driven.values()].filter((p) => p.status !== 'IN_FORCE' && !this.failed.has(p.id));
      this.errors.push(
        `timeout after ${timeoutMs / 1000} s: ${late.length} of ${this.driven.size} proposals not IN_FORCE (${late
          .slice(0, 5)
          .map((p) => `${p.reference} ${p.status}`)
          .join(', ')})`,
      );
      this.stop();
    }, timeoutMs);
    const loops = people.flatMap((person) => Array.from({ length: Math.max(1, loopsPerReviewer) }, (_, k) => this.loop(person, k)));
    let bursts = 0;
    for (let first = 0; first < proposals && !this.finished; first += burst) {
      bursts += 1;
      const last = Math.min(first + burst, proposals);
      await Promise.all(
        Array.from({ length: last - first }, async (_, j) => {
          try {
            const p = await this.submit(first + j, 'IN_FORCE');
            this.driven.set(p.id, p);
          } catch (err) {
            this.errors.push(`proposal #${first + j}: ${(err as Error).message}`);
          }
        }),
      );
      this.users.log?.(`users: burst ${bursts} answered (${last} of ${proposals} submitted)`);
    }
    this.submissionsDone = true;
    this.checkDone();
    await this.over;
    clearTimeout(timer);
    await Promise.all(loops);
    for (const p of this.driven.values()) p.batches = batchesOf(this.steps.get(p.id) ?? []);
    return {
      startedAt,
      endedAt: this.endedAt,
      proposals: [...this.driven.values()],
      accepted: this.accepted,
      latencies: this.latencies,
      retries: this.retries,
      errors: this.errors,
      bursts,
      polls: this.polls,
      emptyPolls: this.emptyPolls,
      loops: loops.length,
    };
  }

  private stop(): void {
    if (this.finished) return;
    this.endedAt = Date.now();
    this.finished = true;
    this.finish();
  }

  private checkDone(): void {
    if (this.submissionsDone && [...this.driven.values()].every((p) => p.status === 'IN_FORCE' || this.failed.has(p.id))) this.stop();
  }

  /** One officer: poll, decide what is theirs one task after another, rest when there was nothing. */
  private async loop(person: Person, k: number): Promise<void> {
    const { client } = await this.as(person.email);
    const loops = Math.max(1, this.users.loopsPerReviewer);
    while (!this.finished) {
      let mine: PolledTask[] = [];
      try {
        const res = await this.send<{ items?: PolledTask[] }>('inbox', () => client.get(POLL));
        this.polls += 1;
        if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
        mine = (res.body.items ?? []).filter((t) => {
          const p = t.proposalId ? this.driven.get(t.proposalId) : undefined;
          return p && p.status !== 'IN_FORCE' && !this.handled.has(t.id) && owns(person, t) && loopOf(t.id, loops) === k;
        });
      } catch (err) {
        this.errors.push(`poll by ${person.email}: ${(err as Error).message}`);
      }
      if (!mine.length) {
        this.emptyPolls += 1;
        await Promise.race([this.over, new Promise((r) => setTimeout(r, this.users.pollMs))]);
        continue;
      }
      for (const task of mine) {
        if (this.finished) break;
        this.handled.add(task.id);
        const proposal = this.driven.get(task.proposalId!)!;
        try {
          const status = await this.complete(task, person.email, proposal.reference);
          proposal.decisions += 1;
          this.steps.set(proposal.id, [...(this.steps.get(proposal.id) ?? []), task.createdAt]);
          // Decisions on one proposal by different loops answer in any order: the furthest status is where it is.
          proposal.status = further(proposal.status, status);
          if (proposal.status === 'IN_FORCE') this.checkDone();
        } catch (err) {
          this.errors.push((err as Error).message);
          this.failed.add(proposal.id);
          this.checkDone();
        }
      }
    }
  }
}

/** Sizes of the steps of one proposal, in order: its decided tasks grouped by creation time. */
function batchesOf(createdAts: string[]): number[] {
  const counts = new Map<string, number>();
  for (const at of [...createdAts].sort()) counts.set(at, (counts.get(at) ?? 0) + 1);
  return [...counts.values()];
}
