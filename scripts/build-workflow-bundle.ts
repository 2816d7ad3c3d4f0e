// Production builds ship a prebuilt workflow bundle (temporalio samples: production/build-workflow-bundle).
import { writeFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { WORKFLOW_BUNDLER_OPTIONS } from '@accord/temporal/workflow-bundler';

async function main(): Promise<void> {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows/src'), ...WORKFLOW_BUNDLER_OPTIONS });
  const out = resolve(__dirname, '../dist/workflow-bundle.js');
  mkdirSync(resolve(out, '..'), { recursive: true });
  writeFileSync(out, code);
  console.log(`workflow bundle: ${out} (${(code.length / 1024).toFixed(0)} KiB)`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
