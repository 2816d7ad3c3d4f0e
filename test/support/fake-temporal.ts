/**
 * A recording stand-in for TemporalClientService in medium tests: the few client calls the api's services make
 * (start a workflow, signal it, send it an Update), each recorded, with what the workflow would answer supplied by
 * the test. Workflows themselves are covered by the workflow and integration tiers.
 */
import type { TemporalClientService } from '../../apps/api/src/temporal/temporal-client.module';

export interface TemporalCall {
  kind: 'start' | 'signal' | 'update';
  workflowId: string;
  /** Workflow type for a start; signal or Update name otherwise. */
  name: string;
  args: unknown[];
  updateId?: string;
}

export interface FakeTemporalBehaviour {
  /** Throw to make the start fail (e.g. WorkflowExecutionAlreadyStartedError). */
  start?: (call: TemporalCall) => void | Promise<void>;
  /** The Update's result, or throw its failure. */
  update?: (call: TemporalCall) => unknown;
  signal?: (call: TemporalCall) => void | Promise<void>;
}

export interface FakeTemporal {
  service: TemporalClientService;
  calls: TemporalCall[];
  behaviour: FakeTemporalBehaviour;
}

const nameOf = (def: unknown): string => (typeof def === 'string' ? def : (def as { name: string }).name);

export function fakeTemporal(behaviour: FakeTemporalBehaviour = {}): FakeTemporal {
  const calls: TemporalCall[] = [];
  const fake: FakeTemporal = { service: undefined as unknown as TemporalClientService, calls, behaviour };
  const handle = (workflowId: string) => ({
    workflowId,
    async signal(def: unknown, ...args: unknown[]) {
      const call: TemporalCall = { kind: 'signal', workflowId, name: nameOf(def), args };
      calls.push(call);
      await fake.behaviour.signal?.(call);
    },
    async executeUpdate(def: unknown, options: { args?: unknown[]; updateId?: string } = {}) {
      const call: TemporalCall = {
        kind: 'update',
        workflowId,
        name: nameOf(def),
        args: options.args ?? [],
        ...(options.updateId ? { updateId: options.updateId } : {}),
      };
      calls.push(call);
      return fake.behaviour.update?.(call);
    },
  });
  const client = {
    workflow: {
      async start(type: unknown, options: { workflowId: string; args?: unknown[] }) {
        const call: TemporalCall = { kind: 'start', workflowId: options.workflowId, name: nameOf(type), args: options.args ?? [] };
        calls.push(call);
        await fake.behaviour.start?.(call);
        return handle(options.workflowId);
      },
      getHandle: (workflowId: string) => handle(workflowId),
      // Update-with-start (a submission): recorded as the start, then the Update, as Temporal would apply them.
      async executeUpdateWithStart(
        def: unknown,
        options: { startWorkflowOperation: { workflowTypeOrFunc: unknown; options: { workflowId: string; args?: unknown[] } } },
      ) {
        const { workflowTypeOrFunc, options: start } = options.startWorkflowOperation;
        await client.workflow.start(workflowTypeOrFunc, start);
        return handle(start.workflowId).executeUpdate(def);
      },
    },
  };
  const connection = { withDeadline: <T>(_deadline: number, fn: () => Promise<T>) => fn() };
  fake.service = { client, connection } as unknown as TemporalClientService;
  return fake;
}
