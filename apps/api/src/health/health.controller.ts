import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { pingDatabase } from '@accord/persistence';
import { TemporalClientService } from '../temporal/temporal-client.module';
import { Public } from '../auth/auth.decorators';

type Check = 'up' | 'down';

/** For load balancers: 200 when Postgres and Temporal answer, 503 naming the one that does not. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    private readonly temporal: TemporalClientService,
  ) {}

  @Public()
  @Get()
  @ApiOkResponse({ description: "{status:'ok', checks:{database:'up', temporal:'up'}}" })
  @ApiServiceUnavailableResponse({ description: 'a dependency is down' })
  async health(@Res({ passthrough: true }) res: Response) {
    const [database, temporal] = await Promise.all([this.database(), this.temporal.isUp().then((up): Check => (up ? 'up' : 'down'))]);
    const ok = database === 'up' && temporal === 'up';
    if (!ok) res.status(503);
    return { status: ok ? 'ok' : 'error', checks: { database, temporal } };
  }

  private async database(): Promise<Check> {
    try {
      await pingDatabase(this.db);
      return 'up';
    } catch {
      return 'down';
    }
  }
}
