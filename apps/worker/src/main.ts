import './tracing';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@accord/config';
import { startWorkerMetrics } from './metrics';

async function main(): Promise<void> {
  // Imported late so that a configuration error is reported readably, not as a stack trace.
  const { WorkerModule } = await import('./worker.module');
  // Before the Temporal connection exists: the SDK's metrics exporter is part of its runtime.
  await startWorkerMetrics(loadConfig(process.env, { requireJwtSecret: false }).WORKER_METRICS_PORT);
  const app = await NestFactory.createApplicationContext(WorkerModule);
  app.enableShutdownHooks();
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
