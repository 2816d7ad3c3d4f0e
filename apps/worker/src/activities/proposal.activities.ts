import type { DataSource } from 'typeorm';
import { applyAgreementEvent, applyTransition, loadAgreement } from '../../../../libs/persistence/src';
import type { AgreementActivities, ProposalActivities } from '../../../../libs/temporal/src';

/** Activities get their dependencies from a factory (temporalio samples: activities-dependency-injection). */
export function createProposalActivities(deps: { dataSource: DataSource }): ProposalActivities {
  return {
    applyTransition: (transition) => applyTransition(deps.dataSource, transition),
  };
}

export function createAgreementActivities(deps: { dataSource: DataSource }): AgreementActivities {
  return {
    loadAgreement: (agreementId) => loadAgreement(deps.dataSource, agreementId),
    applyAgreementEvent: (event) => applyAgreementEvent(deps.dataSource, event),
  };
}
