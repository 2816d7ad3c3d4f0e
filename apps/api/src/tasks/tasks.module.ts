import { Module } from '@nestjs/common';
import { PoliciesModule } from '../policies/policies.module';
import { ProposalsModule } from '../proposals/proposals.module';
import { ReportCyclesModule } from '../report-cycles/report-cycles.module';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';
import { TasksAssignmentService } from './tasks-assignment.service';

/**
 * Tasks: the inbox and task lists, completion (a workflow Update), claim, unclaim and assign. Reads and writes through
 * libs/persistence/src/tasks/tasks.repository.ts; reporting cycles and the routing policy come from the root.
 */
@Module({
  imports: [ProposalsModule, ReportCyclesModule, PoliciesModule],
  controllers: [TasksController],
  providers: [TasksService, TasksAssignmentService],
})
export class TasksModule {}
