import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  type Client,
} from '@temporalio/client';
import {
  defineSearchAttributeKey,
  SearchAttributeType,
  TypedSearchAttributes,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  type UpdateDefinition,
} from '@temporalio/common';
import { PROVINCE_SEARCH_ATTRIBUTE, provinceOfWorkflowId, TASK_QUEUE, type OutboxCommand } from './contracts';

/**
 * The search attributes of a workflow start: `keywords` and Province, the province the workflow id names. Every start
 * sets Province (the api's, the relay's, the worker's schedules'), so Temporal's lists can be filtered by province.
 */
export function startSearchAttributes(workflowId: string, keywords: Record<string, string> = {}): TypedSearchAttributes {
  return new TypedSearchAttributes(
    Object.entries({ ...keywords, [PROVINCE_SEARCH_ATTRIBUTE]: provinceOfWorkflowId(workflowId) }).map(([name, value]) => ({
      key: defineSearchAttributeKey(name, SearchAttributeType.KEYWORD),
      value,
    })),
  );
}

export type DispatchOutcome = 'sent' | 'already-done' | 'workflow-closed' | 'rejected';

/**
 * Sends one outbox command, idempotently: sending it a second time (the api and the relay both, or a relay whose lease
 * ran out) changes nothing. A start never opens a second run of a proposal (REJECT_DUPLICATE, also after it closed);
 * an Update carries the outbox id as its Update id, which Temporal deduplicates.
 */
export async function dispatchCommand(client: Client, id: string, command: OutboxCommand): Promise<DispatchOutcome> {
  if (command.kind === 'START_WORKFLOW') {
    try {
      await client.workflow.start(command.workflowType, {
        workflowId: command.workflowId,
        taskQueue: TASK_QUEUE,
        args: command.args,
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        // The province comes from the workflow id, so commands stored before provinces existed get it too.
        typedSearchAttributes: startSearchAttributes(command.workflowId, command.searchAttributes),
      });
      return 'sent';
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return 'already-done';
      throw err;
    }
  }
  try {
    await client.workflow
      .getHandle(command.workflowId)
      .executeUpdate(command.updateName, { args: command.args as [unknown, ...unknown[]], updateId: id });
    return 'sent';
  } catch (err) {
    // The workflow's validator refused it (the proposal moved on): sending it again would be refused again.
    if (err instanceof WorkflowUpdateFailedError) return 'rejected';
    // The workflow finished meanwhile (withdrawn, cancelled, decided): nothing is left for the command to change.
    if (err instanceof WorkflowNotFoundError || /already completed|workflow execution.*not found/i.test((err as Error).message ?? ''))
      return 'workflow-closed';
    throw err;
  }
}

/**
 * Sends a start command together with an Update that has no arguments (update-with-start), and returns its result: the
 * api's submission starts the workflow and waits for its first step in one call, and the workflow gets both in its
 * first workflow task instead of a second one for the Update. Idempotent as dispatchCommand: a workflow the relay
 * started already gets the Update (USE_EXISTING), a closed one is never started again (REJECT_DUPLICATE: the call fails).
 */
export function startWithUpdate<R>(
  client: Client,
  command: Extract<OutboxCommand, { kind: 'START_WORKFLOW' }>,
  update: UpdateDefinition<R, []>,
): Promise<R> {
  const startWorkflowOperation = new WithStartWorkflowOperation(command.workflowType, {
    workflowId: command.workflowId,
    taskQueue: TASK_QUEUE,
    args: command.args,
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
    typedSearchAttributes: startSearchAttributes(command.workflowId, command.searchAttributes),
  });
  return client.workflow.executeUpdateWithStart(update, { startWorkflowOperation });
}
