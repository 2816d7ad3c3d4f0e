import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { checkIdempotencyKey } from '../common/idempotency';
import { uuidParam } from '../proposals/proposals.controller';
import { TASK_COMPLETED_SCHEMA } from '../common/response-schemas';
import { CompleteTaskDto, TaskListQuery } from './tasks.dto';
import { TasksService } from './tasks.service';
import { TasksAssignmentService } from './tasks-assignment.service';

export class AssignTaskDto {
  @ApiProperty({ format: 'uuid', description: "A member of the task's candidate agency" }) @IsUUID('all') userId: string;
}

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly assignment: TasksAssignmentService,
  ) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: TaskListQuery) {
    return this.tasks.list(user, query);
  }

  @Get(':id')
  get(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.tasks.get(user, id);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The task, held by the caller (claiming a task one holds already changes nothing)' })
  @ApiForbiddenResponse({ description: 'Not a member of the candidate agency' })
  @ApiNotFoundResponse({ description: 'No such task' })
  @ApiConflictResponse({ description: 'Someone else holds it, or it is no longer open' })
  claim(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.assignment.claim(user, id);
  }

  @Post(':id/unclaim')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The task, held by nobody' })
  @ApiForbiddenResponse({ description: 'Not a member of the candidate agency (nor ADMIN)' })
  @ApiNotFoundResponse({ description: 'No such task' })
  @ApiConflictResponse({
    description: 'Someone else holds it (only the holder, the agency head or ADMIN may release it), or it is no longer open',
  })
  unclaim(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.assignment.unclaim(user, id);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The task, held by the given user' })
  @ApiBadRequestResponse({ description: '`userId` names no member of the candidate agency' })
  @ApiForbiddenResponse({ description: 'Not the AGENCY_HEAD of the candidate agency, nor ADMIN' })
  @ApiNotFoundResponse({ description: 'No such task' })
  @ApiConflictResponse({ description: 'The task is no longer open' })
  assign(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: AssignTaskDto) {
    return this.assignment.assign(user, id, body.userId);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key does not decide twice' })
  @ApiOkResponse({ description: '{task, proposal:{id,status}}', schema: TASK_COMPLETED_SCHEMA })
  complete(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Body() body: CompleteTaskDto,
    @Headers('idempotency-key') key?: string,
  ) {
    // The same 1-255 characters as every other Idempotency-Key (the document says so for all of them).
    return this.tasks.complete(user, id, body, checkIdempotencyKey(key));
  }
}
