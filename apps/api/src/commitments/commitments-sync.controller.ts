import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import { DataSource } from 'typeorm';
import { AppConfig, redactUrl } from '@accord/config';
import { commitmentSyncStatus } from '@accord/persistence';
import { commitmentsSyncScheduleId } from '@accord/temporal';
import { TemporalClientService } from '../temporal/temporal-client.module';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { conflict, unavailable } from '../common/problem-details.filter';

/** The sync of the registry to the national database of international commitments (Res. 250/2025/QH15 Art 6). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/commitments-sync')
export class CommitmentsSyncController {
  constructor(
    private readonly db: DataSource,
    private readonly temporal: TemporalClientService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @Roles('ADMIN', 'AUDITOR')
  @ApiOkResponse({
    description:
      '{enabled, endpoint (with any user name, password and query values shown as ***), interval, items:[{agreementId, number, title, agreementStatus, version, status: NOT_SYNCED|PENDING|DELIVERED|REJECTED, attempts, lastError, lastAttemptAt, deliveredAt, deliveredVersion}]}: the latest version of each agreement',
  })
  async status() {
    const rows = await commitmentSyncStatus(this.db);
    return {
      enabled: !!this.config.COMMITMENTS_SYNC_URL,
      // Credentials in the URL are never shown, not even to ADMIN (who can read the deployment's environment anyway).
      endpoint: this.config.COMMITMENTS_SYNC_URL ? redactUrl(this.config.COMMITMENTS_SYNC_URL) : null,
      interval: this.config.COMMITMENTS_SYNC_INTERVAL,
      items: rows.map((r) => ({
        agreementId: r.id,
        number: r.number,
        title: r.title,
        agreementStatus: r.status,
        version: r.version,
        status: r.sync_status ?? 'NOT_SYNCED',
        attempts: r.attempts ?? 0,
        lastError: r.last_error,
        lastAttemptAt: r.last_attempt_at?.toISOString() ?? null,
        deliveredAt: r.delivered_at?.toISOString() ?? null,
        deliveredVersion: r.delivered_version,
      })),
    };
  }

  @Post('run')
  @HttpCode(202)
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Run the sync now (after the run in progress, if any)' })
  @ApiAcceptedResponse({ description: '{triggered: true}' })
  @ApiConflictResponse({ description: 'The sync is off (COMMITMENTS_SYNC_URL unset)' })
  async run(@CurrentUser() user: AuthUser) {
    if (!this.config.COMMITMENTS_SYNC_URL)
      throw conflict('The commitments sync is off: COMMITMENTS_SYNC_URL is not set', 'COMMITMENTS_SYNC_OFF');
    try {
      await this.temporal.client.schedule.getHandle(commitmentsSyncScheduleId(user.province)).trigger(ScheduleOverlapPolicy.BUFFER_ONE);
    } catch (err) {
      if (err instanceof ScheduleNotFoundError)
        throw unavailable(
          'The commitments sync schedule does not exist yet (the worker creates it when it starts)',
          'COMMITMENTS_SYNC_NOT_READY',
        );
      throw unavailable(`The workflow engine did not answer: ${(err as Error).message}`, 'WORKFLOW_ENGINE_UNAVAILABLE');
    }
    return { triggered: true };
  }
}
