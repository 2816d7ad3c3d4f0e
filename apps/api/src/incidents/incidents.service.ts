import { Injectable } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { appendAudit, findIncident, listIncidents, markIncidentRetrying, type IncidentRow } from '@accord/persistence';
import { retryIncidentUpdate } from '@accord/temporal';
import { TemporalClientService } from '../temporal/temporal-client.module';
import type { AuthUser } from '../auth/auth-user';
import { decodeCursor, toPage } from '../common/pagination';
import { conflict, notFound } from '../common/problem-details.filter';
import { workflowUpdateError } from '../common/workflow-errors';
import type { IncidentQuery } from './incidents.dto';

function present(r: IncidentRow) {
  return {
    id: r.id,
    status: r.status,
    workflowId: r.workflow_id,
    runId: r.run_id,
    proposal: r.proposal_id ? { id: r.proposal_id, reference: r.reference, title: r.title } : null,
    step: { key: r.step_key, ...r.step },
    activity: r.activity,
    error: { type: r.error_type, message: r.error_message },
    openedAt: r.opened_at.toISOString(),
    retryCount: r.retry_count,
    lastRetryAt: r.last_retry_at?.toISOString() ?? null,
    lastRetryBy: r.last_retry_by,
    resolvedAt: r.resolved_at?.toISOString() ?? null,
    resolvedBy: r.resolved_by,
    resolution: r.resolution,
  };
}

/**
 * Workflow steps that keep failing on the same input wait here for an administrator (docs/reliability.md): listed
 * with the error and the step, retried once the cause is fixed. Every retry request is audited.
 */
@Injectable()
export class IncidentsService {
  constructor(
    private readonly db: DataSource,
    private readonly temporal: TemporalClientService,
  ) {}

  async list(q: IncidentQuery) {
    const limit = q.limit ?? 50;
    const before = decodeCursor(q.cursor, ['timestamptz', 'uuid']);
    const rows = await listIncidents(this.db, { status: q.status, before: before ? [before[0]!, before[1]!] : null, limit: limit + 1 });
    return toPage(rows, limit, present, (r) => [r.opened_at.toISOString(), r.id]);
  }

  private async row(id: string): Promise<IncidentRow> {
    const row = await findIncident(this.db, id);
    if (!row) throw notFound(`No incident ${id}`, 'INCIDENT_NOT_FOUND');
    return row;
  }

  async get(id: string) {
    return present(await this.row(id));
  }

  /** Asks the waiting workflow to run the failed step again; 409 when it is not waiting on this incident. */
  async retry(user: AuthUser, id: string, comment?: string) {
    const row = await this.row(id);
    if (row.status !== 'OPEN')
      throw conflict(`The incident is ${row.status.toLowerCase()}; only an open incident can be retried`, 'INCIDENT_NOT_OPEN');
    const actor = { id: user.id, fullName: user.fullName, agencyCode: user.agencyCode, roles: user.roles };
    try {
      await this.temporal.client.workflow
        .getHandle(row.workflow_id, row.run_id)
        .executeUpdate(retryIncidentUpdate, { args: [{ incidentId: id, actor, ...(comment ? { comment } : {}) }] });
    } catch (err) {
      if (err instanceof WorkflowNotFoundError || err instanceof WorkflowUpdateFailedError)
        throw conflict('The workflow is no longer waiting on this incident', 'NO_INCIDENT');
      throw workflowUpdateError(err);
    }
    const now = new Date().toISOString();
    await this.db.transaction(async (m) => {
      await markIncidentRetrying(m, id, now, user.id, row.retry_count);
      await appendAudit(m, [
        {
          at: now,
          actor: { id: user.id, name: user.fullName, type: 'USER' },
          action: 'INCIDENT_RETRY_REQUESTED',
          proposalId: row.proposal_id,
          stage: row.step.stage,
          workflowId: row.workflow_id,
          payload: { incidentId: id, step: row.step, ...(comment ? { comment } : {}) },
        },
      ]);
    });
    return present(await this.row(id));
  }
}
