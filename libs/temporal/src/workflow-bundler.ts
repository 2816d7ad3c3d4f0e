/**
 * What every workflow bundle of Accord is built with (the prebuilt production bundle, the worker bundling the
 * sources at start in development, the workflow tests, the bench and the drills): the libs' path alias, the
 * sandbox's stack-trace limit and the libraries all workflows share. Workflow code imports `@accord/domain` and
 * `@accord/temporal/contracts` (tsconfig.base.json `paths`), which webpack resolves only when told to. Not exported from this library's index: only bundling code needs it, and it reads the file system.
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
 * The stateless libraries workflow code imports, loaded once into the sandbox and shared by every workflow (the SDK's
 * `preloadModules`) instead of evaluated again for each new workflow: @accord/domain (rules, calendars, plans) and the
 * Temporal contracts. Shared is safe because they keep no per-workflow state: no module-level variable but
 * deterministic caches (the country-name formatters), nothing that reads the clock, randomness or the workflow's
 * info at load. The SDK freezes what they export once loaded, so a change that mutated an export would fail in the
 * workflow tests. Keep it so, or take the module off this list. Measured in docs/benchmarks.md (fifth stop).
 */
const SHARED_WORKFLOW_LIBS = [join(LIBS_DIR, 'domain', 'src'), join(LIBS_DIR, 'temporal', 'src', 'contracts')];

/**
 * Options for bundleWorkflowCode (with workflowsPath and a logger) and Worker.create's `bundlerOptions`: the libs'
 * alias, the sandbox's stack-trace limit set before any workflow runs (workflow-sandbox-setup.ts) and the shared libs.
 */
export const WORKFLOW_BUNDLER_OPTIONS: Required<Pick<BundleOptions, 'webpackConfigHook' | 'preloadModules'>> = {
  webpackConfigHook: withLibsAliases,
  preloadModules: [require.resolve('./workflow-sandbox-setup'), ...SHARED_WORKFLOW_LIBS],
};
