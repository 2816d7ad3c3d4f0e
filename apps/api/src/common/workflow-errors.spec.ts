import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { UpdateRejection } from '@accord/temporal';
import { invalidInputField, workflowUpdateError } from './workflow-errors';

const refused = (type: string, message: string) =>
  new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message, nonRetryable: true }));

describe('workflowUpdateError', () => {
  it('answers every engine InvalidInput with a field-level 400 (the fuzz suite found a bare one)', () => {
    for (const [message, field] of [
      ['signing.signedAt cannot be before the approval', 'signing.signedAt'],
      ['signing.signedAt cannot be in the future', 'signing.signedAt'],
      ['signing.signedAt is not a valid time', 'signing.signedAt'],
      ['SIGNED needs the signing record', 'signing'],
      ['RESUBMIT needs the changed dossier', 'changes'],
    ] as const) {
      const problem = workflowUpdateError(refused(UpdateRejection.INVALID_INPUT, message));
      expect(problem.getStatus()).toBe(400);
      expect(problem.errors).toEqual([{ field, message }]);
      expect(invalidInputField(message)).toBe(field);
    }
  });

  it('keeps the four-eyes and candidate rules as 403s naming the rule, and task states as 409s', () => {
    expect(workflowUpdateError(refused(UpdateRejection.FOUR_EYES, 'Four-eyes: x'))).toMatchObject({
      problemType: 'urn:accord:rule:four-eyes',
    });
    expect(workflowUpdateError(refused(UpdateRejection.FOUR_EYES, 'x')).getStatus()).toBe(403);
    expect(workflowUpdateError(refused(UpdateRejection.NOT_CANDIDATE, 'x'))).toMatchObject({
      problemType: 'urn:accord:rule:candidate-agency',
    });
    expect(workflowUpdateError(refused(UpdateRejection.TASK_NOT_OPEN, 'x')).getStatus()).toBe(409);
    expect(workflowUpdateError(refused(UpdateRejection.DECISION_NOT_ALLOWED, 'no')).errors).toEqual([{ field: 'decision', message: 'no' }]);
  });
});

describe('workflowUpdateError codes', () => {
  it('keeps each mapped rejection name as the problem code', () => {
    for (const name of [
      'TASK_NOT_FOUND',
      'TASK_NOT_OPEN',
      'TASK_PAUSED',
      'NOT_WITHDRAWABLE',
      'NOT_CANDIDATE',
      'FOUR_EYES',
      'DECISION_NOT_ALLOWED',
      'INVALID_INPUT',
    ] as const) {
      expect(workflowUpdateError(refused(UpdateRejection[name], 'x')).code).toBe(name);
    }
  });

  it('codes a proposal that stopped running and an engine that did not answer', () => {
    expect(workflowUpdateError(new Error('workflow execution already completed')).code).toBe('PROPOSAL_NOT_RUNNING');
    expect(workflowUpdateError(new Error('socket hang up')).code).toBe('WORKFLOW_ENGINE_UNAVAILABLE');
  });
});
