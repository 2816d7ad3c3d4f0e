import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { PoliciesModule } from '../policies/policies.module';
import { ProposalLifecycleService } from './proposal-lifecycle.service';
import { ProposalsController } from './proposals.controller';
import { ProposalsService } from './proposals.service';

/**
 * Proposals: submission (with its workflow start through the outbox), lists, detail, timeline, withdraw and cancel.
 * Reads and writes through libs/persistence/src/proposals/proposals.repository.ts; the calendar and the routing
 * policy come from the root (ApiSharedModule). Exported: ProposalsService for task completion (RESUBMIT validation),
 * ProposalLifecycleService for the administrator's cancel (AdminController).
 */
@Module({
  imports: [CalendarModule, PoliciesModule],
  controllers: [ProposalsController],
  providers: [ProposalsService, ProposalLifecycleService],
  exports: [ProposalsService, ProposalLifecycleService],
})
export class ProposalsModule {}
