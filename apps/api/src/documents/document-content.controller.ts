import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPropertyOptional,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { uuidParam } from '../proposals/proposals.controller';
import { DocumentContentService, type DocumentContentFormat } from './document-content.service';

export class DocumentContentQuery {
  @ApiPropertyOptional({ enum: ['pdf', 'docx'], default: 'pdf' })
  @IsOptional()
  @IsIn(['pdf', 'docx'], { message: 'format must be pdf or docx' })
  format?: DocumentContentFormat;
}

/** The content of an official document (issue 17, item 3; docs/api.md "Official documents"; docs/records.md "Rendering"). */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('documents')
export class DocumentContentController {
  constructor(private readonly contents: DocumentContentService) {}

  @Get(':id/content')
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiOperation({
    summary: 'The document in the Decree 30 layout, as PDF (the signed copy once there is one) or DOCX',
    description:
      'PDF: the rendering (Tinos embedded; the same document always gives the same bytes, their sha256 recorded at issue), or ' +
      'once the document is SIGNED, the verified signed copy. DOCX: always the rendering. A DRAFT prints blank number, day and month.',
  })
  @ApiProduces('application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiOkResponse({
    description: 'The file, with a Content-Disposition naming it after the number and notation (`15-QD-UBND.pdf`)',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiBadRequestResponse({ description: 'format is neither pdf nor docx (field error on `format`)' })
  @ApiNotFoundResponse({ description: 'No document the caller may see' })
  @ApiServiceUnavailableResponse({ description: 'The signed copy is missing from storage (ATTACHMENT_CONTENT_UNAVAILABLE)' })
  content(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Query() query: DocumentContentQuery) {
    return this.contents.content(user, id, query.format ?? 'pdf');
  }
}
