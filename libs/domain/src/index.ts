export * from './proposal/proposal.types';
export * from './tasks/task.types';
export * from './routing/plan.types';
export * from './routing/routing-policy';
export * from './routing/default-policy';
export * from './routing/stage-status';
export * from './calendar';
