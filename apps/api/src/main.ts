import './tracing';
import 'reflect-metadata';
import { ConfigError, loadConfig } from '@accord/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen(config.PORT, config.HOST!);
  console.log(
    `Accord api listening on http://${config.HOST}:${config.PORT} (Swagger UI /api/docs)${config.ACCORD_DEV_MODE ? ' in development mode' : ''}`,
  );
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
