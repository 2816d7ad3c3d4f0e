import { Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { DataSource } from 'typeorm';
import { countUnreadNotifications, listNotifications, markAllNotificationsRead, markNotificationRead } from '@accord/persistence';
import { CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/auth-user';
import { decodeCursor, PageQuery, toPage } from '../common/pagination';
import { notFound } from '../common/problem-details.filter';
import { uuidParam } from '../proposals/proposals.controller';
import { languageOf, notificationMessage } from '@accord/domain';

export class NotificationQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false']) unread?: 'true' | 'false';
  @ApiPropertyOptional({ enum: ['vi', 'en'], description: 'Language of `message` (default from Accept-Language, else vi)' })
  @IsOptional()
  @IsIn(['vi', 'en'])
  lang?: 'vi' | 'en';
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
    const before = decodeCursor(q.cursor, ['timestamptz', 'uuid']);
    const rows = await listNotifications(this.db, {
      userId: user.id,
      unread: q.unread === undefined ? undefined : q.unread === 'true',
      before: before ? [before[0]!, before[1]!] : null,
      limit: limit + 1,
    });
    const unread = await countUnreadNotifications(this.db, user.id);
    const page = toPage(
      rows,
      limit,
      (r) => ({
        id: r.id,
        kind: r.kind,
        message: notificationMessage(r.kind, r.params, lang),
        params: r.params,
        proposal: r.proposal_id ? { id: r.proposal_id, reference: r.reference, title: r.title } : null,
        taskId: r.task_id,
        createdAt: r.created_at.toISOString(),
        readAt: r.read_at?.toISOString() ?? null,
      }),
      (r) => [r.created_at.toISOString(), r.id],
    );
    return { ...page, unread };
  }

  @Post(':id/read')
  @HttpCode(200)
  async markRead(@CurrentUser() user: AuthUser, @Param('id', uuidParam) id: string) {
    const readAt = await markNotificationRead(this.db, id, user.id);
    if (!readAt) throw notFound(`No notification ${id} of yours`, 'NOTIFICATION_NOT_FOUND');
    return { id, readAt: readAt.toISOString() };
  }

  @Post('read-all')
  @HttpCode(200)
  async markAllRead(@CurrentUser() user: AuthUser) {
    return { marked: await markAllNotificationsRead(this.db, user.id) };
  }
}
