import { Module } from '@nestjs/common';
import { ReportCyclesController } from './report-cycles.controller';
import { ReportCyclesService } from './report-cycles.service';

/**
 * Reporting cycles (docs/domain.md "Reporting cycles"): open, progress, consolidate, the consolidated report.
 * ReportCyclesService is exported for task completion: a PERIODIC_REPORT task is completed through the cycle's workflow.
 */
@Module({ controllers: [ReportCyclesController], providers: [ReportCyclesService], exports: [ReportCyclesService] })
export class ReportCyclesModule {}
