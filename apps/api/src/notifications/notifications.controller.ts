import { Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { updateReturning } from '../../../../libs/persistence/src';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { decodeCursor, PageQuery, toPage } from '../common/pagination';
import { SqlConditions } from '../common/sql-conditions';
import { notFound } from '../common/problem-details.filter';
import { uuidParam } from '../proposals/proposals.controller';
import { languageOf, notificationMessage } from '../../../../libs/domain/src';

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) unread?: 'true' | 'false';
  @ApiPropertyOptional({ enum: ['vi', 'en'], description: 'Language of `message` (default from Accept-Language, else vi)' })
  @IsOptional() @IsIn(['vi', 'en']) lang?: 'vi' | 'en';
}

interface NotificationRow {
  id: string; kind: string; proposal_id: string | null; task_id: string | null; params: Record<string, string | number>; created_at: Date; read_at: Date | null;
  reference: string | null; title: string | null;
}

/** In-app notifications: assignment, reminder, overdue, escalation and decision. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly db: DataSource) {}

  @Get()
  async list(@CurrentUser() user: AuthUser, @Query() q: NotificationQuery, @Headers('accept-language') acceptLanguage?: string) {
    const limit = q.limit ?? 50;
    const lang = languageOf(acceptLanguage, q.lang);
    const c = new SqlConditions();
    c.where(`n.user_id = ${c.param(user.id)}`);
    if (q.unread === 'true') c.where('n.read_at IS NULL');
    if (q.unread === 'false') c.where('n.read_at IS NOT NULL');
    c.after('n.created_at, n.id', '<', decodeCursor(q.cursor, ['timestamptz', 'uuid']), ['timestamptz', 'uuid']);
    const rows: NotificationRow[] = await this.db.query(
      `SELECT n.*, p.reference, p.title FROM notification n LEFT JOIN proposal p ON p.id = n.proposal_id
       WHERE ${c.sql} ORDER BY n.created_at DESC, n.id DESC LIMIT ${c.param(limit + 1)}`,
      c.params,
    );
    const [{ unread }]: { unread: string }[] = await this.db.query('SELECT count(*) AS unread FROM notification WHERE user_id = $1 AND read_at IS NULL', [user.id]);
    const page = toPage(
      rows,
      limit,
      (r) => ({
        id: r.id, kind: r.kind, message: notificationMessage(r.kind, r.params, lang), params: r.params,
        proposal: r.proposal_id ? { id: r.proposal_id, reference: r.reference, title: r.title } : null, taskId: r.task_id,
        createdAt: r.created_at.toISOString(), readAt: r.read_at?.toISOString() ?? null,
      }),
      (r) => [r.created_at.toISOString(), r.id],
    );
    return { ...page, unread: Number(unread) };
  }

  @Post(':id/read')
  @HttpCode(200)
  async markRead(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    const rows = await updateReturning<{ id: string; read_at: Date }>(
      this.db.manager,
      `UPDATE notification SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id, read_at`,
      [id, user.id],
    );
    if (!rows.length) throw notFound(`No notification ${id} of yours`, 'NOTIFICATION_NOT_FOUND');
    return { id, readAt: rows[0]!.read_at.toISOString() };
  }

  @Post('read-all')
  @HttpCode(200)
  async markAllRead(@CurrentUser() user: AuthUser) {
    const rows = await updateReturning(this.db.manager, 'UPDATE notification SET read_at = now() WHERE user_id = $1 AND read_at IS NULL RETURNING id', [user.id]);
    return { marked: rows.length };
  }
}
