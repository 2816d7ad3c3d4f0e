import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../../libs/config/src';
import { dataSourceOptions } from '../../../libs/persistence/src';
import { TemporalClientModule } from '../../../libs/temporal/src';
import { AdminController } from './admin/admin.controller';
import { AdminStatsService } from './admin/admin-stats.service';
import { AgreementsController } from './agreements/agreements.controller';
import { AgreementsExportService } from './agreements/agreements-export.service';
import { AttachmentStorage, LocalDiskAttachmentStorage } from './attachments/attachment-storage';
import { AttachmentsController } from './attachments/attachments.controller';
import { AttachmentsService } from './attachments/attachments.service';
import { AuditController } from './audit/audit.controller';
import { AuthController, MeController } from './auth/auth.controller';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { LoginThrottle } from './auth/login-throttle';
import { TokenService } from './auth/token.service';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';
import { DeadlineRecomputeService } from './calendar/deadline-recompute.service';
import { HealthController } from './health/health.controller';
import { IncidentsModule } from './incidents/incidents.module';
import { MetricsController } from './metrics/metrics.controller';
import { PoliciesController } from './policies/policies.controller';
import { PolicyService } from './policies/policy.service';
import { NotificationsController } from './notifications/notifications.controller';
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
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

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
        JwtModule.register({ secret: requireSecret(config), signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
        IncidentsModule,
      ],
      controllers: [
        HealthController, MetricsController, AuthController, MeController, ProposalsController, PoliciesController, TasksController, CalendarController, AgreementsController,
        AuditController, AdminController, AttachmentsController, NotificationsController, SubstitutesController,
        PlansController, ReportCyclesController, CommitmentsSyncController, UsersController,
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: AttachmentStorage, useValue: new LocalDiskAttachmentStorage(config.ATTACHMENT_DIR) },
        TasksAssignmentService, AgreementsExportService, AttachmentsService, AdminStatsService, SubstitutesService, PlansService, ReportCyclesService, UsersService,
        LoginThrottle, TokenService, CalendarService, DeadlineRecomputeService, PolicyService, ProposalsService, ProposalLifecycleService, TasksService,
      ],
    })
    class RootModule {}
    return RootModule;
  }
}
