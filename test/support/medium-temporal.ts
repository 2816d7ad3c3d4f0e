/**
 * A recording stand-in for TemporalClientService in medium tests: the calls the api services make (workflow starts,
 * Updates, describe, withDeadline), kept in order so a test can assert what was sent — and that nothing was, when a
 * request is refused. Update results come from `answer`, which a test may replace; `fail` makes every call throw.
 */
import { randomUUID } from 'node:crypto';
import type { TemporalClientService } from '../../apps/api/src/temporal/temporal-client.module';

export interface RecordedStart {
  workflowType: string;
  workflowId: string;
  args: unknown[];
}

export interface RecordedUpdate {
  workflowId: string;
  name: string;
  args: unknown[];
  updateId: string | undefined;
}

export class RecordingTemporal {
  readonly starts: RecordedStart[] = [];
  readonly updates: RecordedUpdate[] = [];
  /** Thrown by every call while set (Temporal down, or a workflow refusing an Update). */
  fail: Error | null = null;
  /** The result of an Update: by default a proposal status for `sync`, `withdraw` and `cancel`, and a completion for `completeTask`. */
  answer: (update: RecordedUpdate) => unknown = (u) => {
    if (u.name === 'completeTask') return { proposal: { status: 'CONSULTATION' } };
    if (u.name === 'withdraw') return { status: 'WITHDRAWN' };
    if (u.name === 'cancel') return { status: 'CANCELLED' };
    return { status: 'INTAKE' };
  };

  readonly connection = { withDeadline: <T>(_deadline: number, fn: () => Promise<T>): Promise<T> => fn() };

  readonly client = {
    workflow: {
      start: async (workflowType: string, options: { workflowId: string; args?: unknown[] }) => {
        this.check();
        this.starts.push({ workflowType, workflowId: options.workflowId, args: options.args ?? [] });
        return { workflowId: options.workflowId, firstExecutionRunId: randomUUID() };
      },
      // Update-with-start (a submission): recorded as the start, then the Update, as Temporal would apply them.
      executeUpdateWithStart: async (
        def: string | { name: string },
        options: { startWorkflowOperation: { workflowTypeOrFunc: string; options: { workflowId: string; args?: unknown[] } } },
      ) => {
        const { workflowTypeOrFunc, options: start } = options.startWorkflowOperation;
        await this.client.workflow.start(workflowTypeOrFunc, start);
        return this.client.workflow.getHandle(start.workflowId).executeUpdate(def);
      },
      getHandle: (workflowId: string) => ({
        workflowId,
        describe: async () => {
          this.check();
          return { workflowId, status: { name: 'RUNNING' } };
        },
        executeUpdate: async (def: string | { name: string }, options: { args?: unknown[]; updateId?: string } = {}) => {
          this.check();
          const update = {
            workflowId,
            name: typeof def === 'string' ? def : def.name,
            args: options.args ?? [],
            updateId: options.updateId,
          };
          this.updates.push(update);
          return this.answer(update);
        },
      }),
    },
  };

  private check(): void {
    if (this.fail) throw this.fail;
  }

  /** Typed as the service the api injects; only the members above exist. */
  asService(): TemporalClientService {
    return this as unknown as TemporalClientService;
  }
}
