import { Controller, Get, Header, Param, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { uuidParam } from '../proposals/proposals.controller';
import { CaseArchiveService } from './case-archive.service';

/** The case archive of a proposal (issue 17, item 7; docs/api.md "Official documents"; docs/records.md "Case archive"). */
@ApiTags('proposals')
@ApiBearerAuth()
@Controller('proposals')
export class CaseArchiveController {
  constructor(private readonly archives: CaseArchiveService) {}

  @Get(':id/archive')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'The case archive: a ZIP of the whole case with a sha256 manifest',
    description:
      'proposal.json, dossier/v<N>.json, attachments/<id>-<name>, tasks.json (opinions and decisions with their comments), ' +
      'documents/<id>.json with the rendering documents/<id>.pdf and the signed copy documents/<id>-signed.pdf, audit/events.json ' +
      "(the proposal's audit events with prevHash and hash, recomputable offline), temporal/history.json (the workflow history), " +
      'manifest.json (every file with sha256 and size) and manifest.sha256. `npm run verify-archive <zip>` checks it offline. ' +
      'Each export is audited ARCHIVE_EXPORTED with the manifest sha256 (also in the X-Accord-Manifest-Sha256 header).',
  })
  @ApiProduces('application/zip')
  @ApiOkResponse({
    description: 'The ZIP, with a Content-Disposition naming it after the proposal reference (`MOU-2026-00001.zip`)',
    schema: { type: 'string', format: 'binary' },
    headers: {
      'X-Accord-Manifest-Sha256': {
        description: 'sha256 of manifest.json, as the ARCHIVE_EXPORTED audit event records it',
        schema: { type: 'string', pattern: '^[0-9a-f]{64}$' },
      },
    },
  })
  @ApiForbiddenResponse({
    description: 'The caller sees the proposal but is neither LEADER, ADMIN, AUDITOR nor of the submitting agency (NOT_ARCHIVE_READER)',
  })
  @ApiNotFoundResponse({ description: 'No proposal the caller may see (PROPOSAL_NOT_FOUND)' })
  @ApiServiceUnavailableResponse({
    description:
      'Temporal did not give the workflow history (WORKFLOW_ENGINE_UNAVAILABLE), or a file is missing from storage (ATTACHMENT_CONTENT_UNAVAILABLE): no partial archive',
  })
  @ApiTooManyRequestsResponse({
    description: 'Too many archives being built or waiting for a turn in this api process (ARCHIVE_BUSY); see Retry-After',
  })
  async archive(
    @CurrentUser() user: AuthUser,
    @Param('id', uuidParam) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const archive = await this.archives.export(user, id);
    res.setHeader('X-Accord-Manifest-Sha256', archive.manifestSha256);
    return new StreamableFile(archive.bytes, {
      type: 'application/zip',
      length: archive.bytes.length,
      disposition: `attachment; filename="${archive.reference.replace(/[^A-Za-z0-9._-]/g, '_')}.zip"`,
    });
  }
}
