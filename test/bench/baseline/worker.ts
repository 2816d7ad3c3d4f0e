/**
 * The baseline's worker process (started by test/bench/bench.ts): a plain Temporal Worker on its own task queue,
 * with the SDK's default options: bare Temporal as a team would start it. Accord's worker differs in its workflow
 * sandbox (no execution timeout, workflows on the main thread, no per-promise stack traces, a stack-trace limit, shared
 * libraries: libs/temporal/src/workflow-worker.ts and workflow-bundler.ts) and its young generation
 * (scripts/node-flags.js); docs/benchmarks.md (fifth stop) gives a run
 * of this baseline with the same sandbox settings: BASELINE_WORKER_MODULE (`npm run bench -- --baseline-sandbox accord`
 * sets it to Accord's libs/temporal/src/workflow-worker, as compiled or as source) makes the worker as Accord's is made
 * (its bundle is then built with Accord's bundler options too). A path at run time, not an import: this file is
 * compiled on its own, without the repo's path aliases.
 * Usage: node -r @swc-node/register test/bench/baseline/worker.ts <temporal address> [prebuilt bundle]
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { baselineActivities } from './activities';

export const BASELINE_TASK_QUEUE = 'bench-baseline';

async function main(): Promise<void> {
  const address = process.argv[2] ?? '127.0.0.1:7233';
  const bundle = process.argv[3];
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const connection = await NativeConnection.connect({ address });
  const options = {
    connection,
    namespace: 'default',
    taskQueue: BASELINE_TASK_QUEUE,
    ...(bundle ? { workflowBundle: { codePath: bundle } } : { workflowsPath: require.resolve('./workflows') }),
    activities: baselineActivities,
  };
  const accordModule = process.env.BASELINE_WORKER_MODULE;
  const worker = accordModule
    ? await (require(accordModule) as { createWorkflowWorker(o: typeof options): Promise<Worker> }).createWorkflowWorker(options)
    : await Worker.create(options);
  const running = worker.run();
  console.log(`Baseline worker polling task queue ${BASELINE_TASK_QUEUE}`);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => worker.shutdown());
  await running;
  await connection.close();
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
