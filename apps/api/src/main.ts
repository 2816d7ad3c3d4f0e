import './tracing';
import 'reflect-metadata';
import { ConfigError, loadConfig } from '../../../libs/config/src';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApiApp(config);
  await app.listen(config.PORT, '0.0.0.0');
  console.log(`Accord api listening on http://127.0.0.1:${config.PORT} (Swagger UI /api/docs)`);
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
