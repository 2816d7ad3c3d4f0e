/** Every branch of docs/api.md's "Meaning" paragraph, black-box over HTTP. */
import { login, type ApiClient } from '../support/http';
import { mouBody } from '../support/fixtures';
import { driveMou } from '../support/drive';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl } = stack();
const V1 = '/api/v1';

type Task = {
  id: string;
  kind: string;
  status: string;
  candidateAgency: { code: string };
  externalBody?: string;
  clock: { paused: boolean; reason?: string };
  dueAt: string;
};

describe('branches', () => {
  let submitter: ApiClient,
    officer: ApiClient,
    head: ApiClient,
    bchqs: ApiClient,
    ca: ApiClient,
    stp: ApiClient,
    chairman: ApiClient,
    admin: ApiClient;

  beforeAll(async () => {
    [submitter, officer, head, bchqs, ca, stp, chairman, admin] = await Promise.all(
      [
        demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
        demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
        demoEmail({ agency: 'HT-SNGV', role: 'AGENCY_HEAD' }),
        demoEmail({ agency: 'HT-BCHQS', role: 'REVIEWER' }),
        demoEmail({ agency: 'HT-CA', role: 'REVIEWER' }),
        demoEmail({ agency: 'HT-STP', role: 'REVIEWER' }),
        demoEmail({ agency: 'HT-UBND', role: 'LEADER' }),
        demoEmail({ agency: null, role: 'ADMIN' }),
      ].map((e) => login(apiUrl, e)),
    );
  });

  const tasks = async (proposalId: string, status = 'OPEN'): Promise<Task[]> =>
    (await admin.get(`${V1}/tasks?proposalId=${proposalId}&status=${status}&limit=200`)).body.items;
  const one = async (proposalId: string, kind: string, agency?: string): Promise<Task> => {
    const found = (await tasks(proposalId)).filter((t) => t.kind === kind && (!agency || t.candidateAgency.code === agency));
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  const complete = (who: ApiClient, task: Task, body: Record<string, unknown>) => who.post(`${V1}/tasks/${task.id}/complete`, body);

  it('supplement at intake: RESUBMIT makes dossier version 2 (changes merged and validated) and a fresh intake task', async () => {
    const { body: p } = await submitter.post(`${V1}/proposals`, mouBody({ title: 'Supplement at intake' }));
    const intake = await one(p.id, 'INTAKE_CHECK');
    const asked = await complete(officer, intake, { decision: 'REQUEST_SUPPLEMENT', comment: 'Thiếu bản dịch tiếng Việt' });
    expect(asked.body.proposal.status).toBe('SUPPLEMENT_REQUESTED');
    const supplement = await one(p.id, 'SUPPLEMENT', 'HT-SCT');
    // The merged dossier is validated as a whole: a bad field is named under changes.
    const bad = await complete(submitter, supplement, { decision: 'RESUBMIT', changes: { details: { termMonths: 0 } } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'changes.details.termMonths' })]);
    const ok = await complete(submitter, supplement, {
      decision: 'RESUBMIT',
      changes: { summary: 'Bổ sung bản dịch', details: { feasibility: 'Khả thi, có kinh phí' } },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.proposal.status).toBe('INTAKE');
    const detail = (await submitter.get(`${V1}/proposals/${p.id}`)).body;
    expect(detail.dossierVersions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(detail.dossierVersions[1].content).toMatchObject({
      summary: 'Bổ sung bản dịch',
      details: { feasibility: 'Khả thi, có kinh phí', termMonths: 36, purpose: 'Promote trade' },
    });
    expect(detail.dossierVersions[1].hash).not.toBe(detail.dossierVersions[0].hash);
    expect(detail.summary).toBe('Bổ sung bản dịch');
    // The RESUBMIT itself binds the version it created, with its hash and pinned attachments.
    const decisions = (await admin.get(`${V1}/audit?proposalId=${p.id}&action=TASK_COMPLETED`)).body.items;
    const resubmit = decisions.find((e: { payload: { decision: string } }) => e.payload.decision === 'RESUBMIT');
    expect(resubmit.payload.dossier).toEqual({ version: 2, hash: detail.dossierVersions[1].hash, attachments: [] });
    const fresh = await one(p.id, 'INTAKE_CHECK');
    expect(fresh.id).not.toBe(intake.id);
  });

  it('supplement during consultation stops the other clocks and restarts them on resubmission', async () => {
    const { id } = await driveMou(apiUrl, { until: 'CONSULTATION', body: mouBody({ title: 'Supplement in consultation' }) });
    const caTask = await one(id, 'OPINION', 'HT-CA');
    await complete(bchqs, await one(id, 'OPINION', 'HT-BCHQS'), {
      decision: 'REQUEST_SUPPLEMENT',
      comment: 'Cần bản đồ khu vực biên giới',
    });
    const paused = await one(id, 'OPINION', 'HT-CA');
    expect(paused.clock).toMatchObject({ paused: true, reason: expect.any(String) });
    expect(paused.status).toBe('OPEN');
    expect((await complete(ca, paused, { decision: 'AGREE' })).status).toBe(409);
    await complete(submitter, await one(id, 'SUPPLEMENT'), { decision: 'RESUBMIT', changes: {} });
    const resumed = await one(id, 'OPINION', 'HT-CA');
    expect(resumed.id).toBe(caTask.id);
    expect(resumed.clock.paused).toBe(false);
    expect(Date.parse(resumed.dueAt)).toBeGreaterThanOrEqual(Date.parse(caTask.dueAt));
    await one(id, 'OPINION', 'HT-BCHQS'); // a fresh task for whoever asked
    expect((await complete(ca, resumed, { decision: 'AGREE' })).status).toBe(200);
    const timeline = (await submitter.get(`${V1}/proposals/${id}/timeline`)).body.events.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(['CLOCKS_PAUSED', 'CLOCKS_RESUMED']));
  });

  it('NOT_CONFORMS opens REVISION and the proposal comes back to APPRAISAL', async () => {
    const { id } = await driveMou(apiUrl, { until: 'APPRAISAL', body: mouBody({ title: 'Revision at appraisal' }) });
    const res = await complete(stp, await one(id, 'APPRAISAL'), { decision: 'NOT_CONFORMS', comment: 'Điều 5 chưa phù hợp' });
    expect(res.body.proposal.status).toBe('REVISION_REQUESTED');
    const back = await complete(submitter, await one(id, 'REVISION'), {
      decision: 'RESUBMIT',
      changes: { details: { legalConformity: 'Đã sửa Điều 5' } },
    });
    expect(back.body.proposal.status).toBe('APPRAISAL');
    expect((await complete(stp, await one(id, 'APPRAISAL'), { decision: 'CONFORMS' })).body.proposal.status).toBe('DECISION');
  });

  it('RETURN_FOR_REVISION at DECISION comes back to DECISION; REJECT ends it', async () => {
    const { id } = await driveMou(apiUrl, { until: 'DECISION', body: mouBody({ title: 'Return then reject' }) });
    expect((await complete(chairman, await one(id, 'DECISION'), { decision: 'RETURN_FOR_REVISION' })).body.proposal.status).toBe(
      'REVISION_REQUESTED',
    );
    expect((await complete(submitter, await one(id, 'REVISION'), { decision: 'RESUBMIT', changes: {} })).body.proposal.status).toBe(
      'DECISION',
    );
    expect(
      (await complete(chairman, await one(id, 'DECISION'), { decision: 'REJECT', comment: 'Không phù hợp' })).body.proposal.status,
    ).toBe('REJECTED');
    expect(await tasks(id)).toEqual([]);
    expect((await submitter.post(`${V1}/proposals/${id}/withdraw`, { reason: 'late' })).status).toBe(409);
  });

  it('a DISAGREE makes APPROVE wait for the Prime Minister: CONSENT approves, REFUSE rejects', async () => {
    for (const [answer, status] of [
      ['CONSENT', 'APPROVED'],
      ['REFUSE', 'REJECTED'],
    ] as const) {
      const { body: p } = await submitter.post(`${V1}/proposals`, mouBody({ title: `PM ${answer}` }));
      await complete(officer, await one(p.id, 'INTAKE_CHECK'), { decision: 'COMPLETE' });
      await complete(officer, await one(p.id, 'OPINION', 'HT-SNGV'), { decision: 'AGREE' });
      await complete(bchqs, await one(p.id, 'OPINION', 'HT-BCHQS'), { decision: 'DISAGREE', comment: 'Ảnh hưởng quốc phòng' });
      await complete(ca, await one(p.id, 'OPINION', 'HT-CA'), { decision: 'AGREE' });
      await complete(head, await one(p.id, 'EXTERNAL_OPINION'), { decision: 'AGREE' });
      await complete(submitter, await one(p.id, 'ABSORPTION'), { decision: 'SUBMIT' });
      await complete(stp, await one(p.id, 'APPRAISAL'), { decision: 'CONFORMS' });
      expect((await complete(chairman, await one(p.id, 'DECISION'), { decision: 'APPROVE' })).body.proposal.status).toBe(
        'AWAITING_PM_CONSENT',
      );
      const pm = await one(p.id, 'PM_CONSENT', 'HT-SNGV');
      expect(pm.externalBody).toBe('PM');
      expect((await complete(chairman, pm, { decision: answer })).status).toBe(403);
      expect((await complete(head, pm, { decision: answer, comment: 'Văn bản của Thủ tướng' })).body.proposal.status).toBe(status);
    }
  });

  it('ABANDONED at signing withdraws the approved proposal', async () => {
    const { id } = await driveMou(apiUrl, { until: 'APPROVED', body: mouBody({ title: 'Abandoned signing' }) });
    const res = await complete(submitter, await one(id, 'SIGNING'), { decision: 'ABANDONED', comment: 'Đối tác không ký' });
    expect(res.body.proposal.status).toBe('WITHDRAWN');
  });

  it('refuses a signing time before the approval or in the future', async () => {
    const { id } = await driveMou(apiUrl, { until: 'APPROVED', body: mouBody({ title: 'Signing times' }) });
    const signing = await one(id, 'SIGNING');
    const sign = (signedAt: string) =>
      complete(submitter, signing, {
        decision: 'SIGNED',
        signing: { signedAt, place: 'Hà Tĩnh', signatories: [{ name: 'A', title: 'B', party: 'C' }] },
      });
    expect((await sign('2020-01-01T00:00:00+07:00')).status).toBe(400);
    expect((await sign(new Date(Date.now() + 86_400_000).toISOString())).status).toBe(400);
    expect((await sign(new Date().toISOString())).status).toBe(200);
  });

  it('binds each decision to the dossier version and hash the decider saw', async () => {
    const { body: p } = await submitter.post(`${V1}/proposals`, mouBody({ title: 'Decision record' }));
    await complete(officer, await one(p.id, 'INTAKE_CHECK'), { decision: 'COMPLETE' });
    const detail = (await submitter.get(`${V1}/proposals/${p.id}`)).body;
    const audit = (await admin.get(`${V1}/audit?proposalId=${p.id}&action=TASK_COMPLETED`)).body.items;
    expect(audit).toHaveLength(1);
    expect(audit[0].payload).toMatchObject({ decision: 'COMPLETE', dossier: { version: 1, hash: detail.dossierVersions[0].hash } });
  });

  it('applies an edited holiday to running clocks only when an administrator recomputes (audited)', async () => {
    const { body: p } = await submitter.post(`${V1}/proposals`, mouBody({ title: 'Recompute deadlines' }));
    const intake = await one(p.id, 'INTAKE_CHECK');
    const dueDay = new Date(Date.parse(intake.dueAt) + 7 * 3600_000).toISOString().slice(0, 10);
    expect((await submitter.post(`${V1}/admin/calendar/recompute-deadlines`, { reason: 'x' })).status).toBe(403);
    const put = await admin.request('PUT', `${V1}/calendar/holidays/${dueDay}`, { name: 'Nghỉ bổ sung (kiểm thử)', kind: 'HOLIDAY' });
    try {
      expect(put.status).toBe(200);
      expect((await one(p.id, 'INTAKE_CHECK')).dueAt).toBe(intake.dueAt); // nothing moves by itself
      const res = await admin.post(`${V1}/admin/calendar/recompute-deadlines`, { reason: 'Công bố ngày nghỉ bổ sung' });
      expect(res.status).toBe(200);
      expect(res.body.failed).toEqual([]);
      expect(res.body.rescheduledTasks).toBeGreaterThanOrEqual(1);
      const moved = await one(p.id, 'INTAKE_CHECK');
      expect(Date.parse(moved.dueAt)).toBeGreaterThan(Date.parse(intake.dueAt));
      const events = (await admin.get(`${V1}/audit?proposalId=${p.id}&action=DEADLINES_RECOMPUTED`)).body.items;
      expect(events[0].payload).toMatchObject({
        reason: 'Công bố ngày nghỉ bổ sung',
        changes: [expect.objectContaining({ taskId: intake.id })],
      });
    } finally {
      await admin.request('DELETE', `${V1}/calendar/holidays/${dueDay}`);
      await admin.post(`${V1}/admin/calendar/recompute-deadlines`, { reason: 'Hoàn tác kiểm thử' });
    }
    expect((await one(p.id, 'INTAKE_CHECK')).dueAt).toBe(intake.dueAt);
  });
});
