/**
 * Loaded once into the workflow sandbox before any workflow (the bundler's `preloadModules`, workflow-bundler.ts),
 * while the sandbox's globals can still be changed (the SDK freezes them afterwards). The sandbox's Error is its own,
 * so the limit applies to workflow code only: workflow-stack-limit.ts says why and how many.
 */
import { WORKFLOW_STACK_TRACE_LIMIT } from './workflow-stack-limit';

Error.stackTraceLimit = WORKFLOW_STACK_TRACE_LIMIT;
