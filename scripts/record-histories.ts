/**
 * Records the Temporal event history of every branch of the proposal workflow into test/fixtures/histories/,
 * for the replay test that guards workflow changes (workflows/src/replay.test.ts). Run after a deliberate,
 * patched() change only, with a new suffix so older histories stay as the guard:
 * `node -r @swc-node/register scripts/record-histories.ts v3`; names after the suffix record only those scenarios.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { SEARCH_ATTRIBUTES } from '../libs/temporal/src/contracts';
import { historyToFileJson } from '../test/support/history-files';
import { temporalBinary } from '../test/support/temporal-binaries';
import { startTimeSkippingServer } from '../test/support/time-skipping';
import { SCENARIOS } from '../test/support/workflow-scenarios';

async function main(): Promise<void> {
  const [suffix, ...only] = process.argv.slice(2);
  if (!suffix || !/^v\d+$/.test(suffix)) throw new Error('usage: record-histories.ts v<N> (a new suffix: keep older histories)');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const out = join(__dirname, '..', 'test', 'fixtures', 'histories');
  mkdirSync(out, { recursive: true });
  const unknown = only.filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown.length) throw new Error(`no scenario ${unknown.join(', ')}`);
  for (const scenario of SCENARIOS.filter((s) => !only.length || only.includes(s.name))) {
    // A fresh server per scenario: each starts at today's date, inside the seeded calendar years.
    // Scenarios that upsert search attributes need the dev server (the time-skipping server knows none of ours).
    const env = scenario.server === 'dev'
      ? await TestWorkflowEnvironment.createLocal({
        server: {
          executable: { type: 'existing-path', path: temporalBinary('temporal') },
          searchAttributes: SEARCH_ATTRIBUTES.map((name) => defineSearchAttributeKey(name, SearchAttributeType.KEYWORD)),
        },
      })
      : await startTimeSkippingServer();
    try {
      const taskQueue = `record-${randomUUID()}`;
      const worker = await Worker.create({
        connection: env.nativeConnection, taskQueue, workflowsPath: require.resolve('../workflows/src'),
        activities: {
          async applyTransition() {},
          // A registry entry far in the future: the agreement workflow just waits.
          async loadAgreement() {
            return { status: 'IN_FORCE' as const, signedOn: '2026-01-01', expiresOn: '2099-01-01', leadAgency: 'HT-SCT', proposalId: 'p' };
          },
          async applyAgreementEvent() {},
        },
      });
      const workflowId = await worker.runUntil(scenario.run(env, taskQueue));
      const history = await env.client.workflow.getHandle(workflowId).fetchHistory();
      writeFileSync(join(out, `${scenario.name}.${suffix}.json`), historyToFileJson(history));
      console.log(`recorded ${scenario.name}: ${history.events?.length} events`);
    } finally {
      await env.teardown();
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
