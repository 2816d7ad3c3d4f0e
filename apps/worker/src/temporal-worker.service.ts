import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Context } from '@temporalio/activity';
import { OpenTelemetryActivityInboundInterceptor } from '@temporalio/interceptors-opentelemetry';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { tracingEnabled } from '@accord/telemetry';
import { DataSource } from 'typeorm';
import { AppConfig } from '@accord/config';
import { TASK_QUEUE } from '@accord/temporal';
import { WORKFLOW_BUNDLER_OPTIONS } from '@accord/temporal/workflow-bundler';
import { createWorkflowWorker } from '@accord/temporal/workflow-worker';
import { createAgreementActivities, createProposalActivities } from './activities/proposal.activities';
import { createCommitmentsSyncActivities, createPlanActivities, createReportCycleActivities } from './activities/reporting.activities';
import { provinceActivityInterceptors } from './province-interceptor';

/** Production ships a prebuilt bundle (WORKFLOW_BUNDLE_PATH, from npm run build); development bundles the source at start. */
function workflowSource(
  config: AppConfig,
): { workflowBundle: { codePath: string } } | { workflowsPath: string; bundlerOptions: typeof WORKFLOW_BUNDLER_OPTIONS } {
  const bundle = config.WORKFLOW_BUNDLE_PATH;
  if (bundle) {
    if (!existsSync(bundle)) throw new Error(`WORKFLOW_BUNDLE_PATH ${bundle} does not exist; run npm run build`);
    return { workflowBundle: { codePath: resolve(bundle) } };
  }
  return { workflowsPath: require.resolve('../../../workflows/src'), bundlerOptions: WORKFLOW_BUNDLER_OPTIONS };
}

/** Hosts the Temporal Worker: keeps the run() promise, shuts down and awaits it, then closes the connection. */
@Injectable()
export class TemporalWorkerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TemporalWorkerService.name);
  private connection?: NativeConnection;
  private worker?: Worker;
  private running?: Promise<void>;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.connection = await NativeConnection.connect({ address: this.config.TEMPORAL_ADDRESS });
    // Every activity acts for its workflow's province; with tracing on, every activity execution is also a span
    // (exported like the api's), taken outside the province scope so that it covers the whole execution.
    const activity = [
      ...(tracingEnabled() ? [(ctx: Context) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx) })] : []),
      provinceActivityInterceptors,
    ];
    this.worker = await createWorkflowWorker(
      {
        interceptors: { activity },
        connection: this.connection,
        namespace: this.config.TEMPORAL_NAMESPACE,
        taskQueue: TASK_QUEUE,
        ...workflowSource(this.config),
        ...(this.config.WORKER_MAX_CACHED_WORKFLOWS !== undefined ? { maxCachedWorkflows: this.config.WORKER_MAX_CACHED_WORKFLOWS } : {}),
        activities: {
          ...createProposalActivities({ dataSource: this.dataSource }),
          ...createAgreementActivities({ dataSource: this.dataSource }),
          ...createPlanActivities({ dataSource: this.dataSource }),
          ...createReportCycleActivities({ dataSource: this.dataSource }),
          ...createCommitmentsSyncActivities({ dataSource: this.dataSource, url: this.config.COMMITMENTS_SYNC_URL }),
        },
      },
      {
        isolateExecutionTimeoutMs: this.config.WORKER_ISOLATE_EXECUTION_TIMEOUT_MS,
        workflowThreads: this.config.WORKER_WORKFLOW_THREADS,
        stackTraces: this.config.WORKER_WORKFLOW_STACK_TRACES,
      },
    );
    this.running = this.worker.run();
    this.running.catch((err: unknown) => {
      this.logger.error(`Worker stopped: ${String(err)}`);
      process.exitCode = 1;
    });
    this.logger.log(`Worker polling task queue ${TASK_QUEUE} on ${this.config.TEMPORAL_ADDRESS}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.worker && this.worker.getState() === 'RUNNING') this.worker.shutdown();
    await this.running?.catch(() => undefined);
    await this.connection?.close();
  }
}
