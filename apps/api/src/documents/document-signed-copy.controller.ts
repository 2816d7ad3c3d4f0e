import { Controller, HttpCode, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { AttachmentUploadInterceptor, uploadRequestBody } from '../attachments/attachment-upload.interceptor';
import type { UploadedPart } from '../attachments/attachments.service';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { uuidParam } from '../proposals/proposals.controller';
import { DocumentSignedCopyService } from './document-signed-copy.service';
import { OfficialDocumentDto } from './documents.dto';

/** The signed copy of an issued official document (issue 17, item 4; docs/api.md "Official documents"). */
@ApiTags('documents')
@ApiBearerAuth()
@Controller('documents')
export class DocumentSignedCopyController {
  constructor(private readonly signedCopies: DocumentSignedCopyService) {}

  @Post(':id/signed-copy')
  @HttpCode(200)
  // The same upload handling and limit (ATTACHMENT_MAX_BYTES) as POST /attachments.
  @UseInterceptors(AttachmentUploadInterceptor)
  @ApiOperation({
    summary: 'Record the externally signed PDF of an issued document',
    requestBody: uploadRequestBody(
      'The PDF signed outside Accord (PAdES / adbe.pkcs7.detached); at most ATTACHMENT_MAX_BYTES',
      'application/pdf',
    ),
  })
  @ApiOkResponse({ type: OfficialDocumentDto, description: 'SIGNED, with `sha256` of the signed copy and its verified `signature`' })
  @ApiBadRequestResponse({ description: 'No file, or a multipart body of the wrong shape or too large (field error on `file`)' })
  @ApiForbiddenResponse({ description: 'The caller is not a LEADER, AGENCY_HEAD or CLERK of the issuing agency (NOT_DOCUMENT_ISSUER)' })
  @ApiNotFoundResponse({ description: 'No document the caller may see' })
  @ApiConflictResponse({ description: 'A DRAFT (DOCUMENT_NOT_ISSUED), or another signed copy is recorded (DOCUMENT_ALREADY_SIGNED)' })
  @ApiUnprocessableEntityResponse({
    description:
      'Refused, the reason in `detail`: SIGNED_COPY_UNSIGNED (no signature), SIGNED_COPY_TAMPERED (changed after signing, bad signature), ' +
      'SIGNED_COPY_NOT_THIS_DOCUMENT (not this document), SIGNED_COPY_CERTIFICATE_INVALID (certificate not valid at signing), ' +
      'SIGNED_COPY_INVALID (not a PDF, unsupported or broken signature)',
  })
  upload(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @UploadedFile() file: UploadedPart | undefined) {
    return this.signedCopies.upload(user, id, file);
  }
}
