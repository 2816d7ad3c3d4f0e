/**
 * Versioning guard: every recorded history (test/fixtures/histories, one per branch) must replay against the
 * current workflow code. A change that breaks one needs patched() — or it would break running proposals.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { historyFromFileJson } from '../../test/support/history-files';
import { installQuietRuntime } from '../../test/support/temporal-binaries';

const dir = join(__dirname, '..', '..', 'test', 'fixtures', 'histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('replay of recorded histories', () => {
  it('has a history for every branch, from before and after each patch', () => {
    const branches = ['mou-signed-in-force', 'supplement-resubmit-then-withdraw', 'revision-then-reject', 'disagree-pm-consent-abandoned', 'timers-overdue-then-cancel'];
    // v1: before the agreement-lifecycle patch; v2: with it.
    for (const version of ['v1', 'v2']) expect(files).toEqual(expect.arrayContaining(branches.map((b) => `${b}.${version}.json`)));
  });

  it('replays every history without nondeterminism', async () => {
    installQuietRuntime();
    const workflowBundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./index'), logger: new DefaultLogger('WARN') });
    const histories = files.map((f) => ({ workflowId: f.replace(/\.json$/, ''), history: historyFromFileJson(readFileSync(join(dir, f), 'utf8')) }));
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
