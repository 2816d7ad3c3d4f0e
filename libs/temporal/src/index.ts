/**
 * What the workflow bundle and its callers share: contracts (workflow, Update, signal and activity types, ids, search
 * attributes) and the outbox command dispatch. The api's Nest client module lives in apps/api/src/temporal, so this
 * library carries no NestJS.
 */
export * from './contracts';
export * from './command-dispatch';
