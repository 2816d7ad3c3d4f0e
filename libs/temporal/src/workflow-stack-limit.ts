/**
 * The number of frames a stack trace keeps in workflow code (set in the sandbox by workflow-sandbox-setup.ts; this
 * module only states it, so that tests can read it without changing their own realm's limit).
 *
 * The Temporal SDK records a stack trace for every promise workflow code creates (a V8 promise hook, for its
 * stack-trace query), mapping each frame through the bundle's source map; in a profile of the worker under the bench
 * that was about 40 % of the workflow thread. V8 takes at most `Error.stackTraceLimit` frames (10 by default). With
 * 5, an error thrown in a workflow keeps its throw site and four callers, source-mapped, and the stack-trace query keeps
 * three or four frames of each pending promise after the hook's own (one or two): enough for the SDK to recognise the
 * promises `Promise.all` and `Promise.race` make for themselves, whose pattern needs the frame after theirs (with 3 it
 * no longer does: sandbox.workflow-spec.ts).
 * Measured in docs/benchmarks.md (fifth stop).
 */
export const WORKFLOW_STACK_TRACE_LIMIT = 5;
