import { Controller, Get, Header, HttpCode, Param, PayloadTooLargeException, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DEFAULT_EDXML_LIMITS } from '@accord/records/edxml';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, ProblemException } from '../common/problem-details.filter';
import { uuidParam } from '../proposals/proposals.controller';
import { EdxmlService } from './edxml.service';

export class EdxmlReceivedDto {
  @ApiProperty({ format: 'uuid', description: 'The registered incoming document' }) id: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Our official document the package answers (its ResponseFor), when there is one' })
  linkedDocumentId?: string;
  @ApiProperty({ enum: ['RECEIVED'] }) status: 'RECEIVED';
}

const XML_TYPES = ['application/xml', 'text/xml'];

/** An edXML message as a download; `X-Accord-Edxml-Demo` when its organ ids are the DEMO directory's. */
export function sendEdxml(res: Response, message: { xml: string; demo: boolean; filename: string }): string {
  res.setHeader('Content-Type', 'application/xml; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${message.filename}"`);
  if (message.demo) res.setHeader('X-Accord-Edxml-Demo', 'true');
  return message.xml;
}

/**
 * The XML body of POST /edxml/inbox, read here rather than by a body parser: the api's global parser reads JSON only
 * (1 MiB), and a package carries its attachments base64-encoded, so this one route takes up to the edXML reader's own
 * limit (DEFAULT_EDXML_LIMITS.maxXmlChars), and only once the caller is known to be a receiver.
 */
export async function readXmlBody(req: Request, limit: number): Promise<string> {
  const charset = /charset=([^;\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset && charset !== 'utf-8' && charset !== 'utf8')
    throw new ProblemException('UNSUPPORTED_MEDIA_TYPE', `charset ${charset} is not read; send UTF-8`);
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw new PayloadTooLargeException(`The package is larger than ${limit} bytes`);
  // Listeners rather than for-await: leaving a for-await early destroys the request, and with it the socket the 413
  // has to go back on; a paused request is left to Node to discard once the answer is sent.
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        done();
        req.pause();
        reject(new PayloadTooLargeException(`The package is larger than ${limit} bytes`));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/** edXML exchange of official documents (issue 17, item 5; QCVN 102:2016/BTTTT, docs/records.md). */
@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class EdxmlController {
  constructor(private readonly edxml: EdxmlService) {}

  @Get('documents/:id/edxml')
  @Header('X-Content-Type-Options', 'nosniff')
  @ApiProduces('application/xml')
  @ApiOkResponse({
    description:
      "The issued (or signed) document as an edXML package, the signed copy attached when there is one. `X-Accord-Edxml-Demo: true` when the organ ids are the DEMO directory's (not registered on the national axis)",
    schema: { type: 'string' },
  })
  @ApiNotFoundResponse({ description: 'No document the caller may see' })
  @ApiConflictResponse({ description: 'A DRAFT (DOCUMENT_NOT_ISSUED), or no recipient organ or signer (DOCUMENT_NOT_EXCHANGEABLE)' })
  async export(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string, @Res({ passthrough: true }) res: Response) {
    return sendEdxml(res, await this.edxml.exportPackage(user, id));
  }

  @Post('edxml/inbox')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Receive an edXML package from another organ',
    description:
      "The package as `application/xml` (up to the edXML limit, 72 MiB), or as JSON `{xml}` (within the api's 1 MiB JSON limit). " +
      "Linked to our document its ResponseFor names, else registered as an incoming document of the province's SNGV.",
    requestBody: {
      required: true,
      content: {
        'application/xml': { schema: { type: 'string', minLength: 1 } },
        'application/json': { schema: { type: 'object', required: ['xml'], properties: { xml: { type: 'string', minLength: 1 } } } },
      },
    },
  })
  @ApiCreatedResponse({ type: EdxmlReceivedDto })
  @ApiBadRequestResponse({ description: 'Not a valid package (EDXML_INVALID, one error per field; DOCTYPE and entities are refused)' })
  @ApiForbiddenResponse({ description: "Neither a member of the province's SNGV nor ADMIN (NOT_EDXML_RECEIVER)" })
  @ApiUnsupportedMediaTypeResponse({ description: 'An XML body in a charset other than UTF-8' })
  async inbox(@CurrentUser() user: AuthUser, @Req() req: Request): Promise<EdxmlReceivedDto> {
    this.edxml.assertReceiver(user);
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    let xml: unknown;
    if (XML_TYPES.includes(type)) xml = await readXmlBody(req, DEFAULT_EDXML_LIMITS.maxXmlChars);
    else xml = (req.body as { xml?: unknown } | undefined)?.xml;
    if (typeof xml !== 'string' || xml.trim() === '')
      throw badRequest(
        'Send the package as application/xml, or as JSON {"xml": "..."}',
        [{ field: 'xml', message: 'is required' }],
        'EDXML_INVALID',
      );
    return this.edxml.receive(user, xml);
  }
}
