import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { AdminController } from './admin.controller';
import { AdminStatsService } from './admin-stats.service';

/**
 * Administration: statistics, a proposal's workflow history, cancelling a proposal and applying an edited calendar.
 * The calendar and the proposal lifecycle (cancel) come from their modules.
 */
@Module({
  imports: [CalendarModule, ProposalsModule],
  controllers: [AdminController],
  providers: [AdminStatsService],
})
export class AdminModule {}
