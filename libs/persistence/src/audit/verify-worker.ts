/**
 * A worker thread of `verifyAuditChain`: verifies one stretch of the audit chain over its own connection and
 * posts the RangeResult (or the error) back. Loaded by file path, in TypeScript under the dev loader (workers
 * inherit the parent's -r @swc-node/register) or compiled.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Client } from 'pg';
import { verifyRange, type RowReader, type VerifyWorkerInput } from './audit-verify';

async function main(input: VerifyWorkerInput): Promise<void> {
  const client = new Client({ connectionString: input.databaseUrl, application_name: 'accord-audit-verify' });
  await client.connect();
  try {
    // As installTenancy does for the pool (libs/persistence/src/tenancy): the role row-level security applies to, and
    // the caller's province, so the stretch read is that province's chain.
    if (input.province)
      await client.query(`SELECT set_config('role', 'accord_app', false), set_config('accord.province', $1, false)`, [input.province]);
    const read: RowReader = async (sql, params) => (await client.query(sql, params)).rows;
    parentPort!.postMessage({ result: await verifyRange(read, input.afterSeq, input.lastSeq, input.batchSize) });
  } finally {
    await client.end();
  }
}

main(workerData as VerifyWorkerInput).catch((err: unknown) =>
  parentPort!.postMessage({ error: err instanceof Error ? err.message : String(err) }),
);
