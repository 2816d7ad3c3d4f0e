import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { Client, Connection } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { AppConfig, redactUrl } from '@accord/config';
import { REPORT_CYCLE_KINDS } from '@accord/domain';
import { loadReportCyclePolicies } from '@accord/persistence';
import { commitmentsSyncScheduleId, LEGACY_COMMITMENTS_SYNC_SCHEDULE_ID, legacyReportCycleScheduleId } from '@accord/temporal';
import { errorText, inEachProvince } from './in-each-province';
import { commitmentsSyncSchedule, deleteSchedule, reportCycleSchedule, upsertSchedule } from './reporting-schedules';

/** Creates or updates each province's reporting-cycle and commitments-sync schedules when the worker starts. */
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
      // The schedules from before provinces (unprefixed ids) are Hà Tĩnh's; its HT-prefixed ones replace them.
      for (const id of [...REPORT_CYCLE_KINDS.map(legacyReportCycleScheduleId), LEGACY_COMMITMENTS_SYNC_SCHEDULE_ID])
        if (await deleteSchedule(client, id)) this.logger.log(`Schedule ${id} from before provinces deleted`);
      await inEachProvince(
        this.dataSource,
        (province) => this.setUp(client, province),
        // One province's failure leaves the others' schedules set up; all are set up again at the next start.
        (province, err) => this.logger.error(`Could not set up the reporting schedules of ${province}: ${errorText(err)}`),
      );
    } catch (err) {
      // Schedules are set up again at the next start; the worker itself keeps serving running workflows.
      this.logger.error(`Could not set up the reporting schedules: ${String(err)}`);
    } finally {
      await connection.close();
    }
  }

  private async setUp(client: Client, province: string): Promise<void> {
    for (const policy of await loadReportCyclePolicies(this.dataSource)) {
      const outcome = await upsertSchedule(client, reportCycleSchedule(province, policy));
      this.logger.log(
        `Schedule for ${province} ${policy.kind} reporting cycles ${outcome} (opens ${policy.opens.monthDay}, due ${policy.due.monthDay})`,
      );
    }
    if (this.config.COMMITMENTS_SYNC_URL) {
      const outcome = await upsertSchedule(client, commitmentsSyncSchedule(province, this.config.COMMITMENTS_SYNC_INTERVAL));
      this.logger.log(
        `Commitments sync schedule of ${province} ${outcome}: every ${this.config.COMMITMENTS_SYNC_INTERVAL} to ${redactUrl(this.config.COMMITMENTS_SYNC_URL)}`,
      );
    } else if (await deleteSchedule(client, commitmentsSyncScheduleId(province))) {
      this.logger.log(`Commitments sync is off (COMMITMENTS_SYNC_URL unset): schedule of ${province} deleted`);
    }
  }
}
