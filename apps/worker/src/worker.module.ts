import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, loadConfig } from '../../../libs/config/src';
import { dataSourceOptions } from '../../../libs/persistence/src';
import { AuditCheckpointService } from './audit-checkpoint.service';
import { NotificationMailer } from './notification-mailer.service';
import { OperationalGauges } from './operational-gauges';
import { OutboxRelayService } from './outbox-relay.service';
import { ReportingSchedulesService } from './reporting-schedules.service';
import { TemporalWorkerService } from './temporal-worker.service';

const config = loadConfig(process.env, { requireJwtSecret: false });

@Module({
  imports: [TypeOrmModule.forRoot(dataSourceOptions({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE }))],
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
