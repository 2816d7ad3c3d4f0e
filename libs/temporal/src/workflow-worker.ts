/**
 * How Accord creates a Temporal Worker (the worker app, the workflow tests and the history recorder): the SDK's
 * Worker, with three settings of the workflow sandbox the SDK does not expose, or not for this purpose, made through
 * its protected `createWorkflowCreator` hook. Each cost a share of the worker's CPU on two cores, measured in the
 * bench (docs/benchmarks.md, fifth and sixth stops):
 *
 * - The execution timeout is optional. The SDK runs every entry into the sandbox (several per activation) through
 *   `vm.runInContext` with a timeout (`isolateExecutionTimeout`, 5 s by default), which Node implements by starting a
 *   watchdog thread for the call and joining it afterwards: 16 % of the workflow thread's profile. What the timeout
 *   guards against is a synchronous endless loop in workflow code, which would then hold the thread it runs on (the
 *   main thread by default: the whole worker, its activities, /metrics and shutdown included) instead of failing its
 *   task. Accord's workflows are this repository's own code, every loop in them awaits, and the replay tests run
 *   every recorded history; an operator who wants the guard anyway sets WORKER_ISOLATE_EXECUTION_TIMEOUT_MS.
 * - Workflows run on the worker's main thread unless threads are asked for (WORKER_WORKFLOW_THREADS). The SDK's
 *   default is one worker thread, which each activation and its completion cross by postMessage and structured clone;
 *   with every core busy the thread buys no parallelism, and the crossing cost about 1 ms of CPU per decision. The
 *   main thread is the SDK's own `debugMode` path (its replayer runs workflows that way too). On a host with cores to
 *   spare, threads let workflow code run beside the activities.
 * - No stack trace per promise unless asked for (WORKER_WORKFLOW_STACK_TRACES). For the "Stack Trace" of Temporal's UI
 *   (the `__stack_trace` query), the SDK records, in a V8 promise hook, a stack trace of every promise workflow code
 *   creates, mapped through the bundle's source map: about a quarter of the workflow thread even with the short stacks
 *   of workflow-sandbox-setup.ts. Without the hook the query answers that stack traces are not enabled; a failed
 *   workflow keeps its source-mapped stack either way. The SDK's worker threads always record them: the setting applies
 *   to workflows on the main thread. There the hook is the whole thread's: on, every promise of the process (activities,
 *   database, logging) pays for it too, so a host that wants the stack traces runs threads (WORKER_WORKFLOW_THREADS).
 *
 * Also on the main thread: the SDK's process-wide handlers (its `Error.prepareStackTrace`, which source-maps the
 * sandbox's stacks and formats the others as V8 does, and its `unhandledRejection` listener, which fails the workflow
 * a rejection belongs to and otherwise logs it and throws, ending the process as Node would) are the worker's, and
 * workflows share its heap (WORKER_MAX_CACHED_WORKFLOWS).
 *
 * Not exported from the library's index: the workflow bundle imports that.
 */
import { Worker, type WorkerOptions } from '@temporalio/worker';
import { globalHandlers } from '@temporalio/worker/lib/workflow/vm-shared';

type CreateWorkflowCreator = (typeof Worker)['createWorkflowCreator'];

export interface WorkflowSandboxSettings {
  /** Ms workflow code may compute without awaiting (WORKER_ISOLATE_EXECUTION_TIMEOUT_MS); undefined: no timeout. */
  isolateExecutionTimeoutMs?: number;
  /** 0 or undefined: workflows run on the worker's main thread; n: on n of the SDK's worker threads (WORKER_WORKFLOW_THREADS). */
  workflowThreads?: number;
  /** Record a stack trace per promise for the `__stack_trace` query (WORKER_WORKFLOW_STACK_TRACES); main thread only. */
  stackTraces?: boolean;
}

/**
 * The members of the SDK's process-wide sandbox hooks (`globalHandlers`) that turn its promise hook on and off. They
 * are private in its typings; sandbox.workflow-spec.ts runs the stack-trace query both ways, so an SDK upgrade that
 * renames them fails there.
 */
interface PromiseHookSwitch {
  promiseHookInstalled: boolean;
  setPromiseHook(): void;
  stopPromiseHook(): void;
}

/**
 * Turns the SDK's per-promise stack traces on or off for the workflows this process runs on its main thread. Each new
 * workflow reads `promiseHookInstalled` when it is made, so this holds for the workflows made after it; the switch is
 * the process's, so of two main-thread workers in one process (tests only) the one made last sets it.
 */
function collectStackTraces(enabled: boolean): void {
  const hooks = globalHandlers as unknown as PromiseHookSwitch;
  if (enabled && !hooks.promiseHookInstalled) {
    hooks.setPromiseHook();
  } else if (!enabled && hooks.promiseHookInstalled) {
    hooks.stopPromiseHook();
    hooks.stopPromiseHook = () => undefined;
    hooks.promiseHookInstalled = false;
  }
}

function workerClassWith(settings: WorkflowSandboxSettings): typeof Worker {
  const threads = settings.workflowThreads ?? 0;
  return class extends Worker {
    protected static override async createWorkflowCreator(
      ...[bundle, options, logger]: Parameters<CreateWorkflowCreator>
    ): ReturnType<CreateWorkflowCreator> {
      const creator = await super.createWorkflowCreator(
        bundle,
        {
          ...options,
          // undefined is what Node's vm takes as "no timeout" (the SDK's options do not say so: "not exposed at the moment").
          isolateExecutionTimeoutMs: settings.isolateExecutionTimeoutMs as number,
          debugMode: threads === 0,
          ...(threads > 0 ? { workflowThreadPoolSize: threads } : {}),
        },
        logger,
      );
      // The main thread's creator has just installed the SDK's hooks (idempotently): the promise hook goes if not wanted.
      if (threads === 0) collectStackTraces(settings.stackTraces ?? false);
      return creator;
    }
  };
}

/** Worker.create with Accord's sandbox settings (above); with none: no timeout, the main thread, no stack traces. */
export function createWorkflowWorker(options: WorkerOptions, settings: WorkflowSandboxSettings = {}): Promise<Worker> {
  return workerClassWith(settings).create(options);
}
