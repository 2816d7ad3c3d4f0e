import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  NotFoundException,
  PayloadTooLargeException,
  type ArgumentsHost,
} from '@nestjs/common';
import { ERROR_CODES, isErrorCode } from '@accord/domain/errors/error-codes';
import { badRequest, conflict, forbidden, notFound, ProblemDetailsFilter, ProblemException, unavailable } from './problem-details.filter';

/** What the filter sends for `exception`: status, headers and the parsed problem+json body. */
function render(exception: unknown, headers: Record<string, string> = {}) {
  const sent: { status?: number; type?: string; body?: Record<string, unknown>; headers: Record<string, string> } = {
    headers: { ...headers },
  };
  const res = {
    setHeader: (name: string, value: string) => void (sent.headers[name] = value),
    getHeader: (name: string) => sent.headers[name],
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(type: string) {
      sent.type = type;
      return this;
    },
    send(text: string) {
      sent.body = JSON.parse(text) as Record<string, unknown>;
      return this;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res }) } as unknown as ArgumentsHost;
  const filter = new ProblemDetailsFilter();
  (filter as unknown as { logger: { error: () => void; warn: () => void } }).logger = { error: () => undefined, warn: () => undefined };
  filter.catch(exception, host);
  return sent as Required<typeof sent>;
}

const bodyParserError = (status: number, type: string) => Object.assign(new Error(type), { status, type });

describe('ProblemDetailsFilter', () => {
  const cases: [string, unknown, number, string][] = [
    ['a named refusal', notFound('No proposal x', 'PROPOSAL_NOT_FOUND'), 404, 'PROPOSAL_NOT_FOUND'],
    ['a helper without a code', conflict('busy'), 409, 'CONFLICT'],
    [
      'a validation failure',
      badRequest('The request has invalid fields', [{ field: 'kind', message: 'kind must be one of' }]),
      400,
      'VALIDATION_FAILED',
    ],
    ['an unknown route', new NotFoundException('Cannot GET /api/v1/nowhere'), 404, 'ROUTE_NOT_FOUND'],
    ["Nest's own 404 elsewhere", new NotFoundException('gone'), 404, 'NOT_FOUND'],
    ["Nest's own 400", new BadRequestException('Validation failed (uuid is expected)'), 400, 'BAD_REQUEST'],
    ["Nest's own 403", new ForbiddenException(), 403, 'FORBIDDEN'],
    ["Nest's own 413", new PayloadTooLargeException(), 413, 'PAYLOAD_TOO_LARGE'],
    ['a 405', new HttpException('Method Not Allowed', 405), 405, 'METHOD_NOT_ALLOWED'],
    ['a 429', new HttpException('slow down', 429), 429, 'TOO_MANY_REQUESTS'],
    ['malformed JSON', bodyParserError(400, 'entity.parse.failed'), 400, 'MALFORMED_JSON'],
    // What Nest's router makes of body-parser's SyntaxError before the filter sees it.
    ['malformed JSON, as Nest passes it on', new BadRequestException('Unexpected end of JSON input'), 400, 'MALFORMED_JSON'],
    [
      'a body that is not JSON, as Nest passes it on',
      new BadRequestException('Unexpected token \'x\', "xyz" is not valid JSON'),
      400,
      'MALFORMED_JSON',
    ],
    ['a body too large', bodyParserError(413, 'entity.too.large'), 413, 'PAYLOAD_TOO_LARGE'],
    ['an unsupported charset', bodyParserError(415, 'charset.unsupported'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['the database down', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 503, 'DATABASE_UNAVAILABLE'],
    ['a bug', new TypeError('x is undefined'), 500, 'INTERNAL_ERROR'],
  ];

  it.each(cases)('puts a code of the sent status on %s', (_what, exception, status, code) => {
    const sent = render(exception);
    expect(sent.status).toBe(status);
    expect(sent.type).toBe('application/problem+json');
    expect(sent.body).toMatchObject({ status, code });
    expect(isErrorCode(sent.body.code) && ERROR_CODES[sent.body.code]).toBe(status);
  });

  it('keeps type, title, detail and field errors as they were, adding only the code', () => {
    expect(render(forbidden('Four-eyes: no', 'four-eyes', 'FOUR_EYES')).body).toEqual({
      type: 'urn:accord:rule:four-eyes',
      title: 'Forbidden',
      status: 403,
      code: 'FOUR_EYES',
      detail: 'Four-eyes: no',
    });
    expect(render(badRequest('Invalid cursor', [{ field: 'cursor', message: 'bad' }], 'INVALID_CURSOR')).body).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      code: 'INVALID_CURSOR',
      detail: 'Invalid cursor',
      errors: [{ field: 'cursor', message: 'bad' }],
    });
    expect(render(bodyParserError(400, 'entity.parse.failed')).body).toEqual({
      type: 'about:blank',
      title: 'Bad Request',
      status: 400,
      code: 'MALFORMED_JSON',
      detail: 'Malformed JSON body',
    });
  });

  it('takes the status of a ProblemException from the catalogue, with Retry-After on a 503', () => {
    const e = new ProblemException('LOGIN_THROTTLED', 'wait');
    expect(e.getStatus()).toBe(429);
    expect(e.title).toBe('Too Many Requests');
    const sent = render(unavailable('engine down', 'WORKFLOW_ENGINE_UNAVAILABLE'));
    expect(sent.body).toMatchObject({ status: 503, title: 'Service Unavailable', code: 'WORKFLOW_ENGINE_UNAVAILABLE' });
    expect(sent.headers['Retry-After']).toMatch(/^\d+$/);
  });

  it('says when to retry a 429 whose handler did not, and keeps the one it did', () => {
    const busy = render(new ProblemException('ARCHIVE_BUSY', 'busy'));
    expect(busy.status).toBe(429);
    expect(busy.headers['Retry-After']).toMatch(/^\d+$/);
    expect(render(new ProblemException('LOGIN_THROTTLED', 'wait'), { 'Retry-After': '600' }).headers['Retry-After']).toBe('600');
  });
});
