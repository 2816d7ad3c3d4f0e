/**
 * The worker's notification mailer against a real SMTP server (the test stack's local one) and a database double
 * that records the outbox updates: what is mailed, how, and what happens when sending fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { loadConfig } from '@accord/config';
import { decodeHeader, parseMail, readMailbox, startMailbox } from '../../../test/support/mailbox';
import { NotificationMailer } from './notification-mailer.service';
import { demoEmail } from '../../../test/support/demo-users';

interface Row {
  id: string;
  kind: string;
  params: Record<string, string | number>;
  email: string;
  full_name: string;
  reference: string | null;
  title: string | null;
}

/** The notification outbox as the mailer sees it: one SELECT per batch, then one UPDATE per row. */
function outbox(rows: Row[]) {
  const queries: { sql: string; params: unknown[] }[] = [];
  const db = {
    // The province directory (inEachProvince): one province, its batch recorded below.
    query: async (sql: string) => (/FROM province/.test(sql) ? [{ code: 'HT' }] : []),
    transaction: async (fn: (m: { query: (sql: string, params: unknown[]) => Promise<unknown> }) => Promise<void>) =>
      fn({
        query: async (sql: string, params: unknown[]) => {
          queries.push({ sql, params });
          return /^\s*SELECT/.test(sql) ? rows : [];
        },
      }),
  } as unknown as DataSource;
  const updates = (what: RegExp) => queries.filter((q) => what.test(q.sql)).map((q) => q.params[0]);
  return { db, queries, emailed: () => updates(/SET emailed_at = now\(\)/), failed: () => updates(/email_attempts = email_attempts \+ 1/) };
}

const ROW: Row = {
  id: 'n1',
  kind: 'TASK_OPENED',
  params: { taskKind: 'INTAKE_CHECK', dueAt: '2026-03-04T16:59:59.999Z' },
  email: demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
  full_name: 'Lê "Minh" Châu',
  reference: 'TTQT-2026-00042',
  title: 'MoU với Savannakhet',
};
const BASE = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' };

describe('NotificationMailer', () => {
  let dir: string;
  let mailbox: Awaited<ReturnType<typeof startMailbox>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'accord-mailer-'));
    mailbox = await startMailbox(join(dir, 'mail.jsonl'));
  });

  afterAll(async () => {
    await mailbox.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const mailer = (rows: Row[], SMTP_URL?: string) => {
    const box = outbox(rows);
    const config = loadConfig(
      { ...BASE, ...(SMTP_URL ? { SMTP_URL } : {}), SMTP_FROM: 'Accord <no-reply@accord.test>' },
      { requireJwtSecret: false },
    );
    const service = new NotificationMailer(config, box.db);
    service.onApplicationBootstrap();
    return { service, ...box };
  };

  it('sends nothing and reads nothing when SMTP_URL is not set', async () => {
    const { service, queries } = mailer([ROW]);
    expect(await service.flush()).toBe(0);
    expect(queries).toEqual([]);
    await service.beforeApplicationShutdown();
  });

  it('mails each unsent notification once, in Vietnamese with English below, and marks it emailed', async () => {
    const other: Row = {
      ...ROW,
      id: 'n2',
      email: demoEmail({ agency: 'HT-SNGV', role: 'AGENCY_HEAD' }),
      full_name: 'Trần Văn Hùng',
      reference: null,
      title: null,
      kind: 'AGREEMENT_EXPIRING',
      params: { daysBefore: 60, title: 'MoU', expiresOn: '2026-06-30' },
    };
    const { service, emailed, failed, queries } = mailer([ROW, other], `smtp://127.0.0.1:${mailbox.port}`);
    expect(await service.flush()).toBe(2);
    await service.beforeApplicationShutdown();
    expect(emailed()).toEqual(['n1', 'n2']);
    expect(failed()).toEqual([]);
    // Only unsent, not given up, recent notifications; a bounded batch, locked so two workers do not mail one twice.
    expect(queries[0]!.sql).toMatch(/emailed_at IS NULL AND n\.email_attempts < \$1 AND n\.created_at > now\(\) - interval '2 days'/);
    expect(queries[0]!.sql).toMatch(/FOR UPDATE OF n SKIP LOCKED/);
    expect(queries[0]!.params).toEqual([5, 50]);

    const mails = readMailbox(mailbox.file);
    const first = mails.find((m) => m.to.includes(demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' })))!;
    expect(first.from).toBe('no-reply@accord.test');
    const { subject, text } = parseMail(first.raw);
    expect(subject).toBe('[Accord] TTQT-2026-00042 – Nhiệm vụ mới: kiểm tra hồ sơ, hạn 04/03/2026');
    // The display name loses its quotes (they would break the address header).
    const to = decodeHeader(/^To: (.*(?:\r?\n[ \t].*)*)/m.exec(first.raw)![1]!.replace(/\r?\n[ \t]+/g, ' '));
    expect(to).toContain('Lê Minh Châu');
    expect(to).not.toContain('"Minh"');
    expect(to).toContain(`<${demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' })}>`);
    expect(text.trimEnd().split(/\r?\n/)).toEqual([
      'Kính gửi Lê "Minh" Châu,',
      '',
      'Nhiệm vụ mới: kiểm tra hồ sơ, hạn 04/03/2026',
      'TTQT-2026-00042: MoU với Savannakhet',
      '',
      '—',
      'New task: completeness check, due 04/03/2026',
      'TTQT-2026-00042: MoU với Savannakhet',
    ]);
    // Without a proposal: no reference in the subject and no empty "about" lines doubled.
    const second = parseMail(mails.find((m) => m.to.includes(demoEmail({ agency: 'HT-SNGV', role: 'AGENCY_HEAD' })))!.raw);
    expect(second.subject).not.toMatch(/TTQT|null/);
    expect(second.text).toMatch(/Thỏa thuận quốc tế "MoU" hết hiệu lực ngày 30\/06\/2026 \(còn 60 ngày\)/);
    expect(second.text).not.toMatch(/(\r?\n){3}|null/);
  });

  it('counts a failed send as an attempt and leaves the notification unsent, for a later batch', async () => {
    // Nothing listens on port 1: the connection is refused at once.
    const { service, emailed, failed } = mailer([ROW], 'smtp://127.0.0.1:1');
    expect(await service.flush()).toBe(0);
    await service.beforeApplicationShutdown();
    expect(emailed()).toEqual([]);
    expect(failed()).toEqual(['n1']);
  });

  it('runs one batch at a time: a flush during a flush shares it', async () => {
    const { service, queries } = mailer([ROW], `smtp://127.0.0.1:${mailbox.port}`);
    const [a, b] = await Promise.all([service.flush(), service.flush()]);
    await service.beforeApplicationShutdown();
    expect([a, b]).toEqual([1, 1]);
    expect(queries.filter((q) => /^\s*SELECT/.test(q.sql))).toHaveLength(1);
  });
});
