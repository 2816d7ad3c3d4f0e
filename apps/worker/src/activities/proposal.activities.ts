import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { DataSource } from 'typeorm';
import { applyAgreementEvent, applyTransition, closeIncident, isPermanentError, loadAgreement, openIncident } from '@accord/persistence';
import { POISONED_STEP, type AgreementActivities, type ProposalActivities } from '@accord/temporal';

/** Attempts before an error that looks permanent is handed to an administrator (the first ones may be a race). */
const ATTEMPTS_BEFORE_INCIDENT = 3;

/**
 * Runs an activity body; an error that retrying will not cure (isPermanentError), seen on the third attempt, becomes a
 * non-retryable PoisonedStep failure: the workflow then opens an incident and waits for an administrator's retry
 * instead of retrying for ever in silence. Transient errors (a database restart) keep being retried.
 */
export async function poisonAware<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isPermanentError(err) && Context.current().info.attempt >= ATTEMPTS_BEFORE_INCIDENT) {
      const code = (err as { code?: string }).code;
      throw ApplicationFailure.create({
        type: POISONED_STEP,
        nonRetryable: true,
        message: `${code ? `${code}: ` : ''}${(err as Error).message}`,
        details: [{ code: code ?? (err as Error).name }],
      });
    }
    throw err;
  }
}

/** Activities get their dependencies from a factory (temporalio samples: activities-dependency-injection). */
export function createProposalActivities(deps: { dataSource: DataSource }): ProposalActivities {
  return {
    applyTransition: (transition) => poisonAware(() => applyTransition(deps.dataSource, transition)),
    openIncident: (incident) => openIncident(deps.dataSource, incident),
    closeIncident: ({ incidentId, at }) => closeIncident(deps.dataSource, incidentId, at),
  };
}

export function createAgreementActivities(deps: { dataSource: DataSource }): AgreementActivities {
  return {
    loadAgreement: (agreementId) => loadAgreement(deps.dataSource, agreementId),
    applyAgreementEvent: (event) => applyAgreementEvent(deps.dataSource, event),
  };
}
