import { Global, Module } from '@nestjs/common';
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
import { AttachmentsModule } from './attachments/attachments.module';
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
import { ProposalsModule } from './proposals/proposals.module';
import { TasksModule } from './tasks/tasks.module';
import { SubstitutesModule } from './substitutes/substitutes.module';
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
    /**
     * What the feature modules take from the root: the config, and the services of features that have no module of
     * their own yet (calendar, routing policy, reporting cycles). One instance each, shared with the root's
     * controllers (PolicyService caches the current policy, so a second instance would serve a stale one).
     */
    @Global()
    @Module({
      providers: [{ provide: AppConfig, useValue: config }, CalendarService, PolicyService, ReportCyclesService],
      exports: [AppConfig, CalendarService, PolicyService, ReportCyclesService],
    })
    class ApiSharedModule {}

    @Module({
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE })),
        TemporalClientModule.forRoot({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE }),
        // HS256 only, stated both ways, so a token cannot choose its own algorithm.
        JwtModule.register({ secret: requireSecret(config), signOptions: { algorithm: 'HS256' }, verifyOptions: { algorithms: ['HS256'] } }),
        IncidentsModule,
        ApiSharedModule, ProposalsModule, TasksModule, AttachmentsModule, SubstitutesModule,
      ],
      controllers: [
        HealthController, MetricsController, AuthController, MeController, PoliciesController, CalendarController, AgreementsController,
        AuditController, AdminController, NotificationsController,
        PlansController, ReportCyclesController, CommitmentsSyncController, UsersController,
      ],
      providers: [
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        AgreementsExportService, AdminStatsService, PlansService, UsersService,
        LoginThrottle, TokenService, DeadlineRecomputeService,
      ],
    })
    class RootModule {}
    return RootModule;
  }
}
