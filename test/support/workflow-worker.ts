/**
 * The one way workflow tests (and the history recorder) run a worker, made as the worker app makes it: on the given
 * server, from a bundle made once per test file (bundleWorkflows / useTimeSkipping), on a task queue of its own, for
 * the length of `fn`.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createWorkflowWorker } from '@accord/temporal/workflow-worker';

export interface TestWorkerOptions {
  env: TestWorkflowEnvironment;
  bundle: WorkflowBundleWithSourceMap;
  /** Activity implementations by name (in memory: the workflow tests never touch Postgres). */
  activities: object;
  /** Task-queue prefix, to tell the queues apart in a server's logs. */
  queuePrefix?: string;
  /** The sandbox's execution timeout (WORKER_ISOLATE_EXECUTION_TIMEOUT_MS); unset, as in the worker app: none. */
  isolateExecutionTimeoutMs?: number;
}

/** Runs `fn` with a worker polling a fresh task queue; the worker shuts down when `fn` settles. */
export async function withTestWorker<T>(
  { env, bundle, activities, queuePrefix = 'test', isolateExecutionTimeoutMs }: TestWorkerOptions,
  fn: (taskQueue: string) => Promise<T>,
): Promise<T> {
  const taskQueue = `${queuePrefix}-${randomUUID()}`;
  const worker = await createWorkflowWorker(
    { connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities },
    isolateExecutionTimeoutMs,
  );
  return worker.runUntil(fn(taskQueue));
}
