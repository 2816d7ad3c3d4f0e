import {
  BadRequestException,
  Inject,
  Injectable,
  PayloadTooLargeException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { join } from 'node:path';
import type { Observable } from 'rxjs';
import { AppConfig } from '@accord/config';
import { badRequest } from '../common/problem-details.filter';

export const UPLOAD_FIELD = 'file';

/**
 * The OpenAPI request body of an upload through AttachmentUploadInterceptor: one required binary `file` part.
 * `encoding` names the part's media types, so a client (or Schemathesis) sends a file of an allowed type.
 */
export function uploadRequestBody(description: string, contentType: string) {
  return {
    required: true,
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object' as const,
          required: [UPLOAD_FIELD],
          properties: { [UPLOAD_FIELD]: { type: 'string' as const, format: 'binary', description } },
        },
        encoding: { [UPLOAD_FIELD]: { contentType } },
      },
    },
  };
}

/** Where uploads are streamed while they arrive: inside ATTACHMENT_DIR, so moving one into the store is a rename. */
export const incomingDir = (attachmentDir: string): string => join(attachmentDir, '.incoming');

/**
 * Nest's FileInterceptor for the one `file` part, streamed to a temporary file (multer's disk storage) rather than
 * held in memory — a few concurrent 25 MiB uploads would otherwise sit whole in the api's heap (issue 12, item 12) —
 * limited to ATTACHMENT_MAX_BYTES (multer stops reading and deletes the partial file at the limit). The contract
 * wants every upload refusal as 400 with a field error on `file`, where Nest would answer 413 for a too
 * large file and a bare 400 for a wrong part, so multer's errors are mapped here.
 */
@Injectable()
export class AttachmentUploadInterceptor extends FileInterceptor(UPLOAD_FIELD) implements NestInterceptor {
  constructor(@Inject(AppConfig) private readonly config: AppConfig) {
    // Browsers send the raw UTF-8 bytes of a file name; busboy would read them as latin1 (mangling Vietnamese names).
    super({
      dest: incomingDir(config.ATTACHMENT_DIR),
      limits: { fileSize: config.ATTACHMENT_MAX_BYTES, files: 1, fields: 20, parts: 21 },
      defParamCharset: 'utf8',
    });
  }

  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(context, next);
    } catch (err) {
      if (err instanceof PayloadTooLargeException) {
        const message = `The file is larger than ${this.config.ATTACHMENT_MAX_BYTES} bytes`;
        throw badRequest(message, [{ field: UPLOAD_FIELD, message }], 'FILE_TOO_LARGE');
      }
      if (err instanceof BadRequestException) {
        const message = `${err.message}; send one file in the multipart field "${UPLOAD_FIELD}"`;
        throw badRequest(message, [{ field: UPLOAD_FIELD, message }], 'UPLOAD_INVALID');
      }
      throw err;
    }
  }
}
