/** Withdraw, admin cancel and in-app notifications, black-box over HTTP. */
import { login, type ApiClient } from '../support/http';
import { mouBody } from '../support/fixtures';
import { driveMou } from '../support/drive';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl } = stack();
const V1 = '/api/v1';

describe('withdraw, cancel and notifications', () => {
  let submitter: ApiClient, otherSubmitter: ApiClient, officer: ApiClient, admin: ApiClient, head: ApiClient;

  beforeAll(async () => {
    [submitter, otherSubmitter, officer, admin, head] = await Promise.all(
      [
        demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
        demoEmail({ agency: 'HT-SGDDT', role: 'SUBMITTER' }),
        demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
        demoEmail({ agency: null, role: 'ADMIN' }),
        demoEmail({ agency: 'HT-SNGV', role: 'AGENCY_HEAD' }),
      ].map((e) => login(apiUrl, e)),
    );
  });

  it('lets the submitting agency withdraw before the decision, cancelling its open tasks', async () => {
    const { body: created } = await submitter.post(`${V1}/proposals`, mouBody({ title: 'To withdraw' }));
    expect((await submitter.post(`${V1}/proposals/${created.id}/withdraw`, {})).status).toBe(400); // reason required
    expect((await officer.post(`${V1}/proposals/${created.id}/withdraw`, { reason: 'x' })).status).toBe(403);
    expect((await otherSubmitter.post(`${V1}/proposals/${created.id}/withdraw`, { reason: 'x' })).status).toBe(404);
    const res = await submitter.post(`${V1}/proposals/${created.id}/withdraw`, { reason: 'Đối tác đề nghị hoãn' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: created.id, status: 'WITHDRAWN' });
    const detail = await submitter.get(`${V1}/proposals/${created.id}`);
    expect(detail.body.status).toBe('WITHDRAWN');
    expect(detail.body.tasks.every((t: { status: string }) => t.status !== 'OPEN')).toBe(true);
    const timeline = await submitter.get(`${V1}/proposals/${created.id}/timeline`);
    expect(timeline.body.events.find((e: { action: string }) => e.action === 'PROPOSAL_WITHDRAWN')).toMatchObject({
      details: { reason: 'Đối tác đề nghị hoãn' },
      actor: { type: 'USER' },
    });
    // Once withdrawn (or decided) it cannot be withdrawn again.
    expect((await submitter.post(`${V1}/proposals/${created.id}/withdraw`, { reason: 'again' })).status).toBe(409);
  });

  it('refuses to withdraw once approved (409)', async () => {
    const { id } = await driveMou(apiUrl, { until: 'APPROVED', body: mouBody({ title: 'Approved then withdraw' }) });
    const res = await submitter.post(`${V1}/proposals/${id}/withdraw`, { reason: 'too late' });
    expect(res.status).toBe(409);
    expect(res.contentType).toMatch(/problem\+json/);
  });

  it('lets an administrator cancel with a reason, and nobody else', async () => {
    const { body: created } = await submitter.post(`${V1}/proposals`, mouBody({ title: 'To cancel' }));
    expect((await submitter.post(`${V1}/admin/proposals/${created.id}/cancel`, { reason: 'x' })).status).toBe(403);
    const res = await admin.post(`${V1}/admin/proposals/${created.id}/cancel`, { reason: 'Hồ sơ trùng lặp' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('CANCELLED');
    expect((await admin.post(`${V1}/admin/proposals/${created.id}/cancel`, { reason: 'again' })).status).toBe(409);
    expect((await admin.post(`${V1}/admin/proposals/00000000-0000-4000-8000-000000000000/cancel`, { reason: 'x' })).status).toBe(404);
  });

  it('notifies the candidate agency of a new task, in Vietnamese by default and in English on request', async () => {
    const { body: created } = await submitter.post(`${V1}/proposals`, mouBody({ title: 'Notified' }));
    const vi = await officer.get(`${V1}/notifications?unread=true&limit=200`);
    expect(vi.status).toBe(200);
    const mine = vi.body.items.find((n: { proposal: { id: string } | null }) => n.proposal?.id === created.id);
    expect(mine).toMatchObject({ kind: 'TASK_OPENED', readAt: null, proposal: { reference: created.reference } });
    expect(mine.message).toMatch(/^Nhiệm vụ mới: kiểm tra hồ sơ, hạn \d{2}\/\d{2}\/\d{4}$/);
    // Every member of the candidate agency hears of it, the agency head too (awaited: an un-awaited `.resolves` can never fail).
    const headNotes = await head.get(`${V1}/notifications?limit=200`);
    expect(headNotes.body.items.some((n: { proposal: { id: string } | null }) => n.proposal?.id === created.id)).toBe(true);
    const en = await officer.request('GET', `${V1}/notifications?limit=200`, undefined, { 'accept-language': 'en-GB,en;q=0.9' });
    expect(en.body.items.find((n: { id: string }) => n.id === mine.id).message).toMatch(
      /^New task: completeness check, due \d{2}\/\d{2}\/\d{4}$/,
    );
    const read = await officer.post(`${V1}/notifications/${mine.id}/read`);
    expect(read.status).toBe(200);
    expect((await officer.get(`${V1}/notifications?unread=true&limit=200`)).body.items.map((n: { id: string }) => n.id)).not.toContain(
      mine.id,
    );
    // Another user's notification is not yours to mark.
    expect((await submitter.post(`${V1}/notifications/${mine.id}/read`)).status).toBe(404);
    // The submitter hears nothing about SNGV's intake task.
    expect(
      (await submitter.get(`${V1}/notifications?limit=200`)).body.items.some(
        (n: { kind: string; proposal: { id: string } | null }) => n.kind === 'TASK_OPENED' && n.proposal?.id === created.id,
      ),
    ).toBe(false);
  });

  it('registers a signed agreement with a lifecycle workflow; EXTEND adds its term, TERMINATE ends it', async () => {
    const signed = await driveMou(apiUrl, { until: 'IN_FORCE', body: mouBody({ title: 'MoU to extend' }, { termMonths: 24 }) });
    const find = async () =>
      (await submitter.get(`${V1}/agreements?limit=200`)).body.items.find((a: { proposalId: string }) => a.proposalId === signed.id);
    const original = await find();
    expect(original).toMatchObject({ status: 'IN_FORCE', termMonths: 24 });

    // Only an agreement in force can be changed, and the id must exist.
    const unknown = await submitter.post(
      `${V1}/proposals/preview`,
      mouBody({}, { action: 'EXTEND', relatedAgreementId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'details.relatedAgreementId' })]);

    await driveMou(apiUrl, {
      until: 'IN_FORCE',
      body: mouBody({ title: 'Gia hạn MoU' }, { action: 'EXTEND', relatedAgreementId: original.id, termMonths: 12 }),
    });
    const extended = await find();
    const plusYear = new Date(Date.parse(`${original.expiresAt}T00:00:00Z`));
    plusYear.setUTCFullYear(plusYear.getUTCFullYear() + 1);
    expect(extended.expiresAt).toBe(plusYear.toISOString().slice(0, 10));
    // No second registry entry for the extension.
    expect(
      (await submitter.get(`${V1}/agreements?limit=200`)).body.items.filter((a: { title: string }) => a.title === 'Gia hạn MoU'),
    ).toEqual([]);

    await driveMou(apiUrl, {
      until: 'IN_FORCE',
      body: mouBody({ title: 'Chấm dứt MoU' }, { action: 'TERMINATE', relatedAgreementId: original.id }),
    });
    expect((await find()).status).toBe('TERMINATED');
    expect((await submitter.get(`${V1}/proposals/${signed.id}`)).body.status).toBe('TERMINATED');
    const again = await submitter.post(`${V1}/proposals/preview`, mouBody({}, { action: 'AMEND', relatedAgreementId: original.id }));
    expect(again.status).toBe(400);
  });
});
