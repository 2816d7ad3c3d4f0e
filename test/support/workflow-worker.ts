/**
 * The one way workflow tests (and the history recorder) run a worker, made as the worker app makes it: on the given
 * server, from a bundle made once per test file (bundleWorkflows / useTimeSkipping), on a task queue of its own, for
 * the length of `fn`.
 */
import { randomUUID } from 'node:crypto';
import { runInThisContext } from 'node:vm';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { createWorkflowWorker, type WorkflowSandboxSettings } from '@accord/temporal/workflow-worker';

export interface TestWorkerOptions {
  env: TestWorkflowEnvironment;
  bundle: WorkflowBundleWithSourceMap;
  /** Activity implementations by name (in memory: the workflow tests never touch Postgres). */
  activities: object;
  /** Task-queue prefix, to tell the queues apart in a server's logs. */
  queuePrefix?: string;
  /** The sandbox's settings (libs/temporal/src/workflow-worker.ts); unset, the worker app's defaults. */
  sandbox?: WorkflowSandboxSettings;
}

/**
 * Node formats the stack of an error made in a context with no `Error.prepareStackTrace` of its own (the workflow
 * sandbox's) with the one of its main context. The worker app runs in that main context, so the SDK's source-mapping
 * `prepareStackTrace` (set on the Error it sees) formats the sandbox's stacks; under Jest the SDK sees the test file's
 * Error instead, and the sandbox's stacks would not be mapped, nor the per-promise stack traces recorded, when
 * workflows run on the main thread. The main context's Error hands them to the test file's, as in the worker app.
 */
function formatSandboxStacksAsTheWorkerAppDoes(): () => void {
  const mainContextError = runInThisContext('Error') as ErrorConstructor;
  if (mainContextError === Error) return () => undefined;
  const previous = mainContextError.prepareStackTrace;
  // V8's own format when the test file's Error has none (before the SDK's first worker sets it).
  mainContextError.prepareStackTrace = (err: Error, trace: NodeJS.CallSite[]): unknown =>
    Error.prepareStackTrace
      ? Error.prepareStackTrace(err, trace)
      : `${String(err)}\n${trace.map((site) => `    at ${String(site)}`).join('\n')}`;
  // Put back when the worker stops, so that no later test file formats with this one's Error.
  return () => {
    mainContextError.prepareStackTrace = previous;
  };
}

/** Runs `fn` with a worker polling a fresh task queue; the worker shuts down when `fn` settles. */
export async function withTestWorker<T>(
  { env, bundle, activities, queuePrefix = 'test', sandbox }: TestWorkerOptions,
  fn: (taskQueue: string) => Promise<T>,
): Promise<T> {
  const taskQueue = `${queuePrefix}-${randomUUID()}`;
  const restoreStackFormat = formatSandboxStacksAsTheWorkerAppDoes();
  try {
    const worker = await createWorkflowWorker({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities }, sandbox);
    return await worker.runUntil(fn(taskQueue));
  } finally {
    restoreStackFormat();
  }
}
