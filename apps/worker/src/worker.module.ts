import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '@accord/config';
import { dataSourceOptions, installPreparedStatements, installTenancy } from '@accord/persistence';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { NotificationMailer } from './notification-mailer.service';
import { OperationalGauges } from './operational-gauges';
import { OutboxRelayService } from './outbox-relay.service';
import { ReportingSchedulesService } from './reporting-schedules.service';
import { TemporalWorkerService } from './temporal-worker.service';

const config = loadConfig(process.env, { requireJwtSecret: false });

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      useFactory: () => dataSourceOptions({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }),
      // Every pooled connection acts as accord_app for the province in scope (an activity's, a system job's loop):
      // row-level security then keeps the provinces apart (libs/persistence/src/tenancy).
      dataSourceFactory: async (options) => {
        if (!options) throw new Error('no DataSource options');
        const ds = await new DataSource(options).initialize();
        installTenancy(ds);
        installPreparedStatements(ds);
        return ds;
      },
    }),
  ],
  providers: [
    { provide: AppConfig, useValue: config },
    TemporalWorkerService,
    ReportingSchedulesService,
    NotificationMailer,
    OutboxRelayService,
    OperationalGauges,
    AuditCheckpointService,
  ],
})
export class WorkerModule {}
