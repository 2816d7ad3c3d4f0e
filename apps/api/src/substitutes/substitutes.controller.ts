import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { IdempotencyKey } from '../common/idempotency';
import { uuidParam } from '../proposals/proposals.controller';
import { CreateSubstituteDto, SubstitutionDto, SubstitutionListDto } from './substitutes.dto';
import { SubstitutesService } from './substitutes.service';

/**
 * Out-of-office substitutes: while a substitution covers today (Asia/Ho_Chi_Minh), the tasks assigned to the absent
 * user appear in the substitute's inbox, and the substitute may claim, unclaim and complete them as the assignee.
 */
@ApiTags('substitutes')
@ApiBearerAuth()
@Controller('me/substitutes')
export class SubstitutesController {
  constructor(private readonly substitutes: SubstitutesService) {}

  @Get()
  @ApiOkResponse({ type: SubstitutionListDto })
  list(@CurrentUser() user: AuthUser) {
    return this.substitutes.list(user);
  }

  @Post()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key from the same user returns the first result' })
  @ApiCreatedResponse({ type: SubstitutionDto })
  @ApiBadRequestResponse({
    description:
      "Bad dates (past start, end before start, longer than a year) or a substitute who is not another member of the caller's agency",
  })
  @ApiForbiddenResponse({ description: 'The caller belongs to no agency' })
  @ApiConflictResponse({ description: 'The dates overlap another current or coming substitution of the caller' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateSubstituteDto, @IdempotencyKey() key?: string) {
    return this.substitutes.create(user, body, key);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked (revoking a revoked substitution changes nothing)' })
  @ApiNotFoundResponse({ description: 'No substitution of the caller has this id' })
  async revoke(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string): Promise<void> {
    await this.substitutes.revoke(user, id);
  }
}
