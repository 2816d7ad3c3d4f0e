import { Module } from '@nestjs/common';
import { NotificationsController } from './notifications.controller';

/** The caller's in-app notifications; the worker mails them (apps/worker/src/notification-mailer.service.ts). */
@Module({ controllers: [NotificationsController] })
export class NotificationsModule {}
