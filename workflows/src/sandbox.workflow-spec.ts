/**
 * The workflow sandbox's settings, on workflows bundled as Accord bundles its own (WORKFLOW_BUNDLER_OPTIONS) and run by
 * a worker made as the worker app makes it (createWorkflowWorker):
 * - its execution timeout (WORKER_ISOLATE_EXECUTION_TIMEOUT_MS, libs/temporal/src/workflow-worker.ts): unset, workflow
 *   code may compute as long as it needs; set, a workflow task that computes longer fails with the SDK's timeout instead
 *   of holding the worker's workflow thread. Both go through the SDK's protected `createWorkflowCreator`, so an SDK
 *   upgrade that changes it fails here;
 * - its stack-trace limit (libs/temporal/src/workflow-stack-limit.ts): a failure keeps its throw site, source-mapped,
 *   and no more frames than the limit.
 */
import { randomUUID } from 'node:crypto';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal as proto } from '@temporalio/proto';
import { WORKFLOW_BUNDLER_OPTIONS } from '@accord/temporal/workflow-bundler';
import { WORKFLOW_STACK_TRACE_LIMIT } from '@accord/temporal/workflow-stack-limit';
import { startTimeSkippingServer } from '../../test/support/time-skipping';
import { withTestWorker } from '../../test/support/workflow-worker';
import { waitFor } from '../../test/support/eventually';

const EventType = proto.api.enums.v1.EventType;

/** Far more than the 50 ms guard below on any machine (about 0.1 s on a fast core), and finite. */
const ITERATIONS = 100_000_000;

describe('the workflow sandbox', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([
      startTimeSkippingServer(),
      bundleWorkflowCode({
        workflowsPath: require.resolve('../../test/fixtures/workflows/sandbox.workflows'),
        logger: new DefaultLogger('WARN'),
        ...WORKFLOW_BUNDLER_OPTIONS,
      }),
    ]);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('lets workflow code compute without a time limit when no timeout is set (the default)', async () => {
    const result = await withTestWorker({ env, bundle, activities: {}, queuePrefix: 'sandbox' }, (taskQueue) =>
      env.client.workflow.execute('busyWorkflow', { taskQueue, workflowId: `busy-${randomUUID()}`, args: [ITERATIONS] }),
    );
    let x = 0;
    for (let i = 0; i < ITERATIONS; i++) x = (x * 31 + i) | 0;
    expect(result).toBe(x);
  });

  it('fails the workflow task when its code computes longer than a timeout that is set', async () => {
    await withTestWorker({ env, bundle, activities: {}, queuePrefix: 'sandbox', isolateExecutionTimeoutMs: 50 }, async (taskQueue) => {
      const handle = await env.client.workflow.start('busyWorkflow', { taskQueue, workflowId: `busy-${randomUUID()}`, args: [ITERATIONS] });
      const failed = await waitFor(
        'a failed workflow task',
        async () => (await handle.fetchHistory()).events?.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED),
        (event) => event !== undefined,
      );
      expect(failed?.workflowTaskFailedEventAttributes?.failure?.message).toMatch(/timed out after 50ms/);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      await handle.terminate('test done');
    });
  });

  it('keeps the throw site of a workflow failure, source-mapped, and at most the limit of frames', async () => {
    const stack = await withTestWorker({ env, bundle, activities: {}, queuePrefix: 'sandbox' }, async (taskQueue) => {
      const handle = await env.client.workflow.start('deepFailureWorkflow', { taskQueue, workflowId: `deep-${randomUUID()}` });
      await expect(handle.result()).rejects.toThrow();
      const failed = (await handle.fetchHistory()).events?.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED);
      return failed?.workflowExecutionFailedEventAttributes?.failure?.stackTrace ?? '';
    });
    const frames = stack.split('\n').filter((line) => line.trim().startsWith('at '));
    expect(frames[0]).toMatch(/failAtDepth .*sandbox\.workflows\.ts:\d+:\d+/);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.length).toBeLessThanOrEqual(WORKFLOW_STACK_TRACE_LIMIT);
  });
});
