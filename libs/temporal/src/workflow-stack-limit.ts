/**
 * Loaded once into the workflow sandbox before any workflow (the bundler's `preloadModules`, workflow-bundler.ts),
 * while the sandbox's globals can still be changed: the number of frames a stack trace keeps in workflow code.
 *
 * The Temporal SDK records a stack trace for every promise workflow code creates (a V8 promise hook, for its
 * stack-trace query), mapping each frame through the bundle's source map; in a profile of the worker under the bench
 * that was about 40 % of the workflow thread. V8 takes at most `Error.stackTraceLimit` frames (10 by default), and the
 * sandbox's Error is its own, so this limit applies to workflow code only. With 4, an error thrown in a workflow keeps
 * its throw site and three callers, source-mapped, and the stack-trace query shows two frames of each pending promise
 * (the promise hook's own two come first). Measured in docs/benchmarks.md (fifth stop).
 */
export const WORKFLOW_STACK_TRACE_LIMIT = 4;

Error.stackTraceLimit = WORKFLOW_STACK_TRACE_LIMIT;
