import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appendAudit } from '../../../../libs/persistence/src';
import { proposalWorkflowId, recomputeDeadlinesUpdate, TemporalClientService } from '../../../../libs/temporal/src';
import type { AuthUser } from '../auth/auth-user';
import { CalendarService } from './calendar.service';


/**
 * Holiday edits do not move running deadlines by themselves (workflows stay deterministic); an administrator applies
 * the edited calendar to every running proposal explicitly, and each change is audited.
 */
@Injectable()
export class DeadlineRecomputeService {
  constructor(private readonly db: DataSource, private readonly temporal: TemporalClientService, private readonly calendar: CalendarService) {}

  async recompute(user: AuthUser, reason: string) {
    const calendar = await this.calendar.days();
    // Only proposals with an open task have a clock to recount (a finished one, e.g. an approved mechanism, has none).
    const running: { id: string; reference: string }[] = await this.db.query(
      `SELECT p.id, p.reference FROM proposal p WHERE EXISTS (SELECT 1 FROM task t WHERE t.proposal_id = p.id AND t.status = 'OPEN') ORDER BY p.created_at`,
    );
    await this.db.transaction((m) => appendAudit(m, [{
      at: new Date().toISOString(), actor: { id: user.id, name: user.fullName, type: 'USER' }, action: 'DEADLINE_RECOMPUTE_REQUESTED',
      proposalId: null, stage: null, payload: { reason, proposals: running.length, calendarDays: calendar.length },
    }]));
    const actor = { id: user.id, fullName: user.fullName, agencyCode: user.agencyCode, roles: user.roles };
    let rescheduled = 0;
    const failed: { id: string; reference: string; error: string }[] = [];
    for (const p of running) {
      try {
        const result = await this.temporal.client.workflow.getHandle(proposalWorkflowId(p.id)).executeUpdate(recomputeDeadlinesUpdate, { args: [{ calendar, reason, actor }] });
        rescheduled += result.rescheduled;
      } catch (err) {
        // Finished between the query and the Update: nothing left to recount.
        if (/already completed/i.test((err as Error).message ?? '')) continue;
        failed.push({ id: p.id, reference: p.reference, error: err instanceof Error ? err.message : String(err) });
      }
    }
    return { proposals: running.length, rescheduledTasks: rescheduled, failed };
  }
}
