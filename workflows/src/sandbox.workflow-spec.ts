/**
 * The workflow sandbox's settings, on workflows bundled as Accord bundles its own (WORKFLOW_BUNDLER_OPTIONS) and run by
 * a worker made as the worker app makes it (createWorkflowWorker, libs/temporal/src/workflow-worker.ts):
 * - its execution timeout (WORKER_ISOLATE_EXECUTION_TIMEOUT_MS), passed through the SDK's protected
 *   `createWorkflowCreator`: set, an endless synchronous loop fails its workflow task with the SDK's timeout, on the
 *   main thread and on a worker thread alike (so an SDK upgrade that stops honouring the hook fails here); unset (the
 *   default), the same hook passes no timeout, and workflow code that computes is left to finish;
 * - its per-promise stack traces (WORKER_WORKFLOW_STACK_TRACES): off by default, the stack-trace query says so; on, it
 *   answers, and on a worker thread (WORKER_WORKFLOW_THREADS) the SDK records them regardless;
 * - its stack-trace limit (libs/temporal/src/workflow-sandbox-setup.ts): a failure keeps its throw site, source-mapped,
 *   and no more frames than the limit, with or without the per-promise stack traces, and the stack-trace query still
 *   folds `Promise.all`'s own promises into it.
 */
import { randomUUID } from 'node:crypto';
import { temporal as proto } from '@temporalio/proto';
import { WORKFLOW_STACK_TRACE_LIMIT } from '@accord/temporal/workflow-stack-limit';
import type { WorkflowSandboxSettings } from '@accord/temporal/workflow-worker';
import { useTimeSkipping } from '../../test/support/time-skipping';
import { withTestWorker } from '../../test/support/workflow-worker';
import { waitFor } from '../../test/support/eventually';

const EventType = proto.api.enums.v1.EventType;

/** About 0.1 s of computing on a fast core. */
const ITERATIONS = 100_000_000;
/** The guard of the test that sets one: long enough for the sandbox's own set-up on a busy machine. */
const TIMEOUT_MS = 1000;

describe('the workflow sandbox', () => {
  const temporal = useTimeSkipping(require.resolve('../../test/fixtures/workflows/sandbox.workflows'));

  it('leaves workflow code that computes to finish when no timeout is set (the default)', async () => {
    const result = await withTestWorker(
      { env: temporal.env, bundle: temporal.bundle, activities: {}, queuePrefix: 'sandbox' },
      (taskQueue) =>
        temporal.env.client.workflow.execute('busyWorkflow', { taskQueue, workflowId: `busy-${randomUUID()}`, args: [ITERATIONS] }),
    );
    let x = 0;
    for (let i = 0; i < ITERATIONS; i++) x = (x * 31 + i) | 0;
    expect(result).toBe(x);
  });

  it.each([
    ['the main thread', 0],
    ['a worker thread', 1],
  ])('fails the workflow task of an endless synchronous loop when a timeout is set, on %s', async (_where, workflowThreads) => {
    await withTestWorker(
      {
        env: temporal.env,
        bundle: temporal.bundle,
        activities: {},
        queuePrefix: 'sandbox',
        sandbox: { isolateExecutionTimeoutMs: TIMEOUT_MS, workflowThreads },
      },
      async (taskQueue) => {
        const handle = await temporal.env.client.workflow.start('endlessLoopWorkflow', { taskQueue, workflowId: `loop-${randomUUID()}` });
        const failed = await waitFor(
          'a failed workflow task',
          async () => (await handle.fetchHistory()).events?.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED),
          (event) => event !== undefined,
        );
        expect(failed?.workflowTaskFailedEventAttributes?.failure?.message).toMatch(new RegExp(`timed out after ${TIMEOUT_MS}ms`));
        expect((await handle.describe()).status.name).toBe('RUNNING');
        await handle.terminate('test done');
      },
    );
  });

  it('keeps the throw site of a workflow failure, source-mapped, and at most the limit of frames', async () => {
    const stack = await withTestWorker(
      { env: temporal.env, bundle: temporal.bundle, activities: {}, queuePrefix: 'sandbox' },
      async (taskQueue) => {
        const handle = await temporal.env.client.workflow.start('deepFailureWorkflow', { taskQueue, workflowId: `deep-${randomUUID()}` });
        await expect(handle.result()).rejects.toThrow();
        const failed = (await handle.fetchHistory()).events?.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED);
        return failed?.workflowExecutionFailedEventAttributes?.failure?.stackTrace ?? '';
      },
    );
    const frames = stack.split('\n').filter((line) => line.trim().startsWith('at '));
    expect(frames[0]).toMatch(/failAtDepth .*sandbox\.workflows\.ts:\d+:\d+/);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.length).toBeLessThanOrEqual(WORKFLOW_STACK_TRACE_LIMIT);
  });

  /** The stack-trace query's answer for a workflow waiting on two conditions at once, split into its pending stacks. */
  const stackTraceQuery = (sandbox: WorkflowSandboxSettings) =>
    withTestWorker({ env: temporal.env, bundle: temporal.bundle, activities: {}, queuePrefix: 'sandbox', sandbox }, async (taskQueue) => {
      const handle = await temporal.env.client.workflow.start('waitingOnBothWorkflow', { taskQueue, workflowId: `both-${randomUUID()}` });
      try {
        // The query needs the workflow's first task done: until then it has no stacks to show.
        await waitFor(
          'the first workflow task',
          async () => (await handle.fetchHistory()).events?.some((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
          (done) => done === true,
        );
        const trace = await handle.query<string>('__stack_trace');
        return trace.split('\n\n');
      } finally {
        await handle.terminate('test done');
      }
    });

  it('records no stack trace per promise by default: the stack-trace query says they are not enabled', async () => {
    await expect(stackTraceQuery({})).rejects.toThrow(/stack traces are not enabled/);
  });

  it.each([
    ['asked for, on the main thread', { stackTraces: true }],
    ['on a worker thread, where the SDK always records them', { workflowThreads: 1 }],
  ])(
    'keeps the stack-trace query, %s, able to fold the promises Promise.all makes into the one awaited',
    async (_when, sandbox: WorkflowSandboxSettings) => {
      const stacks = await stackTraceQuery(sandbox);
      // One pending promise: the Promise.all the workflow awaits. With a limit of 3 the SDK no longer recognises the
      // `then` promises Promise.all makes for itself, and they show up as pending promises of their own (checked).
      expect(stacks).toHaveLength(1);
      expect(stacks[0]).toMatch(/sandbox\.workflows\.ts:\d+:\d+/);
    },
  );
});
