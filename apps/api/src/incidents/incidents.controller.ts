import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { uuidParam } from '../proposals/proposals.controller';
import { IncidentQuery, IncidentRetryDto } from './incidents.dto';
import { IncidentsService } from './incidents.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  /** Workflow steps waiting for an administrator, newest first (default: not yet resolved). */
  @Get()
  @Roles('ADMIN', 'AUDITOR')
  @ApiOkResponse({
    description:
      '{items:[{id, status, proposal:{id, reference, title}, step:{key, seq, action, status, stage}, activity, error:{type, message}, openedAt, retryCount, lastRetryAt, lastRetryBy, resolvedAt, resolution}], nextCursor}',
  })
  list(@Query() query: IncidentQuery) {
    return this.incidents.list(query);
  }

  @Get(':id')
  @Roles('ADMIN', 'AUDITOR')
  get(@Param('id', uuidParam) id: string) {
    return this.incidents.get(id);
  }

  /** Runs the failed step again once its cause is fixed (audited); the incident closes when the step goes through. */
  @Post(':id/retry')
  @HttpCode(200)
  @Roles('ADMIN')
  @ApiConflictResponse({ description: 'The incident is not open, or its workflow no longer waits on it' })
  retry(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: IncidentRetryDto) {
    return this.incidents.retry(user, id, body.comment);
  }
}
