import { createSecretKey, type KeyObject } from 'node:crypto';
import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@accord/config';
import { dataSourceOptions, installPreparedStatements, installTenancy } from '@accord/persistence';
import { TemporalClientModule } from './temporal/temporal-client.module';
import { AdminModule } from './admin/admin.module';
import { AgreementsModule } from './agreements/agreements.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { TenantScopeInterceptor } from './auth/tenant-scope.interceptor';
import { CalendarModule } from './calendar/calendar.module';
import { AppConfigModule } from './common/app-config.module';
import { HealthModule } from './health/health.module';
import { IncidentsModule } from './incidents/incidents.module';
import { MetricsModule } from './metrics/metrics.module';
import { PoliciesModule } from './policies/policies.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ProposalsModule } from './proposals/proposals.module';
import { TasksModule } from './tasks/tasks.module';
import { SubstitutesModule } from './substitutes/substitutes.module';
import { DocumentsModule } from './documents/documents.module';
import { PlansModule } from './plans/plans.module';
import { ReportCyclesModule } from './report-cycles/report-cycles.module';
import { CommitmentsModule } from './commitments/commitments.module';
import { UsersModule } from './users/users.module';
import { ProvincesModule } from './provinces/provinces.module';
import { CaseArchiveModule } from './archive/case-archive.module';

/**
 * The HS256 key, made a KeyObject once. Given the secret as a string, jsonwebtoken tries it as a PEM public key first on
 * every sign and verify (a thrown exception each time) before taking it as a secret key: about 8 % of the api's CPU in
 * the bench's profile (docs/benchmarks.md). The same bytes (UTF-8), so the tokens are the same.
 * loadConfig() refuses to start without a good secret; this guards callers that built the config otherwise.
 */
function tokenKey(config: AppConfig): KeyObject {
  if (!config.JWT_SECRET) throw new Error('JWT_SECRET is required by the api');
  return createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
}

export class ApiModule {
  static forRoot(config: AppConfig) {
    @Module({
      imports: [
        // Every connection acts as accord_app in the caller's province (row-level security, docs/provinces.md).
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSourceOptions({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }),
          dataSourceFactory: async (options) => {
            const ds = await new DataSource(options!).initialize();
            installTenancy(ds);
            // Hot statements parsed and planned once per connection (issue 16).
            installPreparedStatements(ds);
            return ds;
          },
        }),
        TemporalClientModule.forRoot({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE }),
        // HS256 only, stated both ways, so a token cannot choose its own algorithm.
        // Global: the root's JwtAuthGuard and the AuthModule's TokenService share one configuration.
        JwtModule.register({
          global: true,
          privateKey: tokenKey(config),
          publicKey: tokenKey(config),
          signOptions: { algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
        AppConfigModule.forRoot(config),
        IncidentsModule,
        PlansModule,
        ReportCyclesModule,
        PoliciesModule,
        CalendarModule,
        AgreementsModule,
        CommitmentsModule,
        AuthModule,
        UsersModule,
        AdminModule,
        AuditModule,
        NotificationsModule,
        HealthModule,
        MetricsModule,
        ProposalsModule,
        TasksModule,
        AttachmentsModule,
        SubstitutesModule,
        DocumentsModule,
        CaseArchiveModule,
        ProvincesModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_INTERCEPTOR, useClass: TenantScopeInterceptor },
      ],
    })
    class RootModule {}
    return RootModule;
  }
}
