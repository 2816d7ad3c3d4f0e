import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { UpdateRejection } from '../../../../libs/temporal/src';
import { badRequest, conflict, forbidden, ProblemException, unavailable } from './problem-details.filter';

const REJECTION_STATUS: Record<string, (detail: string) => ProblemException> = {
  [UpdateRejection.TASK_NOT_FOUND]: conflict,
  [UpdateRejection.TASK_NOT_OPEN]: conflict,
  [UpdateRejection.TASK_PAUSED]: conflict,
  [UpdateRejection.NOT_WITHDRAWABLE]: conflict,
  [UpdateRejection.NOT_CANDIDATE]: (d) => forbidden(d, 'candidate-agency'),
  [UpdateRejection.FOUR_EYES]: (d) => forbidden(d, 'four-eyes'),
  [UpdateRejection.DECISION_NOT_ALLOWED]: (d) => badRequest(d, [{ field: 'decision', message: d }]),
  [UpdateRejection.INVALID_INPUT]: (d) => badRequest(d),
};

/** Maps a refused or failed workflow Update to the HTTP problem a client should see. */
export function workflowUpdateError(err: unknown): ProblemException {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const make = REJECTION_STATUS[err.cause.type ?? ''];
    if (make) return make(err.cause.message);
  }
  if (err instanceof WorkflowNotFoundError) return conflict('The proposal is no longer running');
  const message = err instanceof Error ? err.message : String(err);
  if (/already completed|not found/i.test(message)) return conflict('The proposal is no longer running');
  return unavailable(`The workflow engine did not answer: ${message}`);
}
