import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { PageQuery } from '../common/pagination';
import { badRequest } from '../common/problem-details.filter';
import { PolicyService } from './policy.service';
import { POLICY_VERSION, PublishPolicyDto } from './policies.dto';

/** Routing policy versions (docs/domain.md "Routing policy (data, versioned)"): anyone reads them, an ADMIN publishes. */
@ApiTags('policies')
@ApiBearerAuth()
@Controller('policies')
export class PoliciesController {
  constructor(private readonly policies: PolicyService) {}

  @Get()
  @ApiOkResponse({
    description: '{items:[{version, publishedAt, publishedBy:{id,fullName}|null, note, current}], nextCursor}, newest first',
  })
  list(@Query() query: PageQuery) {
    return this.policies.list(query);
  }

  @Get('current')
  @ApiOkResponse({ description: 'The policy new proposals are planned with: {version, publishedAt, publishedBy, note, current, document}' })
  current() {
    return this.policies.get('current');
  }

  @Get(':version')
  @ApiParam({ name: 'version', schema: { type: 'string', pattern: POLICY_VERSION.source } })
  @ApiOkResponse({ description: '{version, publishedAt, publishedBy, note, current, document}' })
  get(@Param('version') version: string) {
    if (!POLICY_VERSION.test(version)) throw badRequest('Invalid version', [{ field: 'version', message: 'not a policy version' }]);
    return this.policies.get(version);
  }

  /** Publishes a new version as current; proposals already submitted keep the plan they were given. */
  @Post()
  @Roles('ADMIN')
  @ApiCreatedResponse({ description: '{version, publishedAt, publishedBy, note, current:true, previousVersion, document}' })
  publish(@CurrentUser() user: AuthUser, @Body() body: PublishPolicyDto) {
    return this.policies.publish(user, body);
  }
}
