/**
 * The workflow tests' Temporal: the Java time-skipping test server from the repo's venv (never the SDK's download)
 * and the workflows bundled once per test file, as the Temporal + Jest notes in DEVELOPERS.md ask.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { WORKFLOW_BUNDLER_OPTIONS } from '@accord/temporal/workflow-bundler';
import { installQuietRuntime, temporalBinary } from './temporal-binaries';

const WORKFLOWS = require.resolve('../../workflows/src/index');

/** A fresh time-skipping server; its clock starts at today's date. */
export function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  installQuietRuntime();
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: temporalBinary('temporal-test-server') } },
  });
}

/** The workflows of workflows/src (or of another module, for tests of the sandbox itself), bundled as the worker bundles them. */
export function bundleWorkflows(workflowsPath: string = WORKFLOWS): Promise<WorkflowBundleWithSourceMap> {
  installQuietRuntime();
  return bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('WARN'), ...WORKFLOW_BUNDLER_OPTIONS });
}

/**
 * One server and one bundle for the test file that calls this (in its describe block): started before its tests,
 * torn down after them. Read them through the getters once the tests run.
 */
export function useTimeSkipping(workflowsPath?: string): {
  readonly env: TestWorkflowEnvironment;
  readonly bundle: WorkflowBundleWithSourceMap;
} {
  let env: TestWorkflowEnvironment | undefined;
  let bundle: WorkflowBundleWithSourceMap | undefined;
  beforeAll(async () => {
    [env, bundle] = await Promise.all([startTimeSkippingServer(), bundleWorkflows(workflowsPath)]);
  });
  afterAll(async () => {
    await env?.teardown();
  });
  return {
    get env() {
      if (!env) throw new Error('the time-skipping server is not started yet (use it inside a test)');
      return env;
    },
    get bundle() {
      if (!bundle) throw new Error('the workflows are not bundled yet (use them inside a test)');
      return bundle;
    },
  };
}
