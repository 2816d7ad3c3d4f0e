import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appendAudit, enqueueCommand, listProposalsWithOpenTasks, markCommandSent } from '@accord/persistence';
import { recomputeDeadlinesUpdate } from '@accord/temporal';
import { TemporalClientService } from '../temporal/temporal-client.module';
import type { AuthUser } from '../auth/auth-user';
import { CalendarService } from './calendar.service';

/**
 * Holiday edits do not move running deadlines by themselves (workflows stay deterministic); an administrator applies
 * the edited calendar to every running proposal explicitly, and each change is audited.
 */
@Injectable()
export class DeadlineRecomputeService {
  constructor(
    private readonly db: DataSource,
    private readonly temporal: TemporalClientService,
    private readonly calendar: CalendarService,
  ) {}

  async recompute(user: AuthUser, reason: string) {
    const calendar = await this.calendar.days();
    const running = await listProposalsWithOpenTasks(this.db);
    const actor = { id: user.id, fullName: user.fullName, agencyCode: user.agencyCode, roles: user.roles };
    // The request and one command per proposal in one transaction (docs/reliability.md): if this process dies half-way
    // through the loop below, the worker's relay sends the rest; each command's id is its Update id, so none counts twice.
    const commands = await this.db.transaction(async (m) => {
      await appendAudit(m, [
        {
          at: new Date().toISOString(),
          actor: { id: user.id, name: user.fullName, type: 'USER' },
          action: 'DEADLINE_RECOMPUTE_REQUESTED',
          proposalId: null,
          stage: null,
          payload: { reason, proposals: running.length, calendarDays: calendar.length },
        },
      ]);
      const ids: string[] = [];
      for (const p of running) {
        ids.push(
          await enqueueCommand(
            m,
            {
              kind: 'WORKFLOW_UPDATE',
              workflowId: p.workflow_id,
              updateName: recomputeDeadlinesUpdate.name,
              args: [{ calendar, reason, actor }],
            },
            p.id,
          ),
        );
      }
      return ids;
    });
    let rescheduled = 0;
    const failed: { id: string; reference: string; error: string }[] = [];
    for (const [i, p] of running.entries()) {
      try {
        const result = await this.temporal.client.workflow
          .getHandle(p.workflow_id)
          .executeUpdate(recomputeDeadlinesUpdate, { args: [{ calendar, reason, actor }], updateId: commands[i] });
        await markCommandSent(this.db, commands[i]!);
        rescheduled += result.rescheduled;
      } catch (err) {
        // Finished between the query and the Update: nothing left to recount.
        if (/already completed/i.test((err as Error).message ?? '')) {
          await markCommandSent(this.db, commands[i]!);
          continue;
        }
        failed.push({ id: p.id, reference: p.reference, error: err instanceof Error ? err.message : String(err) });
      }
    }
    return { proposals: running.length, rescheduledTasks: rescheduled, failed };
  }
}
