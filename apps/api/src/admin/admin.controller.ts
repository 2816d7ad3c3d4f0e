import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { findProposalWorkflowId } from '@accord/persistence';
import { TemporalClientService } from '../temporal/temporal-client.module';
import { Roles } from '../auth/auth.decorators';
import { notFound, unavailable } from '../common/problem-details.filter';
import { uuidParam } from '../proposals/proposals.controller';
import { summariseHistory } from './history-summary';
import { AdminStatsService, StatsQuery } from './admin-stats.service';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { ReasonDto } from '../proposals/dto/reason.dto';
import { ProposalLifecycleService } from '../proposals/proposal-lifecycle.service';
import { DeadlineRecomputeService } from '../calendar/deadline-recompute.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class AdminController {
  constructor(
    private readonly db: DataSource,
    private readonly temporal: TemporalClientService,
    private readonly lifecycle: ProposalLifecycleService,
    private readonly deadlines: DeadlineRecomputeService,
    private readonly statistics: AdminStatsService,
  ) {}

  /** Applies the edited holiday calendar to the clocks of every running proposal (explicit, audited). */
  @Post('calendar/recompute-deadlines')
  @HttpCode(200)
  @Roles('ADMIN')
  recomputeDeadlines(@CurrentUser() user: AuthUser, @Body() body: ReasonDto) {
    return this.deadlines.recompute(user, body.reason);
  }

  /** Cancels a running proposal with a reason (audited); 409 when it has ended. */
  @Post('proposals/:id/cancel')
  @HttpCode(200)
  @Roles('ADMIN')
  cancel(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: ReasonDto) {
    return this.lifecycle.cancel(user, id, body.reason);
  }

  /** Counts by status and stage, overdue tasks, median working days per stage and SLA compliance (overall, by month and by stage). */
  @Get('stats')
  @Roles('ADMIN', 'AUDITOR', 'LEADER')
  @ApiOkResponse({
    description:
      '{byStatus, byStage (running proposals), overdueTasks, overdueByAgency, agencyNames:{CODE: name}, medianWorkingDaysPerStage, slaCompliance:{completed, onTime, rate}, ' +
      "slaComplianceByMonth:[{month:'YYYY-MM', completed, onTime, rate}] (month of completion in Asia/Ho_Chi_Minh, ascending, every month " +
      'from the first to the last with a completed task, rate null when none; the last 24 months without a window), ' +
      'slaComplianceByStage:{STAGE:{completed, onTime, rate}}, generatedAt}',
  })
  @ApiBadRequestResponse({ description: '`from` or `to` is not a real date YYYY-MM-DD, or `to` is before `from`' })
  stats(@Query() query: StatsQuery) {
    return this.statistics.stats(query);
  }

  /** The Temporal event history of a proposal's workflow, summarised for people. */
  @Get('proposals/:id/history')
  @Roles('ADMIN', 'AUDITOR')
  async history(@Param('id', uuidParam) id: string) {
    const workflowId = await findProposalWorkflowId(this.db, id);
    if (!workflowId) throw notFound(`No proposal ${id}`, 'PROPOSAL_NOT_FOUND');
    const handle = this.temporal.client.workflow.getHandle(workflowId);
    try {
      const [description, history] = await Promise.all([handle.describe(), handle.fetchHistory()]);
      return { workflowId, runId: description.runId, status: description.status.name, events: summariseHistory(history) };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError)
        throw notFound(`Workflow ${workflowId} is not on the Temporal server (retention may have removed it)`, 'WORKFLOW_NOT_FOUND');
      throw unavailable(`Temporal did not answer: ${(err as Error).message}`, 'WORKFLOW_ENGINE_UNAVAILABLE');
    }
  }
}
