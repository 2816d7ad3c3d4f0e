import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { AppConfig, redactUrl } from '../../../libs/config/src';
import { loadReportCyclePolicies } from '../../../libs/persistence/src';
import { COMMITMENTS_SYNC_SCHEDULE_ID } from '../../../libs/temporal/src';
import { commitmentsSyncSchedule, deleteSchedule, reportCycleSchedule, upsertSchedule } from './reporting-schedules';

/** Creates or updates the reporting-cycle and commitments-sync schedules when the worker starts. */
@Injectable()
export class ReportingSchedulesService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportingSchedulesService.name);

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const connection = await Connection.connect({ address: this.config.TEMPORAL_ADDRESS });
    try {
      const client = new Client({ connection, namespace: this.config.TEMPORAL_NAMESPACE });
      for (const policy of await loadReportCyclePolicies(this.dataSource)) {
        const outcome = await upsertSchedule(client, reportCycleSchedule(policy));
        this.logger.log(
          `Schedule for ${policy.kind} reporting cycles ${outcome} (opens ${policy.opens.monthDay}, due ${policy.due.monthDay})`,
        );
      }
      if (this.config.COMMITMENTS_SYNC_URL) {
        const outcome = await upsertSchedule(client, commitmentsSyncSchedule(this.config.COMMITMENTS_SYNC_INTERVAL));
        this.logger.log(
          `Commitments sync schedule ${outcome}: every ${this.config.COMMITMENTS_SYNC_INTERVAL} to ${redactUrl(this.config.COMMITMENTS_SYNC_URL)}`,
        );
      } else if (await deleteSchedule(client, COMMITMENTS_SYNC_SCHEDULE_ID)) {
        this.logger.log('Commitments sync is off (COMMITMENTS_SYNC_URL unset): schedule deleted');
      }
    } catch (err) {
      // Schedules are set up again at the next start; the worker itself keeps serving running workflows.
      this.logger.error(`Could not set up the reporting schedules: ${String(err)}`);
    } finally {
      await connection.close();
    }
  }
}
