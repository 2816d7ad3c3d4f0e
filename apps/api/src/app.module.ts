import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../../libs/config/src';
import { dataSourceOptions } from '../../../libs/persistence/src';
import { TemporalClientModule } from '../../../libs/temporal/src';
import { AdminModule } from './admin/admin.module';
import { AgreementsController } from './agreements/agreements.controller';
import { AgreementsExportService } from './agreements/agreements-export.service';
import { AttachmentStorage, LocalDiskAttachmentStorage } from './attachments/attachment-storage';
import { AttachmentsController } from './attachments/attachments.controller';
import { AttachmentsService } from './attachments/attachments.service';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';
import { DeadlineRecomputeService } from './calendar/deadline-recompute.service';
import { AppConfigModule } from './common/app-config.module';
import { HealthModule } from './health/health.module';
import { IncidentsModule } from './incidents/incidents.module';
import { MetricsModule } from './metrics/metrics.module';
import { PoliciesController } from './policies/policies.controller';
import { PolicyService } from './policies/policy.service';
import { NotificationsModule } from './notifications/notifications.module';
import { ProposalsController } from './proposals/proposals.controller';
import { ProposalLifecycleService } from './proposals/proposal-lifecycle.service';
import { ProposalsService } from './proposals/proposals.service';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';
import { TasksAssignmentService } from './tasks/tasks-assignment.service';
import { SubstitutesController } from './substitutes/substitutes.controller';
import { SubstitutesService } from './substitutes/substitutes.service';
import { PlansController } from './plans/plans.controller';
import { PlansService } from './plans/plans.service';
import { ReportCyclesController } from './report-cycles/report-cycles.controller';
import { ReportCyclesService } from './report-cycles/report-cycles.service';
import { CommitmentsSyncController } from './commitments/commitments-sync.controller';
import { UsersModule } from './users/users.module';

/** loadConfig() refuses to start without a good secret; this guards callers that built the config otherwise. */
function requireSecret(config: AppConfig): string {
  if (!config.JWT_SECRET) throw new Error('JWT_SECRET is required by the api');
  return config.JWT_SECRET;
}

export class ApiModule {
  static forRoot(config: AppConfig) {
    @Module({
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE })),
        TemporalClientModule.forRoot({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE }),
        // HS256 only, stated both ways, so a token cannot choose its own algorithm.
        // Global: the root's JwtAuthGuard and the AuthModule's TokenService share one configuration.
        JwtModule.register({ global: true, secret: requireSecret(config), signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
        AppConfigModule.forRoot(config),
        IncidentsModule,
        AuthModule, UsersModule, AdminModule, AuditModule, NotificationsModule, HealthModule, MetricsModule,
      ],
      controllers: [
        ProposalsController, PoliciesController, TasksController, CalendarController, AgreementsController,
        AttachmentsController, SubstitutesController,
        PlansController, ReportCyclesController, CommitmentsSyncController,
      ],
      providers: [
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: AttachmentStorage, useValue: new LocalDiskAttachmentStorage(config.ATTACHMENT_DIR) },
        TasksAssignmentService, AgreementsExportService, AttachmentsService, SubstitutesService, PlansService, ReportCyclesService,
        CalendarService, DeadlineRecomputeService, PolicyService, ProposalsService, ProposalLifecycleService, TasksService,
      ],
    })
    class RootModule {}
    return RootModule;
  }
}
