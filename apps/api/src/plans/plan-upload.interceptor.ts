import {
  BadRequestException,
  Injectable,
  PayloadTooLargeException,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { badRequest } from '../common/problem-details.filter';

export const PLAN_FILE_FIELD = 'file';
export const PLAN_FILE_MAX_BYTES = 5 * 1024 * 1024;

/**
 * The plan spreadsheet in the multipart field `file`, in memory (a plan appendix is small). JSON requests pass
 * through untouched; multer's refusals become 400 with a field error on `file`, as the contract wants.
 */
@Injectable()
export class PlanUploadInterceptor
  extends FileInterceptor(PLAN_FILE_FIELD, {
    limits: { fileSize: PLAN_FILE_MAX_BYTES, files: 1, fields: 10, parts: 11 },
    defParamCharset: 'utf8',
  })
  implements NestInterceptor
{
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(context, next);
    } catch (err) {
      if (err instanceof PayloadTooLargeException) {
        const message = `The plan file is larger than ${PLAN_FILE_MAX_BYTES} bytes`;
        throw badRequest(message, [{ field: PLAN_FILE_FIELD, message }], 'FILE_TOO_LARGE');
      }
      if (err instanceof BadRequestException) {
        const message = `${err.message}; send the XLSX in the multipart field "${PLAN_FILE_FIELD}" and the plan's title in "title"`;
        throw badRequest(message, [{ field: PLAN_FILE_FIELD, message }], 'UPLOAD_INVALID');
      }
      throw err;
    }
  }
}
