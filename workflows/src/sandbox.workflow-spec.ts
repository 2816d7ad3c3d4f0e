/**
 * The workflow sandbox's settings, on workflows bundled as Accord bundles its own (WORKFLOW_BUNDLER_OPTIONS) and run by
 * a worker made as the worker app makes it (createWorkflowWorker):
 * - its execution timeout (WORKER_ISOLATE_EXECUTION_TIMEOUT_MS, libs/temporal/src/workflow-worker.ts), passed through
 *   the SDK's protected `createWorkflowCreator`: set, an endless synchronous loop fails its workflow task with the
 *   SDK's timeout (so an SDK upgrade that stops honouring the hook fails here); unset (the default), the same hook
 *   passes no timeout, and workflow code that computes is left to finish;
 * - its stack-trace limit (libs/temporal/src/workflow-sandbox-setup.ts): a failure keeps its throw site, source-mapped,
 *   and no more frames than the limit, and the stack-trace query still folds `Promise.all`'s own promises into it.
 */
import { randomUUID } from 'node:crypto';
import { temporal as proto } from '@temporalio/proto';
import { WORKFLOW_STACK_TRACE_LIMIT } from '@accord/temporal/workflow-stack-limit';
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

  it('fails the workflow task of an endless synchronous loop when a timeout is set', async () => {
    await withTestWorker(
      { env: temporal.env, bundle: temporal.bundle, activities: {}, queuePrefix: 'sandbox', isolateExecutionTimeoutMs: TIMEOUT_MS },
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

  it('keeps the stack-trace query able to fold the promises Promise.all makes into the one awaited', async () => {
    const stacks = await withTestWorker(
      { env: temporal.env, bundle: temporal.bundle, activities: {}, queuePrefix: 'sandbox' },
      async (taskQueue) => {
        const handle = await temporal.env.client.workflow.start('waitingOnBothWorkflow', { taskQueue, workflowId: `both-${randomUUID()}` });
        const trace = await waitFor(
          'a stack trace',
          () => handle.query<string>('__stack_trace'),
          (text) => text.trim().length > 0,
        );
        await handle.terminate('test done');
        return trace.split('\n\n');
      },
    );
    // One pending promise: the Promise.all the workflow awaits. With a limit of 3 the SDK no longer recognises the
    // `then` promises Promise.all makes for itself, and they show up as pending promises of their own (checked).
    expect(stacks).toHaveLength(1);
    expect(stacks[0]).toMatch(/sandbox\.workflows\.ts:\d+:\d+/);
  });
});
