import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType, TypedSearchAttributes, WorkflowIdReusePolicy } from '@temporalio/common';
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
