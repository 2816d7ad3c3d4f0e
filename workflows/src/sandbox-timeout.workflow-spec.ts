/**
 * The workflow sandbox's execution timeout (WORKER_ISOLATE_EXECUTION_TIMEOUT_MS, libs/temporal/src/workflow-worker.ts):
 * unset, workflow code may compute as long as it needs; set, a workflow task that computes longer fails with the
 * SDK's timeout instead of holding the worker's workflow thread. Both go through the SDK's protected
 * `createWorkflowCreator`, so an SDK upgrade that changes it fails here.
 */
import { randomUUID } from 'node:crypto';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal as proto } from '@temporalio/proto';
import { startTimeSkippingServer } from '../../test/support/time-skipping';
import { withTestWorker } from '../../test/support/workflow-worker';
import { waitFor } from '../../test/support/eventually';

/** Far more than the 50 ms guard below on any machine (about 0.1 s on a fast core), and finite. */
const ITERATIONS = 100_000_000;

describe('the workflow sandbox execution timeout', () => {
  let env: TestWorkflowEnvironment;
  let bundle: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    [env, bundle] = await Promise.all([
      startTimeSkippingServer(),
      bundleWorkflowCode({
        workflowsPath: require.resolve('../../test/fixtures/workflows/busy.workflow'),
        logger: new DefaultLogger('WARN'),
      }),
    ]);
  });
  afterAll(async () => {
    await env?.teardown();
  });

  it('lets workflow code compute without a time limit when no timeout is set (the default)', async () => {
    const result = await withTestWorker({ env, bundle, activities: {}, queuePrefix: 'busy' }, (taskQueue) =>
      env.client.workflow.execute('busyWorkflow', { taskQueue, workflowId: `busy-${randomUUID()}`, args: [ITERATIONS] }),
    );
    let x = 0;
    for (let i = 0; i < ITERATIONS; i++) x = (x * 31 + i) | 0;
    expect(result).toBe(x);
  });

  it('fails the workflow task when its code computes longer than a timeout that is set', async () => {
    await withTestWorker({ env, bundle, activities: {}, queuePrefix: 'busy', isolateExecutionTimeoutMs: 50 }, async (taskQueue) => {
      const handle = await env.client.workflow.start('busyWorkflow', { taskQueue, workflowId: `busy-${randomUUID()}`, args: [ITERATIONS] });
      const failed = await waitFor(
        'a failed workflow task',
        async () =>
          (await handle.fetchHistory()).events?.find((e) => e.eventType === proto.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED),
        (event) => event !== undefined,
      );
      expect(failed?.workflowTaskFailedEventAttributes?.failure?.message).toMatch(/timed out after 50ms/);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      await handle.terminate('test done');
    });
  });
});
