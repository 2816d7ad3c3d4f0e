// One audit checkpoint on demand (the worker takes one every AUDIT_CHECKPOINT_INTERVAL): before a backup, an export or
// a hand-over, an operator anchors the chain's head now. Same configuration as the worker (DATABASE_URL,
// AUDIT_CHECKPOINT_KEY, AUDIT_CHECKPOINT_DIR); one per province (each has its own chain), printed as the worker logs it.
//   docker compose -f docker/compose.yaml run --rm worker node dist/scripts/audit-checkpoint.js
import 'reflect-metadata';
import { ConfigError, loadConfig } from '@accord/config';
import {
  auditCheckpointDir,
  createDataSource,
  installTenancy,
  listProvinceCodes,
  runInProvince,
  takeAuditCheckpoint,
} from '@accord/persistence';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.AUDIT_CHECKPOINT_KEY) throw new Error('AUDIT_CHECKPOINT_KEY is not set');
  const key = config.AUDIT_CHECKPOINT_KEY;
  const ds = createDataSource({ url: config.DATABASE_URL, poolSize: 1 });
  await ds.initialize();
  // As the worker does: as accord_app, one province at a time (row-level security shows each its own chain).
  installTenancy(ds);
  try {
    for (const province of await listProvinceCodes(ds)) {
      const dir = auditCheckpointDir(config.AUDIT_CHECKPOINT_DIR, province);
      const outcome = await runInProvince(province, () => takeAuditCheckpoint(ds, key, dir, new Date()));
      if (outcome.written) console.log(`audit checkpoint ${province} ${JSON.stringify(outcome.checkpoint)}`);
      else if (outcome.reason === 'mismatch')
        throw new Error(`the audit chain of ${province} does not match its latest checkpoint, none written: ${outcome.problem}`);
      else
        console.log(
          `audit checkpoint ${province}: none written (${outcome.reason === 'empty' ? 'no audit events yet' : 'the latest checkpoint is the head already'})`,
        );
    }
  } finally {
    await ds.destroy();
  }
}

main().catch((err: unknown) => {
  console.error(`audit-checkpoint: ${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
