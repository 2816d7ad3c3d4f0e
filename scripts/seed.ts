// `npm run seed`: migrations, then the demo data of docs/api.md (idempotent: inserts what is missing).
import 'reflect-metadata';
import { createDataSource, seedDemoData } from '@accord/persistence';

async function main(): Promise<void> {
  // The owning role when the api and worker connect as a lesser one (docs/deploy.md, "Database roles").
  const url = process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_MIGRATION_URL or DATABASE_URL must be set');
  const ds = createDataSource({ url, poolSize: 1 });
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const seeded = await seedDemoData(ds);
    console.log(`seed: ${seeded.users} demo users and ${seeded.holidays} calendar days added`);
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`seed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
