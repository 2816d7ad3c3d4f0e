/**
 * How Accord creates a Temporal Worker (the worker app, the workflow tests and the history recorder): the SDK's
 * Worker, except for the workflow sandbox's execution timeout, which is optional here.
 *
 * The SDK runs every entry into the workflow sandbox (several per activation) through `vm.runInContext` with a
 * timeout (`isolateExecutionTimeout`, 5 s by default), and Node implements a vm timeout by starting a watchdog thread
 * for the call and joining it afterwards. On two busy cores that thread start and join is the largest single cost of
 * the workflow thread (16 % of its profile) and makes each workflow task wait for the scheduler: without it the bench
 * ran 65-67 decisions/s against 62 (workflow task execution 66 against 80-85 ms; docs/benchmarks.md, fifth stop).
 * What the timeout guards against is a synchronous endless loop in workflow code, which would then hold the worker's
 * workflow thread instead of failing its task. Accord's workflows are this repository's own code, every loop in them
 * awaits, and the replay tests run every recorded history; an operator who wants the guard anyway sets
 * WORKER_ISOLATE_EXECUTION_TIMEOUT_MS. Not exported from the library's index: the workflow bundle imports that.
 */
import { Worker, type WorkerOptions } from '@temporalio/worker';

type CreateWorkflowCreator = (typeof Worker)['createWorkflowCreator'];

/**
 * The SDK's Worker with the given sandbox execution timeout: `createWorkflowCreator` is the SDK's protected hook for
 * how the sandbox is made (the SDK does not expose the timeout as an option: "not exposed at the moment"), and
 * undefined is what Node's vm takes as "no timeout". sandbox.workflow-spec.ts runs an endless loop with a timeout
 * set, so an SDK upgrade that stops honouring this hook fails it.
 */
function workerClassWithSandboxTimeout(timeoutMs: number | undefined): typeof Worker {
  return class extends Worker {
    protected static override createWorkflowCreator(
      ...[bundle, options, logger]: Parameters<CreateWorkflowCreator>
    ): ReturnType<CreateWorkflowCreator> {
      return super.createWorkflowCreator(bundle, { ...options, isolateExecutionTimeoutMs: timeoutMs as number }, logger);
    }
  };
}

/**
 * Worker.create, with the sandbox's execution timeout in ms (the SDK's guard against endless synchronous workflow
 * code) or, when undefined, without one.
 */
export function createWorkflowWorker(options: WorkerOptions, isolateExecutionTimeoutMs?: number): Promise<Worker> {
  return workerClassWithSandboxTimeout(isolateExecutionTimeoutMs).create(options);
}
