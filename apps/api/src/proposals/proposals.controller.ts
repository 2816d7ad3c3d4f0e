import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PROPOSAL_KINDS, PROPOSAL_STATUSES } from '@accord/domain';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { IdempotencyKey } from '../common/idempotency';
import { PageQuery } from '../common/pagination';
import { badRequest } from '../common/problem-details.filter';
import { PROPOSAL_ACCEPTED_SCHEMA } from '../common/response-schemas';
import { CreateProposalDto } from './dto/create-proposal.dto';
import { ReasonDto } from './dto/reason.dto';
import { ProposalLifecycleService } from './proposal-lifecycle.service';
import { ProposalsService } from './proposals.service';

export class ProposalListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PROPOSAL_STATUSES }) @IsOptional() @IsIn(PROPOSAL_STATUSES) status?: string;
  @ApiPropertyOptional({ enum: PROPOSAL_KINDS }) @IsOptional() @IsIn(PROPOSAL_KINDS) kind?: string;
  @ApiPropertyOptional({ description: 'Submitting agency code', maxLength: 32 }) @IsOptional() @IsString() @MaxLength(32) agency?: string;
  @ApiPropertyOptional({
    description:
      'Words in the title, summary or reference, each matched ignoring case and Vietnamese diacritics, in any order; % and _ match themselves',
    example: 'hop tac Savannakhet',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => badRequest('Invalid id', [{ field: 'id', message: 'id must be a UUID' }], 'INVALID_ID'),
});

@ApiTags('proposals')
@ApiBearerAuth()
@Controller('proposals')
export class ProposalsController {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly lifecycle: ProposalLifecycleService,
  ) {}

  @Post('preview')
  @HttpCode(200)
  @Roles('SUBMITTER')
  preview(@CurrentUser() user: AuthUser, @Body() body: CreateProposalDto) {
    return this.proposals.preview(user, body);
  }

  @Post()
  @Roles('SUBMITTER')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key from the same user returns the first result' })
  @ApiCreatedResponse({ description: '{id, reference, kind, status, plan}', schema: PROPOSAL_ACCEPTED_SCHEMA })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateProposalDto, @IdempotencyKey() key?: string) {
    return this.proposals.create(user, body, key);
  }

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: ProposalListQuery) {
    return this.proposals.list(user, query);
  }

  @Get(':id')
  detail(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.proposals.detail(user, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ description: '{id, reference, status}; 409 once decided' })
  withdraw(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string, @Body() body: ReasonDto) {
    return this.lifecycle.withdraw(user, id, body.reason);
  }

  @Get(':id/timeline')
  timeline(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string) {
    return this.proposals.timeline(user, id);
  }
}

export { uuid as uuidParam };
