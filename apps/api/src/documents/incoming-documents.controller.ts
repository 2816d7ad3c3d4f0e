import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { uuidParam } from '../proposals/proposals.controller';
import { sendEdxml } from './edxml.controller';
import {
  IncomingDocumentDto,
  IncomingDocumentListDto,
  IncomingDocumentListQuery,
  RejectIncomingDocumentDto,
} from './incoming-documents.dto';
import { IncomingDocumentsService } from './incoming-documents.service';

const READERS = "Members of the province's SNGV, ADMIN and AUDITOR (NOT_EDXML_RECEIVER otherwise)";
const ANSWERERS = "Members of the province's SNGV and ADMIN (NOT_EDXML_RECEIVER otherwise)";

/** Incoming edXML documents (văn bản đến) and the status messages that answer their senders (issue 17, item 5). */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('incoming-documents')
export class IncomingDocumentsController {
  constructor(private readonly incoming: IncomingDocumentsService) {}

  @Get()
  @ApiOperation({ summary: "The province's incoming documents, newest first" })
  @ApiOkResponse({ type: IncomingDocumentListDto })
  @ApiBadRequestResponse({ description: 'A bad filter, limit or cursor (field errors)' })
  @ApiForbiddenResponse({ description: READERS })
  list(@CurrentUser() user: AuthUser, @Query() q: IncomingDocumentListQuery) {
    return this.incoming.list(user, q);
  }

  @Get(':id')
  @ApiOkResponse({ type: IncomingDocumentDto })
  @ApiForbiddenResponse({ description: READERS })
  @ApiNotFoundResponse({ description: "No such incoming document in the caller's province" })
  get(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.incoming.get(user, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept (tiếp nhận) a received document; again: the same answer' })
  @ApiOkResponse({ type: IncomingDocumentDto, description: 'ACCEPTED; audited EDXML_ACCEPTED' })
  @ApiForbiddenResponse({ description: ANSWERERS })
  @ApiNotFoundResponse({ description: "No such incoming document in the caller's province" })
  @ApiConflictResponse({ description: 'Already rejected (INCOMING_DOCUMENT_ANSWERED)' })
  accept(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.incoming.accept(user, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject (từ chối tiếp nhận) a received document with the reason; the same rejection again: the same answer' })
  @ApiOkResponse({ type: IncomingDocumentDto, description: 'REJECTED with `statusReason`; audited EDXML_REJECTED' })
  @ApiBadRequestResponse({ description: 'No reason, or one over 2,000 characters (field error on `reason`)' })
  @ApiForbiddenResponse({ description: ANSWERERS })
  @ApiNotFoundResponse({ description: "No such incoming document in the caller's province" })
  @ApiConflictResponse({ description: 'Already accepted, or rejected for another reason (INCOMING_DOCUMENT_ANSWERED)' })
  reject(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Body() body: RejectIncomingDocumentDto) {
    return this.incoming.reject(user, id, body.reason);
  }

  @Get(':id/edxml-status')
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiProduces('application/xml')
  @ApiOperation({
    summary: 'The edXML status message for the sender',
    description:
      'RECEIVED (01) until the document is answered, then ACCEPTED (03) or REJECTED (02, the reason in Description), ' +
      "from the receiving department's organ; for whoever sends it back through the exchange axis (docs/records.md). " +
      "`X-Accord-Edxml-Demo: true` when the organ ids are the DEMO directory's.",
  })
  @ApiOkResponse({ description: 'The status message (a SOAP envelope with edXML:Status)', schema: { type: 'string' } })
  @ApiForbiddenResponse({ description: READERS })
  @ApiNotFoundResponse({ description: "No such incoming document in the caller's province" })
  @ApiConflictResponse({ description: 'The receiving agency has no organ id in the edXML directory (DOCUMENT_NOT_EXCHANGEABLE)' })
  async status(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Res({ passthrough: true }) res: Response) {
    return sendEdxml(res, await this.incoming.statusMessage(user, id));
  }
}
