// Runs pending TypeORM migrations against DATABASE_MIGRATION_URL (else DATABASE_URL), then, with --seed only, seeds
// the demo data into an empty database.
import 'reflect-metadata';
import { countUsers, createDataSource, seedDemoData } from '@accord/persistence';

async function main(): Promise<void> {
  // The owning role when the api and worker connect as a lesser one (docs/deploy.md, "Database roles").
  const url = process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_MIGRATION_URL or DATABASE_URL must be set');
  const ds = createDataSource({ url, poolSize: 1 });
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    console.log(`migrate: ${applied.length ? applied.map((m) => m.name).join(', ') : 'schema up to date'}`);
    if (process.argv.includes('--seed')) {
      // Asked for explicitly (compose: ACCORD_SEED=--seed); still worth a line in a production log.
      if (process.env.NODE_ENV === 'production')
        console.warn('seed: WARNING: demo users with the public password accord-demo are being seeded in production');
      if ((await countUsers(ds)) === 0 || process.argv.includes('--force')) {
        const seeded = await seedDemoData(ds);
        console.log(`seed: ${seeded.users} demo users, ${seeded.holidays} calendar days`);
      } else {
        console.log('seed: database has users; demo data not seeded');
      }
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`migrate: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
