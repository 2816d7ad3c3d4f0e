import { Module } from '@nestjs/common';
import { CalendarController } from './calendar.controller';
import { CalendarService } from './calendar.service';
import { DeadlineRecomputeService } from './deadline-recompute.service';

/**
 * The business calendar (docs/domain.md "Business calendar"): holidays, deadline arithmetic, and applying an edited
 * calendar to running proposals. Both services are exported: proposals and admin statistics count working days,
 * and the admin endpoint triggers the recompute.
 */
@Module({
  controllers: [CalendarController],
  providers: [CalendarService, DeadlineRecomputeService],
  exports: [CalendarService, DeadlineRecomputeService],
})
export class CalendarModule {}
