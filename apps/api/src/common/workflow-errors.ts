import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { UpdateRejection } from '@accord/temporal';
import { badRequest, conflict, forbidden, ProblemException, unavailable } from './problem-details.filter';

/** Each rejection keeps its UpdateRejection name as its `code` (docs/api.md, "Error codes"). */
const REJECTION_STATUS: Record<string, (detail: string) => ProblemException> = {
  [UpdateRejection.TASK_NOT_FOUND]: (d) => conflict(d, 'TASK_NOT_FOUND'),
  [UpdateRejection.TASK_NOT_OPEN]: (d) => conflict(d, 'TASK_NOT_OPEN'),
  [UpdateRejection.TASK_PAUSED]: (d) => conflict(d, 'TASK_PAUSED'),
  [UpdateRejection.NOT_WITHDRAWABLE]: (d) => conflict(d, 'NOT_WITHDRAWABLE'),
  [UpdateRejection.NOT_CANDIDATE]: (d) => forbidden(d, 'candidate-agency', 'NOT_CANDIDATE'),
  [UpdateRejection.FOUR_EYES]: (d) => forbidden(d, 'four-eyes', 'FOUR_EYES'),
  [UpdateRejection.DECISION_NOT_ALLOWED]: (d) => badRequest(d, [{ field: 'decision', message: d }], 'DECISION_NOT_ALLOWED'),
  [UpdateRejection.INVALID_INPUT]: (d) => badRequest(d, [{ field: invalidInputField(d), message: d }], 'INVALID_INPUT'),
};

/**
 * The field an engine InvalidInput names, so the 400 is field-level like every other (docs/style.md): its messages start
 * with the field's path ("signing.signedAt cannot be before the approval"), or are about the signing record or the
 * dossier a RESUBMIT carries.
 */
export function invalidInputField(detail: string): string {
  const path = /^([a-z][A-Za-z]*(?:\.[A-Za-z]+)+)\s/.exec(detail);
  if (path) return path[1]!;
  if (/signing record/.test(detail)) return 'signing';
  if (/dossier/.test(detail)) return 'changes';
  return 'body';
}

/** Maps a refused or failed workflow Update to the HTTP problem a client should see. */
export function workflowUpdateError(err: unknown): ProblemException {
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const make = REJECTION_STATUS[err.cause.type ?? ''];
    if (make) return make(err.cause.message);
  }
  if (err instanceof WorkflowNotFoundError) return conflict('The proposal is no longer running', 'PROPOSAL_NOT_RUNNING');
  const message = err instanceof Error ? err.message : String(err);
  if (/already completed|not found/i.test(message)) return conflict('The proposal is no longer running', 'PROPOSAL_NOT_RUNNING');
  return unavailable(`The workflow engine did not answer: ${message}`, 'WORKFLOW_ENGINE_UNAVAILABLE');
}
