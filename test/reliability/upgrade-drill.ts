/**
 * Upgrade drill (docs/reliability.md, "Upgrades that lose nothing"): proposals start on build A, the worker is
 * redeployed with build B whose proposal workflow differs behind `patched('drill-build-b')`, and then
 *   - the running proposals finish right on B (no workflow task failure: no non-determinism), and
 *   - new proposals take B's path (B's marker in their history, B's query answers).
 * Build B is generated for the drill in workflows/.drill-build-b/ (git-ignored) and removed afterwards.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { proposalWorkflowId } from '@accord/temporal/contracts';
import { buildWorkflowBundle, type Stack } from '../bench/stack';
import { continueMou, driveMou } from '../support/drive';
import { mouBody } from '../support/fixtures';
import { ROOT } from '../support/processes';
import type { DrillCheck } from './stranded-drills';

const PATCH = 'drill-build-b';

/** Build B: every workflow of build A, and a proposal workflow that, behind a patch, answers which build it runs. */
const BUILD_B = `import { defineQuery, patched, setHandler } from '@temporalio/workflow';
import type { ProposalState, ProposalWorkflowInput } from '@accord/temporal/contracts';
import { proposalWorkflow as buildA } from '../src/proposal.workflow';
export { agreementWorkflow, reportCycleWorkflow, planFollowUpWorkflow, commitmentsSyncWorkflow } from '../src';
const buildQuery = defineQuery<string>('accordBuild');
export async function proposalWorkflow(input: ProposalWorkflowInput): Promise<ProposalState> {
  if (patched('${PATCH}')) setHandler(buildQuery, () => 'B');
  return buildA(input);
}
`;

async function historyFacts(
  client: TemporalClient,
  proposalId: string,
): Promise<{ taskFailures: number; markerB: boolean; build: string }> {
  const handle = client.workflow.getHandle(proposalWorkflowId('HT', proposalId));
  const history = await handle.fetchHistory();
  const events = history.events ?? [];
  const taskFailures = events.filter((e) => e.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED).length;
  // A patch marker (core_patch) carries the patch id in one of its detail payloads.
  const markerB = events.some((e) =>
    Object.values(e.markerRecordedEventAttributes?.details ?? {}).some((d) =>
      (d.payloads ?? []).some((p) => p.data && Buffer.from(p.data).toString().includes(PATCH)),
    ),
  );
  let build = 'A';
  try {
    build = await handle.query<string>('accordBuild');
  } catch {
    /* no such query: build A's code path */
  }
  return { taskFailures, markerB, build };
}

export async function upgradeDrill(stack: Stack, log: (line: string) => void): Promise<DrillCheck[]> {
  const dir = join(ROOT, 'workflows', '.drill-build-b');
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const client = new TemporalClient({ connection });
  try {
    // On build A: proposals waiting at two different stages.
    const running = await Promise.all([
      ...Array.from({ length: 2 }, (_, i) =>
        driveMou(stack.apiUrl, { until: 'CONSULTATION', body: mouBody({ title: `Upgrade drill A→B consultation #${i}` }) }),
      ),
      ...Array.from({ length: 2 }, (_, i) =>
        driveMou(stack.apiUrl, { until: 'DECISION', body: mouBody({ title: `Upgrade drill A→B decision #${i}` }) }),
      ),
    ]);
    log(`upgrade drill: ${running.length} proposals running on build A; deploying build B`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.ts'), BUILD_B);
    const bundleB = await buildWorkflowBundle(join(stack.root, 'workflow-bundle-b.js'), join(dir, 'index.ts'));
    await stack.switchWorkerBundle(bundleB);

    const finished = await Promise.all(
      running.map((p) =>
        continueMou(stack.apiUrl, p, { until: 'IN_FORCE' }).then(
          (r) => r.status,
          (e: Error) => e.message,
        ),
      ),
    );
    const fresh = await Promise.all(
      Array.from({ length: 2 }, (_, i) => driveMou(stack.apiUrl, { until: 'DECISION', body: mouBody({ title: `Upgrade drill B #${i}` }) })),
    );
    const old = await Promise.all(running.map((p) => historyFacts(client, p.id)));
    const now = await Promise.all(fresh.map((p) => historyFacts(client, p.id)));
    const oldOk = finished.every((s) => s === 'IN_FORCE') && old.every((f) => f.taskFailures === 0 && !f.markerB && f.build === 'A');
    const newOk = fresh.every((p) => p.status === 'DECISION') && now.every((f) => f.taskFailures === 0 && f.markerB && f.build === 'B');
    const detail = (facts: typeof old) =>
      facts.map((f) => `${f.build}${f.markerB ? '+marker' : ''}/${f.taskFailures} task failures`).join(', ');
    log(
      `upgrade drill: running ones ${finished.join(', ')} (${detail(old)}); new ones ${fresh.map((p) => p.status).join(', ')} (${detail(now)})`,
    );
    return [
      {
        name: 'upgrade A→B: running proposals finish right on build B (no non-determinism)',
        ok: oldOk,
        detail: `${finished.join(', ')}; ${detail(old)}`,
      },
      { name: "upgrade A→B: new proposals take build B's path", ok: newOk, detail: detail(now) },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await connection.close();
  }
}
