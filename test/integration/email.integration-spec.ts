/** Notifications by e-mail through SMTP (nodemailer), received by a local SMTP server the test stack starts. */
import { login } from '../support/http';
import { mouBody } from '../support/fixtures';
import { parseMail, readMailbox } from '../support/mailbox';
import { eventually } from '../support/eventually';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl, mailboxFile } = stack();
const V1 = '/api/v1';

describe('e-mail notifications', () => {
  it('mails the candidate agency about a new task, in Vietnamese with English below, once', async () => {
    const submitter = await login(apiUrl, demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }));
    const { body: p } = await submitter.post(`${V1}/proposals`, mouBody({ title: `Mailed ${Date.now()}` }));
    const find = () =>
      readMailbox(mailboxFile!).filter(
        (m) => m.to.includes(demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' })) && parseMail(m.raw).subject.includes(p.reference),
      );
    const [mail] = await eventually(() => (find().length ? find() : undefined));
    const { subject, text } = parseMail(mail!.raw);
    expect(subject).toBe(`[Accord] ${p.reference} – ${subject.split(' – ')[1]}`);
    expect(subject).toMatch(/Nhiệm vụ mới: kiểm tra hồ sơ, hạn \d{2}\/\d{2}\/\d{4}$/);
    expect(text).toContain('Kính gửi Lê Minh Châu,');
    expect(text).toMatch(/New task: completeness check, due \d{2}\/\d{2}\/\d{4}/);
    // The head of SNGV gets one too; the submitter's agency does not hear about SNGV's task.
    await eventually(() =>
      readMailbox(mailboxFile!).some(
        (m) => m.to.includes(demoEmail({ agency: 'HT-SNGV', role: 'AGENCY_HEAD' })) && parseMail(m.raw).subject.includes(p.reference),
      )
        ? true
        : undefined,
    );
    expect(
      readMailbox(mailboxFile!).some(
        (m) =>
          m.to.includes(demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' })) &&
          parseMail(m.raw).subject.includes(`${p.reference} – Nhiệm vụ mới`),
      ),
    ).toBe(false);
    // Sent once: a few more polls of the mailer do not send it again.
    await new Promise((r) => setTimeout(r, 5000));
    expect(find()).toHaveLength(1);
  });
});
