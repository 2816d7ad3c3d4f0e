import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../../libs/config/src';
import { dataSourceOptions } from '../../../libs/persistence/src';
import { TemporalClientModule } from '../../../libs/temporal/src';
import { AdminController } from './admin/admin.controller';
import { AdminStatsService } from './admin/admin-stats.service';
import { AgreementsModule } from './agreements/agreements.module';
import { AttachmentStorage, LocalDiskAttachmentStorage } from './attachments/attachment-storage';
import { AttachmentsController } from './attachments/attachments.controller';
import { AttachmentsService } from './attachments/attachments.service';
import { AuditController } from './audit/audit.controller';
import { AuthController, MeController } from './auth/auth.controller';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { LoginThrottle } from './auth/login-throttle';
import { TokenService } from './auth/token.service';
import { CalendarModule } from './calendar/calendar.module';
import { AppConfigModule } from './common/app-config.module';
import { HealthController } from './health/health.controller';
import { IncidentsModule } from './incidents/incidents.module';
import { MetricsController } from './metrics/metrics.controller';
import { PoliciesModule } from './policies/policies.module';
import { NotificationsController } from './notifications/notifications.controller';
import { ProposalsController } from './proposals/proposals.controller';
import { ProposalLifecycleService } from './proposals/proposal-lifecycle.service';
import { ProposalsService } from './proposals/proposals.service';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';
import { TasksAssignmentService } from './tasks/tasks-assignment.service';
import { SubstitutesController } from './substitutes/substitutes.controller';
import { SubstitutesService } from './substitutes/substitutes.service';
import { PlansModule } from './plans/plans.module';
import { ReportCyclesModule } from './report-cycles/report-cycles.module';
import { CommitmentsModule } from './commitments/commitments.module';
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
        AppConfigModule.forRoot(config),
        PlansModule, ReportCyclesModule, PoliciesModule, CalendarModule, AgreementsModule, CommitmentsModule,
      ],
      controllers: [
        HealthController, MetricsController, AuthController, MeController, ProposalsController, TasksController,
        AuditController, AdminController, AttachmentsController, NotificationsController, SubstitutesController,
        UsersController,
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: AttachmentStorage, useValue: new LocalDiskAttachmentStorage(config.ATTACHMENT_DIR) },
        TasksAssignmentService, AttachmentsService, AdminStatsService, SubstitutesService, UsersService,
        LoginThrottle, TokenService, ProposalsService, ProposalLifecycleService, TasksService,
      ],
    })
    class RootModule {}
    return RootModule;
  }
}
