import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { UserListDto, UserListQuery } from './users.dto';
import { UsersService } from './users.service';

/** The users directory, so people choose colleagues (a substitute, an assignee) by name rather than by user id. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({
    summary: 'List users',
    description:
      'ADMIN and AUDITOR see every user; anyone else sees the members of their own agency (a user of no agency sees only themself).',
  })
  @ApiOkResponse({ type: UserListDto })
  @ApiBadRequestResponse({ description: 'A bad filter, limit or cursor (field errors name it)' })
  list(@CurrentUser() user: AuthUser, @Query() query: UserListQuery) {
    return this.users.list(user, query);
  }
}
