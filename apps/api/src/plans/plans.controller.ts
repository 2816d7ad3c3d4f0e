import { Body, Controller, Get, Headers, Param, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { uuidParam } from '../proposals/proposals.controller';
import { PlanUploadInterceptor, PLAN_FILE_FIELD, PLAN_FILE_MAX_BYTES } from './plan-upload.interceptor';
import { PlanDetailQuery, PlanImportDto, PlanItemInputDto, PlanItemUpdateDto, PlanListQuery } from './plans.dto';
import { PlansService, type UploadedPlanFile } from './plans.service';

/** Implementation plans: tasks with a lead, coordinators, a due date or recurrence, followed up by HT-SNGV. */
@ApiTags('plans')
@ApiBearerAuth()
@ApiExtraModels(PlanImportDto, PlanItemInputDto)
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post()
  @UseInterceptors(PlanUploadInterceptor)
  // The request body per media type (ApiBody would give both the same schema, a binary file in JSON included).
  @ApiOperation({
    summary: 'Import a plan (ADMIN or HT-SNGV): JSON, or the appendix spreadsheet as XLSX (multipart)',
    requestBody: {
      required: true,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(PlanImportDto) } },
        'multipart/form-data': {
          schema: {
            type: 'object',
            required: [PLAN_FILE_FIELD, 'title'],
            additionalProperties: false,
            properties: {
              [PLAN_FILE_FIELD]: {
                type: 'string',
                format: 'binary',
                description: `XLSX with a header row STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện | Sản phẩm đầu ra (English headers No. | Task | Lead agency | Coordinating agencies | Time frame | Output also read); at most ${PLAN_FILE_MAX_BYTES} bytes`,
              },
              title: { type: 'string', minLength: 1, maxLength: 1000 },
              source: { type: 'string', maxLength: 1000 },
            },
          },
          encoding: { [PLAN_FILE_FIELD]: { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } },
        },
      },
    },
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key from the same user returns the first result' })
  @ApiCreatedResponse({ description: 'The plan with its tracked items (as GET /plans/:id)' })
  @ApiBadRequestResponse({
    description:
      'Every bad row as field errors `items.<i>.<field>` (unknown agency, unreadable time frame, missing task, ...); nothing is imported',
  })
  @ApiForbiddenResponse({ description: 'Neither ADMIN nor a member of HT-SNGV' })
  import(
    @CurrentUser() user: AuthUser,
    @Body() body: unknown,
    @UploadedFile() file: UploadedPlanFile | undefined,
    @Headers('idempotency-key') key?: string,
  ) {
    // Neither a file nor a body is refused even under an Idempotency-Key already used (as for uploads).
    const empty = !file && (body === undefined || body === null || (typeof body === 'object' && Object.keys(body).length === 0));
    return this.plans.import(user, body, file, empty ? undefined : key);
  }

  @Get()
  @ApiOkResponse({
    description: '{items:[{id, title, source, format, createdAt, createdBy, summary:{items, byStatus, byLead, overdue}}], nextCursor}',
  })
  list(@Query() query: PlanListQuery) {
    return this.plans.list(query);
  }

  @Get(':id')
  @ApiOkResponse({
    description:
      "The plan and its items: {id, no, task, lead:{code,name,group}, coordinators:[{code,name,group}], timeFrame, recurrence, dueOn (the due day now), period, output, status, overdue, escalated, updates}. An update's note and attachmentIds are shown to its agency, HT-SNGV, LEADER, ADMIN and AUDITOR; to other readers note is null and attachmentIds empty",
  })
  @ApiNotFoundResponse({ description: 'No such plan' })
  detail(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Query() query: PlanDetailQuery) {
    return this.plans.detail(user, id, query);
  }

  @Post(':id/items/:itemId/updates')
  @ApiOperation({ summary: 'Report progress on an item (members of its lead agency; for items all agencies lead, any agency member)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key from the same user returns the first result' })
  @ApiCreatedResponse({ description: '{id, itemId, status, note, attachmentIds, by, agency, at, item}' })
  @ApiBadRequestResponse({ description: 'Bad status or note, or unknown attachment ids' })
  @ApiForbiddenResponse({ description: 'Not a member of the lead agency' })
  @ApiNotFoundResponse({ description: 'No such plan item' })
  addUpdate(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Param('itemId', uuidParam) itemId: string,
    @Body() body: PlanItemUpdateDto,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.plans.addUpdate(user, id, itemId, body, key);
  }
}
