import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import { AppConfig } from '@accord/config';
import { notificationMessage } from '@accord/domain';
import {
  claimNotificationsToMail,
  countNotificationEmailFailure,
  markNotificationEmailed,
  type NotificationMailRow,
} from '@accord/persistence';
import { errorText, inEachProvince } from './in-each-province';

const POLL_MS = 2000;
const BATCH = 50;
const MAX_ATTEMPTS = 5;

/**
 * Sends in-app notifications by e-mail too when SMTP_URL is set: the notification table is the outbox, so a
 * notification is written with the state change that caused it and mailed afterwards, at least once, never lost.
 */
@Injectable()
export class NotificationMailer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(NotificationMailer.name);
  private transport?: Transporter;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<number>;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly db: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.SMTP_URL) return;
    this.transport = nodemailer.createTransport(this.config.SMTP_URL);
    this.timer = setInterval(() => void this.flush(), POLL_MS);
    this.logger.log('Mailing notifications through SMTP');
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flushing;
    this.transport?.close();
  }

  /** Mails one batch of unsent notifications per province; returns how many were sent. */
  flush(): Promise<number> {
    this.flushing ??= this.sendBatch().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  /** One batch per province (row-level security shows the notifications and users of one province at a time). */
  private async sendBatch(): Promise<number> {
    const transport = this.transport;
    if (!transport) return 0;
    const sent = await inEachProvince(
      this.db,
      () => this.sendProvinceBatch(transport),
      (province, err) => this.logger.warn(`Mailing the notifications of ${province} failed: ${errorText(err)}`),
    );
    return [...sent.values()].reduce((a, b) => a + b, 0);
  }

  private async sendProvinceBatch(transport: Transporter): Promise<number> {
    let sent = 0;
    await this.db.transaction(async (m) => {
      const rows = await claimNotificationsToMail(m, MAX_ATTEMPTS, BATCH);
      for (const row of rows) {
        try {
          await transport.sendMail(this.mail(row));
          await markNotificationEmailed(m, row.id);
          sent += 1;
        } catch (err) {
          await countNotificationEmailFailure(m, row.id);
          this.logger.warn(`Mail to ${row.email} failed: ${(err as Error).message}`);
        }
      }
    });
    return sent;
  }

  /** Vietnamese first, English below (users read Vietnamese; the English helps foreign-affairs staff and partners). */
  private mail(row: NotificationMailRow) {
    const vi = notificationMessage(row.kind, row.params, 'vi');
    const en = notificationMessage(row.kind, row.params, 'en');
    const about = row.reference ? `${row.reference}: ${row.title}` : '';
    return {
      from: this.config.SMTP_FROM,
      to: `"${row.full_name.replace(/"/g, '')}" <${row.email}>`,
      subject: `[Accord] ${row.reference ? `${row.reference} – ` : ''}${vi}`,
      text: [`Kính gửi ${row.full_name},`, '', vi, about, '', '—', en, about]
        .filter((line, i, all) => line !== '' || all[i - 1] !== '')
        .join('\n'),
    };
  }
}
