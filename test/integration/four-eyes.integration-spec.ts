/**
 * Four-eyes by person over HTTP (docs/domain.md: one person decides at most one review stage of a proposal): a person
 * who gave a proposal's opinion, or its appraisal, is refused its decision with a 403 problem+json naming the rule,
 * and another member of the deciding agency decides. The default policy never makes the deciding agency review,
 * so this suite publishes a version that does, for proposals naming this run's counterparts only.
 *
 * Publishing makes a version current for every later suite. The published version is the current document plus
 * two first routes that match only this run's counterpart names, so no other proposal's plan changes; and when the
 * suite ends it publishes the previous document again (as a new version: published versions never change), so the
 * current policy is, apart from its version name, the one the suite found.
 */
import { mouBody } from '../support/fixtures';
import { login, type ApiClient } from '../support/http';
import { deciderAlsoReviews, type FourEyesReview } from '../support/four-eyes-policy';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl } = stack();
const V1 = '/api/v1';
const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const counterpartOf = (review: FourEyesReview) => `Four-eyes ${review} ${RUN}`;

type Task = { id: string; kind: string; status: string; candidateAgency: { code: string } };

describe('four-eyes by person at DECISION, over HTTP', () => {
  let admin: ApiClient, submitter: ApiClient, officer: ApiClient, stp: ApiClient, chairman: ApiClient, viceChair: ApiClient;
  let base: { version: string; document: any };

  beforeAll(async () => {
    [admin, submitter, officer, stp, chairman, viceChair] = await Promise.all(
      // HT-SGDDT submits: the contract suite counts HT-SCT's proposals.
      [
        demoEmail({ agency: null, role: 'ADMIN' }),
        demoEmail({ agency: 'HT-SGDDT', role: 'SUBMITTER' }),
        demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
        demoEmail({ agency: 'HT-STP', role: 'REVIEWER' }),
        demoEmail({ agency: 'HT-UBND', role: 'LEADER' }),
        demoEmail({ agency: 'HT-UBND', role: 'LEADER', nth: 1 }),
      ].map((email) => login(apiUrl, email)),
    );
    const current = await admin.get(`${V1}/policies/current`);
    expect(current.status).toBe(200);
    base = current.body;
    const version = `fe-${RUN}`;
    const document = JSON.parse(JSON.stringify(base.document));
    document.version = version;
    document.routes.unshift(
      ...(['OPINION', 'APPRAISAL'] as const).map((review) =>
        deciderAlsoReviews(
          base.document,
          review,
          {
            all: [
              { field: 'kind', equals: 'INTERNATIONAL_AGREEMENT' },
              { field: 'details.counterpart.name', equals: counterpartOf(review) },
            ],
          },
          `Four-eyes test: HT-UBND gives the ${review.toLowerCase()} (${RUN})`,
        ),
      ),
    );
    const published = await admin.post(`${V1}/policies`, { version, document, note: 'Integration test: the deciding agency also reviews' });
    expect(published.status).toBe(201);
  });

  afterAll(async () => {
    if (!base) return;
    const version = `fe-${RUN}-restored`;
    const restored = await admin.post(`${V1}/policies`, {
      version,
      document: { ...base.document, version },
      note: `Integration test: ${base.version} again`,
    });
    expect(restored.status).toBe(201);
    const current = await admin.get(`${V1}/policies/current`);
    expect({ ...current.body.document, version: base.version }).toEqual(base.document);
  });

  const openTask = async (proposalId: string, kind: string): Promise<Task> => {
    const open = await admin.get(`${V1}/tasks?proposalId=${proposalId}&status=OPEN&limit=200`);
    const found = (open.body.items as Task[]).filter((t) => t.kind === kind);
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  const complete = async (who: ApiClient, task: Task, decision: string) => {
    const res = await who.post(`${V1}/tasks/${task.id}/complete`, { decision });
    return res;
  };
  const done = async (who: ApiClient, task: Task, decision: string) => {
    const res = await complete(who, task, decision);
    expect(res.status).toBe(200);
    return res;
  };

  it.each<FourEyesReview>(['OPINION', 'APPRAISAL'])(
    'the person who gave the %s gets the four-eyes 403 at DECISION; another member decides',
    async (review) => {
      const created = await submitter.post(
        `${V1}/proposals`,
        mouBody(
          { title: `Four-eyes ${review}` },
          { counterpart: { name: counterpartOf(review), country: 'LA', type: 'FOREIGN_LOCAL_GOVERNMENT' } },
        ),
      );
      expect(created.status).toBe(201);
      const id: string = created.body.id;
      const consulted = created.body.plan.stages
        .find((s: { stage: string }) => s.stage === 'CONSULTATION')
        .tasks.map((t: { candidateAgency: string }) => t.candidateAgency);
      expect(consulted).toEqual([review === 'OPINION' ? 'HT-UBND' : 'HT-SNGV']);

      await done(officer, await openTask(id, 'INTAKE_CHECK'), 'COMPLETE');
      await done(review === 'OPINION' ? chairman : officer, await openTask(id, 'OPINION'), 'AGREE');
      await done(submitter, await openTask(id, 'ABSORPTION'), 'SUBMIT');
      const appraisal = await openTask(id, 'APPRAISAL');
      expect(appraisal.candidateAgency.code).toBe(review === 'APPRAISAL' ? 'HT-UBND' : 'HT-STP');
      await done(review === 'APPRAISAL' ? chairman : stp, appraisal, 'CONFORMS');

      const decision = await openTask(id, 'DECISION');
      expect(decision.candidateAgency.code).toBe('HT-UBND');
      const refused = await complete(chairman, decision, 'APPROVE');
      expect(refused.status).toBe(403);
      expect(refused.contentType).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({
        status: 403,
        code: 'FOUR_EYES',
        type: 'urn:accord:rule:four-eyes',
        detail: expect.stringMatching(/already decided the (CONSULTATION|APPRAISAL) stage/),
      });
      // Refused means nothing happened: the task is open, the proposal still at DECISION, no completion in the timeline.
      expect((await openTask(id, 'DECISION')).id).toBe(decision.id);
      expect((await submitter.get(`${V1}/proposals/${id}`)).body.status).toBe('DECISION');
      const timeline = (await admin.get(`${V1}/proposals/${id}/timeline`)).body.events as {
        action: string;
        details?: { taskId?: string };
      }[];
      expect(timeline.filter((e) => e.action === 'TASK_COMPLETED' && e.details?.taskId === decision.id)).toEqual([]);

      const approved = await complete(viceChair, decision, 'APPROVE');
      expect(approved.status).toBe(200);
      expect(approved.body.proposal.status).toBe('APPROVED');
    },
  );
});
