/**
 * Records the Temporal event history of every branch of the proposal workflow into test/fixtures/histories/,
 * for the replay test that guards workflow changes (workflows/src/replay.workflow-spec.ts). Run after a deliberate,
 * patched() change only, with a new suffix so older histories stay as the guard:
 * `node -r @swc-node/register scripts/record-histories.ts v3`; names after the suffix record only those scenarios.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { SEARCH_ATTRIBUTES } from '@accord/temporal/contracts';
import { historyToFileJson } from '../test/support/history-files';
import { temporalBinary } from '../test/support/temporal-binaries';
import { bundleWorkflows, startTimeSkippingServer } from '../test/support/time-skipping';
import { proposalActivities, SCENARIOS, scenarioContext } from '../test/support/workflow-scenarios';
import { withTestWorker } from '../test/support/workflow-worker';

async function main(): Promise<void> {
  const [suffix, ...only] = process.argv.slice(2);
  if (!suffix || !/^v\d+$/.test(suffix)) throw new Error('usage: record-histories.ts v<N> (a new suffix: keep older histories)');
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const out = join(__dirname, '..', 'test', 'fixtures', 'histories');
  mkdirSync(out, { recursive: true });
  const bundle = await bundleWorkflows(); // once, for every scenario
  const unknown = only.filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown.length) throw new Error(`no scenario ${unknown.join(', ')}`);
  for (const scenario of SCENARIOS.filter((s) => !only.length || only.includes(s.name))) {
    // A fresh server per scenario: each starts at today's date, inside the seeded calendar years.
    // Scenarios that upsert search attributes need the dev server (the time-skipping server knows none of ours).
    const env =
      scenario.server === 'dev'
        ? await TestWorkflowEnvironment.createLocal({
            server: {
              executable: { type: 'existing-path', path: temporalBinary('temporal') },
              searchAttributes: SEARCH_ATTRIBUTES.map((name) => defineSearchAttributeKey(name, SearchAttributeType.KEYWORD)),
            },
          })
        : await startTimeSkippingServer();
    try {
      const ctx = scenarioContext();
      const activities = (scenario.activities ?? proposalActivities)(ctx);
      const run = await withTestWorker({ env, bundle, activities, queuePrefix: 'record' }, (taskQueue) =>
        scenario.run(env, taskQueue, ctx),
      );
      const { workflowId, runId } = typeof run === 'string' ? { workflowId: run, runId: undefined } : run;
      const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
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
