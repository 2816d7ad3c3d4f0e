/**
 * Versioning guard: every recorded history (test/fixtures/histories, one per branch of every workflow type) must
 * replay against the current workflow code. A change that breaks one needs patched() — or it would break running
 * workflows. What each history holds is checked in replay-corpus.workflow-spec.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { historyFromFileJson } from '../../test/support/history-files';
import { bundleWorkflows } from '../../test/support/time-skipping';

const dir = join(__dirname, '..', '..', 'test', 'fixtures', 'histories');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('replay of recorded histories', () => {
  it('has a history for every branch, from before and after each patch', () => {
    const branches = [
      'mou-signed-in-force',
      'supplement-resubmit-then-withdraw',
      'revision-then-reject',
      'disagree-pm-consent-abandoned',
      'timers-overdue-then-cancel',
    ];
    // v1: before the agreement-lifecycle patch; v2: with it.
    for (const version of ['v1', 'v2']) expect(files).toEqual(expect.arrayContaining(branches.map((b) => `${b}.${version}.json`)));
    // As production runs it, with the status and stage search attributes upserted (recorded on the dev server).
    expect(files).toContain('mou-with-search-attributes.v2.json');
    // v3: with the intake-plan-amendment patch (policy 2026.2, issue 13).
    expect(files).toContain('intake-amendment-disagree-no-pm-consent.v3.json');
    // v4: every workflow type (agreement, report cycle, plan follow-up, commitments sync) and the remaining proposal
    // kinds, procedures and branches, with the patches of v3 and incidents-v1.
    expect(files.filter((f) => f.endsWith('.v4.json')).length).toBeGreaterThanOrEqual(15);
  });

  it('replays every history without nondeterminism', async () => {
    const workflowBundle = await bundleWorkflows();
    const histories = files.map((f) => ({
      workflowId: f.replace(/\.json$/, ''),
      history: historyFromFileJson(readFileSync(join(dir, f), 'utf8')),
    }));
    expect(histories.length).toBe(files.length);
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories({ workflowBundle }, histories)) {
      replayed += 1;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(files.length);
  });
});
