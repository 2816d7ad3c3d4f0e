import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { ProposalLifecycleService } from '../proposals/proposal-lifecycle.service';
import { AdminController } from './admin.controller';
import { AdminStatsService } from './admin-stats.service';

/**
 * Administration: statistics, a proposal's workflow history, cancelling a proposal and applying an edited calendar.
 * The calendar comes from its module; the proposal lifecycle service is provided here (stateless, over the DataSource
 * and the Temporal client) until proposals have a module of their own to import.
 */
@Module({
  imports: [CalendarModule],
  controllers: [AdminController],
  providers: [AdminStatsService, ProposalLifecycleService],
})
export class AdminModule {}
