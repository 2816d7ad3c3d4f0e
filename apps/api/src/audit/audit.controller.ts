import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Response } from 'express';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { AppConfig } from '@accord/config';
import {
  auditCheckpointDir,
  auditSqlQuery,
  checkAgainstCheckpoint,
  listAuditEvents,
  readLatestCheckpoint,
  verifyAuditChain,
  type CheckpointVerdict,
} from '@accord/persistence';
import { CurrentUser, Roles } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { decodeCursor, PageQuery, toPage } from '../common/pagination';
import { API_INSTANT_DOC, IsInstant } from '../common/date-validators';
import { AUDIT_VERIFY_RETRY_AFTER, AuditVerifyBusy, oneVerifyAtATime } from './verify-gate';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') proposalId?: string;
  @ApiPropertyOptional({ maxLength: 64 }) @IsOptional() @IsString() @MaxLength(64) actorId?: string;
  @ApiPropertyOptional({ maxLength: 64 }) @IsOptional() @IsString() @MaxLength(64) action?: string;
  @ApiPropertyOptional(API_INSTANT_DOC) @IsOptional() @IsInstant() from?: string;
  @ApiPropertyOptional(API_INSTANT_DOC) @IsOptional() @IsInstant() to?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@Roles('ADMIN', 'AUDITOR')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly db: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @Get()
  async list(@Query() q: AuditQuery) {
    const limit = q.limit ?? 50;
    const cursor = decodeCursor(q.cursor, ['bigint']);
    const rows = await listAuditEvents(this.db, {
      proposalId: q.proposalId,
      actorId: q.actorId,
      action: q.action,
      from: q.from,
      to: q.to,
      afterSeq: cursor ? cursor[0]! : null,
      limit: limit + 1,
    });
    return toPage(
      rows,
      limit,
      (r) => ({
        seq: Number(r.seq),
        at: r.at.toISOString(),
        actor: { id: r.actor_id, name: r.actor_name, type: r.actor_type },
        action: r.action,
        proposalId: r.proposal_id,
        stage: r.stage,
        payload: r.payload,
        prevHash: r.prev_hash,
        hash: r.hash,
      }),
      (r) => [r.seq],
    );
  }

  @Get('verify')
  @ApiOkResponse({
    description:
      '{ok, checked, brokenAt?, checkpoint}: the chain recomputed, and checked against the latest signed checkpoint of its head ' +
      '(checkpoint: {seq, at, ok, reason?}, null when none was taken yet); ok is false when either fails — a cut tail shows only in the checkpoint',
  })
  @ApiTooManyRequestsResponse({
    description:
      'Another verification ran for longer than 10 s while this one waited (one at a time across the api processes), or too many are queued; Retry-After says when to try again',
  })
  async verify(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response) {
    try {
      return await oneVerifyAtATime(this.db, async () => {
        // The checkpoint first: the chain only grows after it, so the walk below covers at least its seq.
        const checkpoint = await this.checkpointVerdict(user.province);
        const chain = await verifyAuditChain(this.db.manager, {
          databaseUrl: this.config.DATABASE_URL,
          parallelFrom: this.config.AUDIT_VERIFY_PARALLEL_FROM,
        });
        return { ...chain, ok: chain.ok && checkpoint?.ok !== false, checkpoint };
      });
    } catch (err) {
      if (err instanceof AuditVerifyBusy) res.setHeader('Retry-After', String(AUDIT_VERIFY_RETRY_AFTER));
      throw err;
    }
  }

  /** The latest checkpoint the worker signed (outside the database) against the chain in it; null without one. */
  private async checkpointVerdict(province: string): Promise<CheckpointVerdict | null> {
    const key = this.config.AUDIT_CHECKPOINT_KEY;
    if (!key) return null;
    // Each province's chain has its own checkpoints (auditCheckpointDir).
    const latest = await readLatestCheckpoint(auditCheckpointDir(this.config.AUDIT_CHECKPOINT_DIR, province));
    return latest && checkAgainstCheckpoint(auditSqlQuery(this.db), key, latest);
  }
}
