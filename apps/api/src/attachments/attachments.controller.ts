import { Controller, Get, Header, Param, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { IdempotencyKey } from '../common/idempotency';
import { uuidParam } from '../proposals/proposals.controller';
import { ALLOWED_DESCRIPTION, ATTACHMENT_TYPES } from './attachment-types';
import { AttachmentUploadInterceptor, uploadRequestBody } from './attachment-upload.interceptor';
import { AttachmentsService, type UploadedPart } from './attachments.service';

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Dự thảo thỏa thuận.pdf' }) filename: string;
  @ApiProperty({ description: 'bytes' }) size: number;
  @ApiProperty({ description: 'hex SHA-256 of the bytes; dossier versions pin it' }) sha256: string;
  @ApiProperty({ enum: ATTACHMENT_TYPES.map((t) => t.mediaType) }) mediaType: string;
}

@ApiTags('attachments')
@ApiBearerAuth()
@Controller('attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @UseInterceptors(AttachmentUploadInterceptor)
  // Images first in `encoding`: a generator that pairs the first listed type with a sample file of its own
  // (Schemathesis has PNG and JPEG samples, no PDF) then sends a file that is what it says.
  @ApiOperation({
    requestBody: uploadRequestBody(
      `${ALLOWED_DESCRIPTION}; at most ATTACHMENT_MAX_BYTES (25 MiB by default)`,
      ATTACHMENT_TYPES.map((t) => t.mediaType)
        .sort((a, b) => Number(b.startsWith('image/')) - Number(a.startsWith('image/')))
        .join(', '),
    ),
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key from the same user returns the first result' })
  @ApiCreatedResponse({ type: AttachmentDto })
  @ApiBadRequestResponse({
    description: 'Missing file, type not allowed (declared type, extension and content must agree) or too large; field error on `file`',
  })
  upload(@CurrentUser() user: AuthUser, @UploadedFile() file: UploadedPart | undefined, @IdempotencyKey() key?: string) {
    // No file is refused even under an Idempotency-Key already used: a replay repeats the request it replays, and a
    // request without its body is not that request (the document requires the body).
    return this.attachments.upload(user, file, file ? key : undefined);
  }

  @Get(':id/content')
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiProduces(...ATTACHMENT_TYPES.map((t) => t.mediaType))
  @ApiOkResponse({
    description: 'The bytes, with Content-Type and a Content-Disposition carrying the file name',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiNotFoundResponse({ description: 'No such attachment, or the caller neither uploaded it nor may see a proposal that refers to it' })
  content(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    return this.attachments.content(user, id);
  }
}
