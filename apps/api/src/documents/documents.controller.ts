import { Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, StreamableFile, type PipeTransform } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiExtraModels,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { badRequest } from '../common/problem-details.filter';
import { uuidParam } from '../proposals/proposals.controller';
import { OfficialDocumentDto, OfficialDocumentListDto, RegisterDto, RegisterQuery } from './documents.dto';
import { DocumentsService } from './documents.service';

const invalidYear = () => badRequest('Invalid year', [{ field: 'year', message: 'year must be an integer from 2000 to 2999' }]);
const yearParam = new ParseIntPipe({ exceptionFactory: invalidYear });
const inRange: PipeTransform<number, number> = {
  transform: (year) => {
    if (year < 2000 || year > 2999) throw invalidYear();
    return year;
  },
};

/**
 * Official documents of Decree 30/2020/NĐ-CP (issue 17, docs/api.md "Official documents"): the decision the
 * Chairman's APPROVE or REJECT produces, numbered in its issuer's register when a leader or clerk issues it.
 */
@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get('proposals/:id/documents')
  @ApiOkResponse({ type: OfficialDocumentListDto, description: "The proposal's official documents, oldest first" })
  @ApiNotFoundResponse({ description: 'No proposal the caller may see' })
  forProposal(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.documents.forProposal(user, id);
  }

  @Get('documents/:id')
  @ApiOkResponse({ type: OfficialDocumentDto })
  @ApiNotFoundResponse({ description: 'No document whose proposal or cycle the caller may see' })
  get(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.documents.get(user, id);
  }

  @Post('documents/:id/issue')
  @HttpCode(200)
  @ApiOkResponse({
    type: OfficialDocumentDto,
    description:
      "Issued: the next number of the issuer's register for the current year (Asia/Ho_Chi_Minh) and today's date. Issuing again answers the same number",
  })
  @ApiForbiddenResponse({ description: 'The caller is not a LEADER, AGENCY_HEAD or CLERK of the issuing agency' })
  @ApiNotFoundResponse({ description: 'No document the caller may see' })
  issue(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.documents.issue(user, id);
  }

  @Get('registers/:agency/:year')
  @ApiParam({ name: 'agency', schema: { type: 'string', maxLength: 32, example: 'HT-UBND' }, description: 'Agency code' })
  @ApiParam({ name: 'year', schema: { type: 'integer', minimum: 2000, maximum: 2999, example: 2026 }, description: 'Calendar year' })
  @ApiExtraModels(RegisterDto)
  @ApiOkResponse({
    description: "The agency's outgoing-document register for the year: JSON, or with `format=csv` CSV (UTF-8 with BOM)",
    content: {
      'application/json': { schema: { $ref: getSchemaPath(RegisterDto) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiBadRequestResponse({ description: 'year is not an integer, or format is neither csv nor json' })
  @ApiForbiddenResponse({ description: 'Neither a member of the agency nor AUDITOR' })
  @ApiNotFoundResponse({ description: 'No such agency' })
  async register(
    @CurrentUser() user: AuthUser,
    @Param('agency') agency: string,
    @Param('year', yearParam, inRange) year: number,
    @Query() q: RegisterQuery,
  ) {
    const register = await this.documents.register(user, agency, year);
    if (q.format !== 'csv') return register;
    return new StreamableFile(this.documents.registerCsv(register.items), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="register-${agency}-${year}.csv"`,
    });
  }
}
