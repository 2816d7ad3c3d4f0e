/**
 * Drives the baseline workflow with the shape Accord's run had: per proposal a start plus a `sync` Update (what
 * POST /proposals does against Temporal), then the decisions in the same batches (a consultation stage's tasks
 * decided at the same time), with the same number of proposals in flight.
 */
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { baselineDecideUpdate, baselineSyncUpdate, baselineWorkflow } from './workflows';
import { BASELINE_TASK_QUEUE } from './worker';

export interface BaselineOptions {
  address: string;
  proposals: number;
  concurrency: number;
  /** Decisions per step of one proposal, e.g. [1, 3, 1, 1]: the shape measured in Accord's run. */
  batches: number[];
}

export interface BaselineResult {
  startedAt: number;
  endedAt: number;
  decisions: number;
  latencies: { submit: number[]; complete: number[] };
}

export async function runBaseline(options: BaselineOptions): Promise<BaselineResult> {
  const connection = await Connection.connect({ address: options.address });
  const client = new Client({ connection, namespace: 'default' });
  const runId = randomBytes(4).toString('hex');
  const total = options.batches.reduce((a, b) => a + b, 0);
  const latencies = { submit: [] as number[], complete: [] as number[] };
  let decisions = 0;
  let next = 0;
  const one = async (i: number) => {
    const t0 = performance.now();
    const handle = await client.workflow.start(baselineWorkflow, {
      workflowId: `baseline-${runId}-${i}`,
      taskQueue: BASELINE_TASK_QUEUE,
      args: [{ decisions: total }],
    });
    await handle.executeUpdate(baselineSyncUpdate);
    latencies.submit.push(performance.now() - t0);
    let task = 0;
    for (const size of options.batches) {
      await Promise.all(
        Array.from({ length: size }, async () => {
          const taskId = `t${task++}`;
          const t = performance.now();
          await handle.executeUpdate(baselineDecideUpdate, { args: [{ taskId }] });
          latencies.complete.push(performance.now() - t);
          decisions += 1;
        }),
      );
    }
  };
  const startedAt = Date.now();
  await Promise.all(
    Array.from({ length: Math.max(1, options.concurrency) }, async () => {
      for (let i = next++; i < options.proposals; i = next++) await one(i);
    }),
  );
  const endedAt = Date.now();
  await connection.close();
  return { startedAt, endedAt, decisions, latencies };
}
