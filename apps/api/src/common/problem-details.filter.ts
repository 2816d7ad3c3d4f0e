import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { ERROR_CODES, genericErrorCode, type ErrorCode, type ErrorCodeFor } from '@accord/domain/errors/error-codes';

export interface FieldError {
  field: string;
  message: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/**
 * A domain-level refusal, thrown by services, rendered by the filter. Built from its code: the status (and so the
 * title) comes from the catalogue in libs/domain (ERROR_CODES), the one place a code is given its status.
 */
export class ProblemException extends HttpException {
  readonly title: string;

  constructor(
    readonly code: ErrorCode,
    detail: string,
    readonly errors?: FieldError[],
    readonly problemType = 'about:blank',
  ) {
    super(detail, ERROR_CODES[code]);
    this.title = TITLES[ERROR_CODES[code]] ?? 'Error';
  }
}

// Each helper takes only codes of its own status, and defaults to that status's generic code.
export const badRequest = (detail: string, errors?: FieldError[], code: ErrorCodeFor<400> = 'VALIDATION_FAILED') =>
  new ProblemException(code, detail, errors);
export const unauthorized = (detail: string, code: ErrorCodeFor<401> = 'AUTHENTICATION_REQUIRED') => new ProblemException(code, detail);
export const notFound = (detail: string, code: ErrorCodeFor<404> = 'NOT_FOUND') => new ProblemException(code, detail);
export const conflict = (detail: string, code: ErrorCodeFor<409> = 'CONFLICT') => new ProblemException(code, detail);
export const forbidden = (detail: string, rule?: string, code: ErrorCodeFor<403> = 'FORBIDDEN') =>
  new ProblemException(code, detail, undefined, rule ? `urn:accord:rule:${rule}` : 'about:blank');
export const tooManyRequests = (detail: string, code: ErrorCodeFor<429> = 'TOO_MANY_REQUESTS') => new ProblemException(code, detail);
export const unprocessable = (detail: string, code: ErrorCodeFor<422> = 'UNPROCESSABLE') => new ProblemException(code, detail);
export const unavailable = (detail: string, code: ErrorCodeFor<503> = 'SERVICE_UNAVAILABLE') => new ProblemException(code, detail);

/** Seconds a client should wait before trying again after a 503 (a dependency restarting is back within seconds). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The database is unreachable or refusing connections (restart, failover, pool exhausted): nothing was accepted, so
 * the client may retry; that is a 503 with Retry-After, not a 500.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code = String((e as { code?: unknown }).code ?? '');
  if (
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '53300', '53400'].includes(code) ||
    code.startsWith('08')
  )
    return true;
  const message = String((e as { message?: unknown }).message ?? '');
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)/i.test(
    message,
  );
}

/**
 * Every error leaves as application/problem+json (RFC 9457): {type, title, status, code, detail, errors?}. `code` is
 * always there (docs/api.md, "Error codes"): refusals nobody named get their status's generic code.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    let status = HttpStatus.INTERNAL_SERVER_ERROR;
    let body: Record<string, unknown>;
    if (exception instanceof ProblemException) {
      status = exception.getStatus();
      body = {
        type: exception.problemType,
        title: exception.title,
        status,
        code: exception.code,
        detail: exception.message,
        ...(exception.errors ? { errors: exception.errors } : {}),
      };
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
      const detail = Array.isArray(message) ? message.join('; ') : String(message ?? exception.message);
      body = { type: 'about:blank', title: TITLES[status] ?? 'Error', status, code: nestExceptionCode(status, detail), detail };
    } else if (isBodyParserError(exception)) {
      status = exception.status;
      const code = exception.type === 'entity.parse.failed' ? 'MALFORMED_JSON' : genericErrorCode(status);
      body = {
        type: 'about:blank',
        title: TITLES[status] ?? 'Bad Request',
        status,
        code,
        detail: exception.type === 'entity.too.large' ? 'Request body too large' : 'Malformed JSON body',
      };
    } else if (isDatabaseUnavailable(exception)) {
      status = HttpStatus.SERVICE_UNAVAILABLE;
      this.logger.warn(`database unavailable: ${(exception as Error).message}`);
      body = {
        type: 'about:blank',
        title: TITLES[503],
        status,
        code: 'DATABASE_UNAVAILABLE',
        detail: 'The database is unavailable; nothing was changed. Try again shortly.',
      };
    } else {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
      body = {
        type: 'about:blank',
        title: 'Internal Server Error',
        status,
        code: 'INTERNAL_ERROR',
        detail: 'An unexpected error occurred',
      };
    }
    // 503s, and the 429s whose handler did not say how long (ARCHIVE_BUSY): a retry within seconds may succeed.
    if (status === HttpStatus.SERVICE_UNAVAILABLE || (status === HttpStatus.TOO_MANY_REQUESTS && !res.getHeader('Retry-After')))
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    res.status(status).type('application/problem+json').send(JSON.stringify(body));
  }
}

/**
 * The code of an exception Nest raised itself. Its router answers an unknown path (or method) with a NotFoundException
 * "Cannot GET /api/v1/…", and turns body-parser's SyntaxError for a body that is not JSON into a BadRequestException
 * carrying only the parser's message ("Unexpected end of JSON input", "… is not valid JSON").
 */
function nestExceptionCode(status: number, detail: string): ErrorCode {
  if (status === HttpStatus.NOT_FOUND && /^Cannot [A-Z]+ \//.test(detail)) return 'ROUTE_NOT_FOUND';
  if (status === HttpStatus.BAD_REQUEST && /\bJSON\b/.test(detail)) return 'MALFORMED_JSON';
  return genericErrorCode(status);
}

function isBodyParserError(e: unknown): e is { status: number; type: string } {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { status?: unknown }).status === 'number' &&
    typeof (e as { type?: unknown }).type === 'string'
  );
}
