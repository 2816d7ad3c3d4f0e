import { Module } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service';
import { DeadlineRecomputeService } from '../calendar/deadline-recompute.service';
import { ProposalLifecycleService } from '../proposals/proposal-lifecycle.service';
import { AdminController } from './admin.controller';
import { AdminStatsService } from './admin-stats.service';

/**
 * Administration: statistics, a proposal's workflow history, cancelling a proposal and applying an edited calendar.
 * The calendar and proposal services are provided here (stateless, over the DataSource and the Temporal client) until
 * those features have modules of their own to import.
 */
@Module({
  controllers: [AdminController],
  providers: [AdminStatsService, CalendarService, DeadlineRecomputeService, ProposalLifecycleService],
})
export class AdminModule {}
