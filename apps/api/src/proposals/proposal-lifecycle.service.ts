import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { findProposalHeader, findProposalWorkflowId } from '@accord/persistence';
import { cancelUpdate, proposalWorkflowId, withdrawUpdate } from '@accord/temporal';
import { TemporalClientService } from '../temporal/temporal-client.module';
import type { AuthUser } from '../auth/auth-user';
import { visibleProposalsSql } from '../common/access-policy';
import { forbidden, notFound } from '../common/problem-details.filter';
import { workflowUpdateError } from '../common/workflow-errors';

/** Withdraw (the submitting agency, before the decision) and cancel (an administrator), as workflow Updates. */
@Injectable()
export class ProposalLifecycleService {
  constructor(
    private readonly db: DataSource,
    private readonly temporal: TemporalClientService,
  ) {}

  private async find(user: AuthUser, id: string): Promise<{ id: string; reference: string; submitting_agency_code: string }> {
    const row = await findProposalHeader(this.db, id, (from) => visibleProposalsSql(user, from));
    if (!row) throw notFound(`No proposal ${id} that you may see`, 'PROPOSAL_NOT_FOUND');
    return row;
  }

  async withdraw(user: AuthUser, id: string, reason: string) {
    const row = await this.find(user, id);
    if (row.submitting_agency_code !== user.agencyCode)
      throw forbidden('Only the submitting agency may withdraw its proposal', 'submitting-agency', 'NOT_SUBMITTING_AGENCY');
    return this.send(user, row, withdrawUpdate, reason);
  }

  async cancel(user: AuthUser, id: string, reason: string) {
    return this.send(user, await this.find(user, id), cancelUpdate, reason);
  }

  private async send(user: AuthUser, row: { id: string; reference: string }, update: typeof withdrawUpdate, reason: string) {
    try {
      // The stored id: proposals from before provinces keep their unprefixed one.
      const handle = this.temporal.client.workflow.getHandle(
        (await findProposalWorkflowId(this.db, row.id)) ?? proposalWorkflowId(user.province, row.id),
      );
      const result = await handle.executeUpdate(update, {
        args: [{ reason, actor: { id: user.id, fullName: user.fullName, agencyCode: user.agencyCode, roles: user.roles } }],
      });
      return { id: row.id, reference: row.reference, status: result.status };
    } catch (err) {
      throw workflowUpdateError(err);
    }
  }
}
