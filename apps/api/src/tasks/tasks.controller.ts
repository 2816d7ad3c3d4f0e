import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { uuidParam } from '../proposals/proposals.controller';
import { CompleteTaskDto, TaskListQuery } from './dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: TaskListQuery) {
    return this.tasks.list(user, query);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.tasks.get(user, id);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key does not decide twice' })
  @ApiOkResponse({ description: '{task, proposal:{id,status}}' })
  complete(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: CompleteTaskDto, @Headers('idempotency-key') key?: string) {
    return this.tasks.complete(user, id, body, key);
  }
}
