import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { uuidParam } from '../proposals/proposals.controller';
import { OpenReportCycleDto, ReportCycleListQuery, ReportFormatQuery } from './report-cycles.dto';
import { ReportCyclesService } from './report-cycles.service';

/** Reporting cycles (docs/domain.md): 6-month and annual reports of the agencies to HT-SNGV, the province's report to MOFA. */
@ApiTags('report-cycles')
@ApiBearerAuth()
@Controller('report-cycles')
export class ReportCyclesController {
  constructor(private readonly cycles: ReportCyclesService) {}

  @Get()
  @ApiOkResponse({
    description:
      '{items:[{id, kind, year, title, period, openedOn, dueOn, status, consolidator, progress:{total, submitted, open, overdue, cancelled}}], nextCursor}',
  })
  list(@Query() query: ReportCycleListQuery) {
    return this.cycles.list(query);
  }

  @Post()
  @Roles('ADMIN')
  @ApiOperation({ summary: 'Open a cycle by hand (ADMIN); schedules open them on the policy dates' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key from the same user returns the first result' })
  @ApiCreatedResponse({ description: 'The cycle, with one PERIODIC_REPORT per reporting agency (as GET /report-cycles/:id)' })
  @ApiBadRequestResponse({ description: 'Unknown kind, bad year or dueOn' })
  @ApiConflictResponse({ description: 'A cycle of this kind is open for that year already' })
  open(@CurrentUser() user: AuthUser, @Body() body: OpenReportCycleDto, @Headers('idempotency-key') key?: string) {
    return this.cycles.open(user, body, key);
  }

  @Get(':id')
  @ApiOkResponse({
    description:
      'The cycle and per-agency PERIODIC_REPORT status: reports:[{agency, taskId, status:SUBMITTED|OPEN|MISSING, sla, dueAt, escalated, submittedAt, submittedBy, late, comment, attachmentIds}], documents (the stored report files), officialDocuments (the REPORT of a consolidated cycle, as GET /documents/:id). comment and attachmentIds of a report are shown to its agency, HT-SNGV, LEADER, ADMIN and AUDITOR; to other readers comment is null and attachmentIds empty',
  })
  @ApiNotFoundResponse({ description: 'No such cycle' })
  detail(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.cycles.detail(user, id);
  }

  @Post(':id/consolidate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Consolidate (HT-SNGV): reports still open are cancelled and listed as missing; the DOCX and XLSX report is generated',
  })
  @ApiOkResponse({ description: 'The consolidated cycle (as GET /report-cycles/:id)' })
  @ApiForbiddenResponse({ description: 'Not a member of the consolidating agency (nor ADMIN)' })
  @ApiNotFoundResponse({ description: 'No such cycle' })
  @ApiConflictResponse({ description: 'Already consolidated' })
  consolidate(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.cycles.consolidate(user, id);
  }

  @Get(':id/report')
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiOperation({
    summary: 'The consolidated report in Vietnamese (HT-SNGV, LEADER, ADMIN): the generated one once consolidated, a draft before',
  })
  @ApiProduces(
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  )
  @ApiOkResponse({ description: 'DOCX or XLSX bytes', schema: { type: 'string', format: 'binary' } })
  @ApiBadRequestResponse({ description: 'format is neither docx nor xlsx' })
  @ApiForbiddenResponse({ description: 'Not HT-SNGV, LEADER or ADMIN' })
  @ApiNotFoundResponse({ description: 'No such cycle' })
  report(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Query() query: ReportFormatQuery) {
    return this.cycles.report(user, id, query.format ?? 'docx');
  }
}
