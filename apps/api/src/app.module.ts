import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../../libs/config/src';
import { dataSourceOptions } from '../../../libs/persistence/src';
import { TemporalClientModule } from '../../../libs/temporal/src';
import { AdminController } from './admin/admin.controller';
import { AgreementsController } from './agreements/agreements.controller';
import { AuditController } from './audit/audit.controller';
import { AuthController, MeController } from './auth/auth.controller';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { LoginThrottle } from './auth/login-throttle';
import { CalendarController } from './calendar/calendar.controller';
import { CalendarService } from './calendar/calendar.service';
import { HealthController } from './health/health.controller';
import { ProposalsController } from './proposals/proposals.controller';
import { ProposalsService } from './proposals/proposals.service';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';

export class ApiModule {
  static forRoot(config: AppConfig) {
    @Module({
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE })),
        TemporalClientModule.forRoot({ address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE }),
        JwtModule.register({ secret: config.JWT_SECRET, signOptions: { expiresIn: config.JWT_TTL as `${number}h` } }),
      ],
      controllers: [
        HealthController, AuthController, MeController, ProposalsController, TasksController, CalendarController, AgreementsController,
        AuditController, AdminController,
      ],
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        LoginThrottle, CalendarService, ProposalsService, TasksService,
      ],
    })
    class RootModule {}
    return RootModule;
  }
}
