/**
 * What every workflow bundle of Accord is built with (the prebuilt production bundle, the worker bundling the
 * sources at start in development, the workflow tests, the bench and the drills): the libs' path alias and the
 * sandbox's stack-trace limit. Workflow code imports `@accord/domain` and `@accord/temporal/contracts` (tsconfig.base.json `paths`), which webpack resolves only
 * when told to. Not exported from this library's index: only bundling code needs it, and it reads the file system.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BundleOptions } from '@temporalio/worker';

type WebpackConfigHook = NonNullable<BundleOptions['webpackConfigHook']>;

/** libs/ beside this library: the sources under the dev loader, dist/libs in compiled output. */
const LIBS_DIR = resolve(__dirname, '..', '..');

/** `@accord/<lib>` → the folder of `libs/<lib>/src`, for every lib (webpack matches `@accord/<lib>/<path>` too). */
export function libsAliases(libsDir: string = LIBS_DIR): Record<string, string> {
  return Object.fromEntries(
    readdirSync(libsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(join(libsDir, entry.name, 'src')))
      .map((entry) => [`@accord/${entry.name}`, join(libsDir, entry.name, 'src')]),
  );
}

/** Adds the libs' alias to the SDK's webpack configuration, keeping the SDK's own aliases. */
export const withLibsAliases: WebpackConfigHook = (config) => ({
  ...config,
  resolve: { ...config.resolve, alias: { ...(config.resolve?.alias as Record<string, string | false> | undefined), ...libsAliases() } },
});

/**
 * Options for bundleWorkflowCode (with workflowsPath and a logger) and Worker.create's `bundlerOptions`: the libs'
 * alias, and the sandbox's stack-trace limit set before any workflow runs (workflow-stack-limit.ts).
 */
export const WORKFLOW_BUNDLER_OPTIONS: Required<Pick<BundleOptions, 'webpackConfigHook' | 'preloadModules'>> = {
  webpackConfigHook: withLibsAliases,
  preloadModules: [require.resolve('./workflow-stack-limit')],
};
