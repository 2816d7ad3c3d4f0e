import type { DataSource } from 'typeorm';
import { applyTransition } from '../../../../libs/persistence/src';
import type { ProposalActivities } from '../../../../libs/temporal/src';

/** Activities get their dependencies from a factory (temporalio samples: activities-dependency-injection). */
export function createProposalActivities(deps: { dataSource: DataSource }): ProposalActivities {
  return {
    applyTransition: (transition) => applyTransition(deps.dataSource, transition),
  };
}
