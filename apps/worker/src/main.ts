import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError } from '../../../libs/config/src';

async function main(): Promise<void> {
  // Imported late so that a configuration error is reported readably, not as a stack trace.
  const { WorkerModule } = await import('./worker.module');
  const app = await NestFactory.createApplicationContext(WorkerModule);
  app.enableShutdownHooks();
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
