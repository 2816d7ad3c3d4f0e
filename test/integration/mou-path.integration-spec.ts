/** The MoU path of issue 2, black-box over HTTP against the real api, worker, Temporal and Postgres. */
import { Client, Connection } from '@temporalio/client';
import { ApiClient, login } from '../support/http';
import { mouBody } from '../support/fixtures';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl, temporalAddress } = stack();
const V1 = '/api/v1';

type Task = {
  id: string;
  kind: string;
  stage: string;
  status: string;
  candidateAgency: { code: string };
  externalBody?: string;
  dueAt: string;
  allowedDecisions: string[];
  clock: { type: string; length: number; paused: boolean };
  sla: string;
};

async function openTasks(client: ApiClient, proposalId: string): Promise<Task[]> {
  const res = await client.get(`${V1}/tasks?proposalId=${proposalId}&status=OPEN`);
  expect(res.status).toBe(200);
  return res.body.items;
}

describe('international agreement (MoU) from submission to the post-signing report', () => {
  let submitter: ApiClient,
    officer: ApiClient,
    sngvHead: ApiClient,
    stp: ApiClient,
    bchqs: ApiClient,
    ca: ApiClient,
    chairman: ApiClient,
    admin: ApiClient,
    auditor: ApiClient;

  beforeAll(async () => {
    [submitter, officer, sngvHead, stp, bchqs, ca, chairman, admin, auditor] = await Promise.all(
      [
        demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
        demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
        demoEmail({ agency: 'HT-SNGV', role: 'AGENCY_HEAD' }),
        demoEmail({ agency: 'HT-STP', role: 'REVIEWER' }),
        demoEmail({ agency: 'HT-BCHQS', role: 'REVIEWER' }),
        demoEmail({ agency: 'HT-CA', role: 'REVIEWER' }),
        demoEmail({ agency: 'HT-UBND', role: 'LEADER' }),
        demoEmail({ agency: null, role: 'ADMIN' }),
        demoEmail({ agency: null, role: 'AUDITOR' }),
      ].map((email) => login(apiUrl, email)),
    );
  });

  it('answers /health with database and temporal up', async () => {
    const res = await new ApiClient(apiUrl).get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'up', temporal: 'up' } });
  });

  it('walks INTAKE_CHECK -> OPINION/EXTERNAL_OPINION -> ABSORPTION -> APPRAISAL -> DECISION -> SIGNING -> POST_SIGNING_REPORT', async () => {
    const preview = await submitter.post(`${V1}/proposals/preview`, mouBody());
    expect(preview.status).toBe(200);
    expect(preview.body.plan.stages.map((s: { stage: string }) => s.stage)).toEqual([
      'INTAKE',
      'CONSULTATION',
      'ABSORPTION',
      'APPRAISAL',
      'DECISION',
      'SIGNING',
    ]);

    const created = await submitter.post(`${V1}/proposals`, mouBody(), { 'Idempotency-Key': `mou-${Date.now()}` });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'INTERNATIONAL_AGREEMENT', status: 'INTAKE' });
    expect(created.body.reference).toMatch(/^TTQT-\d{4}-\d{5}$/);
    const id: string = created.body.id;

    // INTAKE: Department of Foreign Affairs checks completeness within 2 working days.
    const [intake] = await openTasks(officer, id);
    expect(intake).toMatchObject({
      kind: 'INTAKE_CHECK',
      candidateAgency: { code: 'HT-SNGV' },
      clock: { type: 'WORKING_DAYS', length: 2, paused: false },
      sla: 'ON_TRACK',
    });
    const intakeDone = await officer.post(`${V1}/tasks/${intake!.id}/complete`, { decision: 'COMPLETE' });
    expect(intakeDone.status).toBe(200);
    expect(intakeDone.body).toMatchObject({
      task: { id: intake!.id, status: 'COMPLETED', decision: 'COMPLETE' },
      proposal: { id, status: 'CONSULTATION' },
    });

    // CONSULTATION in parallel: SNGV, BCHQS (defence), CA (security) and MOFA's answer recorded by SNGV.
    const consultation = await openTasks(officer, id);
    const byKey = (t: Task) => `${t.kind}:${t.candidateAgency.code}${t.externalBody ? `:${t.externalBody}` : ''}`;
    expect(consultation.map(byKey).sort()).toEqual([
      'EXTERNAL_OPINION:HT-SNGV:MOFA',
      'OPINION:HT-BCHQS',
      'OPINION:HT-CA',
      'OPINION:HT-SNGV',
    ]);
    const find = (key: string) => consultation.find((t) => byKey(t) === key)!;
    expect((await bchqs.post(`${V1}/tasks/${find('OPINION:HT-BCHQS').id}/complete`, { decision: 'AGREE' })).body.proposal.status).toBe(
      'CONSULTATION',
    );
    expect(
      (
        await ca.post(`${V1}/tasks/${find('OPINION:HT-CA').id}/complete`, {
          decision: 'AGREE_WITH_COMMENTS',
          comment: 'Border security clause',
        })
      ).status,
    ).toBe(200);
    expect((await officer.post(`${V1}/tasks/${find('OPINION:HT-SNGV').id}/complete`, { decision: 'AGREE' })).status).toBe(200);
    const last = await sngvHead.post(`${V1}/tasks/${find('EXTERNAL_OPINION:HT-SNGV:MOFA').id}/complete`, {
      decision: 'AGREE',
      comment: 'Công văn BNG',
    });
    expect(last.status).toBe(200);
    expect(last.body.proposal.status).toBe('ABSORPTION');

    const [absorption] = await openTasks(submitter, id);
    expect(absorption).toMatchObject({ kind: 'ABSORPTION', candidateAgency: { code: 'HT-SCT' } });
    expect(
      (await submitter.post(`${V1}/tasks/${absorption!.id}/complete`, { decision: 'SUBMIT', comment: 'Báo cáo tiếp thu, giải trình' })).body
        .proposal.status,
    ).toBe('APPRAISAL');

    const [appraisal] = await openTasks(stp, id);
    expect(appraisal).toMatchObject({ kind: 'APPRAISAL', candidateAgency: { code: 'HT-STP' } });
    expect((await stp.post(`${V1}/tasks/${appraisal!.id}/complete`, { decision: 'CONFORMS' })).body.proposal.status).toBe('DECISION');

    const [decision] = await openTasks(chairman, id);
    expect(decision).toMatchObject({
      kind: 'DECISION',
      candidateAgency: { code: 'HT-UBND' },
      allowedDecisions: ['APPROVE', 'REJECT', 'RETURN_FOR_REVISION'],
    });
    expect((await chairman.post(`${V1}/tasks/${decision!.id}/complete`, { decision: 'APPROVE' })).body.proposal.status).toBe('APPROVED');

    const [signingTask] = await openTasks(submitter, id);
    expect(signingTask!.kind).toBe('SIGNING');
    const missingSigning = await submitter.post(`${V1}/tasks/${signingTask!.id}/complete`, { decision: 'SIGNED' });
    expect(missingSigning.status).toBe(400);
    const signedAt = new Date().toISOString();
    const signed = await submitter.post(`${V1}/tasks/${signingTask!.id}/complete`, {
      decision: 'SIGNED',
      signing: {
        signedAt,
        place: 'Hà Tĩnh',
        agreementNumber: 'HT-LA-2026-01',
        signatories: [{ name: 'Bùi Thanh Minh', title: 'Chủ tịch UBND tỉnh', party: 'Hà Tĩnh' }],
      },
    });
    expect(signed.status).toBe(200);
    expect(signed.body.proposal.status).toBe('SIGNED');

    // Law 70/2020 Art 19(5): report within 15 calendar days of signing, counted on the business calendar.
    const [report] = await openTasks(submitter, id);
    expect(report).toMatchObject({ kind: 'POST_SIGNING_REPORT', clock: { type: 'CALENDAR_DAYS', length: 15 } });
    const vnDate = new Date(Date.parse(signedAt) + 7 * 3600_000).toISOString().slice(0, 10);
    const due = await submitter.get(`${V1}/calendar/deadline?from=${vnDate}&calendarDays=15`);
    expect(new Date(report!.dueAt).toISOString()).toBe(new Date(`${due.body.due}T23:59:59.999+07:00`).toISOString());

    const registry = await submitter.get(`${V1}/agreements?country=LA`);
    expect(registry.status).toBe(200);
    const entry = registry.body.items.find((a: { proposalId: string }) => a.proposalId === id);
    expect(entry).toMatchObject({ status: 'IN_FORCE', number: 'HT-LA-2026-01', country: 'LA', termMonths: 36 });
    expect(entry.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const reported = await submitter.post(`${V1}/tasks/${report!.id}/complete`, {
      decision: 'SUBMITTED',
      comment: 'Báo cáo Thủ tướng, sao gửi BNG',
    });
    expect(reported.status).toBe(200);
    expect(reported.body.proposal.status).toBe('IN_FORCE');

    const detail = await submitter.get(`${V1}/proposals/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.status).toBe('IN_FORCE');
    expect(detail.body.dossierVersions).toHaveLength(1);
    expect(detail.body.decisions.map((d: { decision: string }) => d.decision)).toEqual(
      expect.arrayContaining(['COMPLETE', 'AGREE', 'AGREE_WITH_COMMENTS', 'SUBMIT', 'CONFORMS', 'APPROVE', 'SIGNED', 'SUBMITTED']),
    );

    const timeline = await submitter.get(`${V1}/proposals/${id}/timeline`);
    expect(timeline.status).toBe(200);
    const actions = timeline.body.events.map((e: { action: string }) => e.action);
    expect(actions[0]).toBe('PROPOSAL_SUBMITTED');
    expect(actions.filter((a: string) => a === 'TASK_COMPLETED')).toHaveLength(10);
    expect(actions).toContain('AGREEMENT_REGISTERED');
    const times = timeline.body.events.map((e: { at: string }) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    const verify = await auditor.get(`${V1}/audit/verify`);
    expect(verify.status).toBe(200);
    expect(verify.body.ok).toBe(true);
    expect(verify.body.checked).toBeGreaterThanOrEqual(actions.length);

    const history = await admin.get(`${V1}/admin/proposals/${id}/history`);
    expect(history.status).toBe(200);
    // The province names the workflow (docs/provinces.md).
    expect(history.body.workflowId).toBe(`HT:proposal-${id}`);
    const types = history.body.events.map((e: { type: string }) => e.type);
    expect(types[0]).toBe('WorkflowExecutionStarted');
    expect(types.filter((t: string) => t === 'WorkflowExecutionUpdateAccepted').length).toBeGreaterThanOrEqual(10);
    expect(types).toContain('WorkflowExecutionCompleted');
    expect((await submitter.get(`${V1}/admin/proposals/${id}/history`)).status).toBe(403);

    // Operators find proposals by search attribute without our database.
    const connection = await Connection.connect({ address: temporalAddress });
    try {
      const client = new Client({ connection });
      const found: string[] = [];
      for await (const wf of client.workflow.list({
        query: `ProposalKind='INTERNATIONAL_AGREEMENT' AND ProposalStatus='IN_FORCE' AND Province='HT'`,
      }))
        found.push(wf.workflowId);
      expect(found).toContain(`HT:proposal-${id}`);
    } finally {
      await connection.close();
    }
  });

  it('lets exactly one of two reviewers who complete the same task at the same moment win', async () => {
    const created = await submitter.post(`${V1}/proposals`, mouBody({ title: 'MoU race' }));
    expect(created.status).toBe(201);
    const [intake] = await openTasks(officer, created.body.id);
    const results = await Promise.all([
      officer.post(`${V1}/tasks/${intake!.id}/complete`, { decision: 'COMPLETE' }),
      sngvHead.post(`${V1}/tasks/${intake!.id}/complete`, { decision: 'REQUEST_SUPPLEMENT', comment: 'Thiếu bản dịch' }),
    ]);
    expect({ statuses: results.map((r) => r.status).sort(), bodies: results.map((r) => r.body) }).toMatchObject({ statuses: [200, 409] });
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.contentType).toMatch(/application\/problem\+json/);
    const task = await officer.get(`${V1}/tasks/${intake!.id}`);
    expect(task.body.status).toBe('COMPLETED');
    const winner = results.find((r) => r.status === 200)!;
    expect(task.body.decision).toBe(winner.body.task.decision);
  });
});
