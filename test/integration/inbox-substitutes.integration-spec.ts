/**
 * Out-of-office substitutes (GET/POST/DELETE /me/substitutes and their effect on the inbox, claims and completion)
 * and the inbox text filter `GET /tasks?q=`, black-box over HTTP against the real api, worker, Temporal and Postgres.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { addDays, isoDateInVietnam } from '@accord/domain';
import { mouBody } from '../support/fixtures';
import { driveMou } from '../support/drive';
import { signInAll, type Session } from '../support/sessions';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl, databaseUrl } = stack();
const V1 = '/api/v1';

type Task = {
  id: string;
  kind: string;
  status: string;
  proposalId: string;
  proposalReference: string;
  assignee: { id: string; fullName: string } | null;
  completedBy?: { id: string };
};
type Names = 'submitter' | 'officer' | 'head' | 'chairman' | 'vicechair' | 'admin' | 'auditor';

describe('inbox: substitutes and text search', () => {
  let users: Record<Names, Session>;
  const today = isoDateInVietnam(new Date());

  beforeAll(async () => {
    users = await signInAll(apiUrl, databaseUrl, {
      submitter: demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
      officer: demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
      head: demoEmail({ agency: 'HT-SNGV', role: 'AGENCY_HEAD' }),
      chairman: demoEmail({ agency: 'HT-UBND', role: 'LEADER' }),
      vicechair: demoEmail({ agency: 'HT-UBND', role: 'LEADER', nth: 1 }),
      admin: demoEmail({ agency: null, role: 'ADMIN' }),
      auditor: demoEmail({ agency: null, role: 'AUDITOR' }),
    });
  });

  const inbox = async (who: Session, query = ''): Promise<Task[]> => {
    const res = await who.client.get(`${V1}/tasks?limit=200${query}`);
    expect(res.status).toBe(200);
    return res.body.items;
  };
  const ids = (tasks: Task[]) => tasks.map((t) => t.id);
  const decisionTask = async (proposalId: string): Promise<Task> => {
    const open: Task[] = (await users.admin.client.get(`${V1}/tasks?proposalId=${proposalId}&status=OPEN`)).body.items;
    expect(open.map((t) => t.kind)).toEqual(['DECISION']);
    return open[0]!;
  };
  const assign = async (task: Task, to: Session) => {
    const res = await users.admin.client.post(`${V1}/tasks/${task.id}/assign`, { userId: to.id });
    expect(res.status).toBe(200);
    expect(res.body.assignee.id).toBe(to.id);
  };

  describe('out-of-office substitutes', () => {
    const substitute = (who: Session, body: Record<string, unknown>, headers?: Record<string, string>) =>
      who.client.post(`${V1}/me/substitutes`, body, headers);
    const fieldsOf = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field).sort();

    it('validates: another member of the same agency, real dates, not in the past, at most a year, only for agency members', async () => {
      const { chairman, vicechair, officer, admin } = users;
      const ok = { substituteId: vicechair.id, startsOn: today, endsOn: addDays(today, 3) };
      const cases: [Record<string, unknown>, string[]][] = [
        [{ ...ok, substituteId: chairman.id }, ['substituteId']],
        [{ ...ok, substituteId: officer.id }, ['substituteId']],
        [{ ...ok, substituteId: randomUUID() }, ['substituteId']],
        [{ ...ok, substituteId: 'someone' }, ['substituteId']],
        [{ ...ok, startsOn: addDays(today, -1) }, ['startsOn']],
        [{ ...ok, startsOn: '2026-02-30' }, ['startsOn']],
        [{ ...ok, startsOn: 'tomorrow' }, ['startsOn']],
        [{ ...ok, endsOn: addDays(today, -1), startsOn: today }, ['endsOn']],
        [{ ...ok, endsOn: addDays(today, 367) }, ['endsOn']],
        [{ ...ok, startsOn: addDays(today, 400), endsOn: addDays(today, 401) }, ['startsOn']],
        [{ substituteId: vicechair.id }, ['endsOn', 'startsOn']],
        [{ ...ok, note: 'x' }, ['note']],
      ];
      for (const [body, fields] of cases) {
        const res = await substitute(chairman, body);
        expect({ body, status: res.status, fields: fieldsOf(res) }).toEqual({ body, status: 400, fields });
        expect(res.contentType).toMatch(/application\/problem\+json/);
      }
      // A user of no agency has no tasks to hand over.
      expect((await substitute(admin, { ...ok, substituteId: users.auditor.id })).status).toBe(403);
      expect((await chairman.client.get(`${V1}/me/substitutes`)).body.items).toEqual([]);
    });

    it("hands the absent chairman's assigned tasks to the vice-chair while the substitution lasts, and no longer once revoked", async () => {
      const { chairman, vicechair, admin, auditor, officer } = users;
      const [first, second] = await Promise.all([
        driveMou(apiUrl, { until: 'DECISION', body: mouBody({ title: 'Substitute decides' }) }),
        driveMou(apiUrl, { until: 'DECISION', body: mouBody({ title: 'Substitute revoked' }) }),
      ]);
      const [decision1, decision2] = [await decisionTask(first.id), await decisionTask(second.id)];

      // The chairman is away from today for three more days; the vice-chair stands in.
      const set = await substitute(
        chairman,
        { substituteId: vicechair.id, startsOn: today, endsOn: addDays(today, 3) },
        { 'Idempotency-Key': `sub-${randomUUID()}` },
      );
      expect(set.status).toBe(201);
      expect(set.body).toEqual({
        id: expect.any(String),
        user: { id: chairman.id, fullName: expect.any(String) },
        substitute: { id: vicechair.id, fullName: expect.any(String) },
        startsOn: today,
        endsOn: addDays(today, 3),
        status: 'ACTIVE',
        createdAt: expect.any(String),
        revokedAt: null,
      });
      const substitution = set.body.id as string;
      // An overlapping one is refused with 409 naming the dates; a later one is fine (and revoked again at once).
      const overlap = await substitute(chairman, { substituteId: vicechair.id, startsOn: addDays(today, 2), endsOn: addDays(today, 5) });
      expect(overlap.status).toBe(409);
      expect(fieldsOf(overlap)).toEqual(['endsOn', 'startsOn']);
      const later = await substitute(chairman, { substituteId: vicechair.id, startsOn: addDays(today, 10), endsOn: addDays(today, 12) });
      expect(later.status).toBe(201);
      expect(later.body.status).toBe('SCHEDULED');
      const listed = (await chairman.client.get(`${V1}/me/substitutes`)).body;
      expect(listed.items.map((s: { id: string }) => s.id)).toEqual([substitution, later.body.id]);
      expect(listed.nextCursor).toBeNull();
      expect((await vicechair.client.get(`${V1}/me/substitutes`)).body.actingFor.map((s: { id: string }) => s.id)).toEqual([
        substitution,
        later.body.id,
      ]);
      expect((await chairman.client.request('DELETE', `${V1}/me/substitutes/${later.body.id}`)).status).toBe(204);

      // A task assigned to the chairman reaches the vice-chair: default inbox and assignee=me.
      await assign(decision1, chairman);
      expect(ids(await inbox(vicechair))).toContain(decision1.id);
      expect(ids(await inbox(vicechair, '&assignee=me'))).toContain(decision1.id);
      expect(ids(await inbox(chairman, '&assignee=me'))).toContain(decision1.id);
      // Nothing changes for others.
      expect(ids(await inbox(officer))).not.toContain(decision1.id);
      // Claiming it is a no-op (it is as good as the vice-chair's already); it stays with the chairman.
      const claim = await vicechair.client.post(`${V1}/tasks/${decision1.id}/claim`);
      expect(claim.status).toBe(200);
      expect(claim.body.assignee.id).toBe(chairman.id);

      // Assigned during the period: it reaches the vice-chair too, who may also let it go.
      await assign(decision2, chairman);
      expect(ids(await inbox(vicechair, '&assignee=me'))).toEqual(expect.arrayContaining([decision1.id, decision2.id]));
      const unclaim = await vicechair.client.post(`${V1}/tasks/${decision2.id}/unclaim`);
      expect(unclaim.status).toBe(200);
      expect(unclaim.body.assignee).toBeNull();

      // The vice-chair decides in the chairman's place.
      const done = await vicechair.client.post(`${V1}/tasks/${decision1.id}/complete`, {
        decision: 'APPROVE',
        comment: 'Thay Chủ tịch (vắng mặt)',
      });
      expect(done.status).toBe(200);
      expect(done.body.proposal.status).toBe('APPROVED');
      expect(done.body.task).toMatchObject({ status: 'COMPLETED', decision: 'APPROVE', completedBy: { id: vicechair.id } });
      // The audit says who decided and whose task it was.
      const completion = (
        await auditor.client.get(`${V1}/audit?action=TASK_COMPLETED&proposalId=${done.body.proposal.id}&limit=200`)
      ).body.items.find((e: { payload: { taskId: string } }) => e.payload.taskId === decision1.id);
      expect(completion).toMatchObject({ actor: { id: vicechair.id }, payload: { decision: 'APPROVE', onBehalfOf: { id: chairman.id } } });
      // A task completed by its own assignee carries no onBehalfOf.
      const own = (
        await auditor.client.get(`${V1}/audit?action=TASK_COMPLETED&proposalId=${done.body.proposal.id}&limit=200`)
      ).body.items.filter((e: { payload: { taskId: string } }) => e.payload.taskId !== decision1.id);
      expect(own.length).toBeGreaterThan(0);
      for (const e of own) expect(e.payload.onBehalfOf).toBeUndefined();
      // The decision record, the timeline and the notifications name both too (issue 12, item 14).
      const [chairName, viceName] = await Promise.all(
        [chairman, vicechair].map(async (u) => (await u.client.get(`${V1}/me`)).body.fullName as string),
      );
      const standIn = { id: chairman.id, fullName: chairName };
      expect(done.body.task).toMatchObject({ completedBy: { id: vicechair.id, fullName: viceName }, completedOnBehalfOf: standIn });
      // The answer is the task as it is now stored (the api builds it from the workflow's answer, not by reading it).
      expect((await vicechair.client.get(`${V1}/tasks/${decision1.id}`)).body).toEqual(done.body.task);
      const detail = (await auditor.client.get(`${V1}/proposals/${done.body.proposal.id}`)).body;
      const decided = detail.decisions.filter((d: { onBehalfOf?: unknown }) => d.onBehalfOf);
      expect(decided).toEqual([
        expect.objectContaining({
          taskId: decision1.id,
          decision: 'APPROVE',
          decidedBy: { id: vicechair.id, fullName: viceName },
          onBehalfOf: standIn,
        }),
      ]);
      const timeline = (await auditor.client.get(`${V1}/proposals/${done.body.proposal.id}/timeline`)).body.events;
      const onBehalf = timeline.filter((e: { onBehalfOf?: unknown }) => e.onBehalfOf);
      expect(onBehalf).toEqual([
        expect.objectContaining({ action: 'TASK_COMPLETED', actor: expect.objectContaining({ id: vicechair.id }), onBehalfOf: standIn }),
      ]);
      const told = (await chairman.client.get(`${V1}/notifications?limit=200&lang=en`)).body.items.filter(
        (n: { kind: string; taskId?: string }) => n.kind === 'TASK_COMPLETED_ON_BEHALF',
      );
      expect(told).toHaveLength(1);
      expect(told[0].params).toMatchObject({
        decision: 'APPROVE',
        byId: vicechair.id,
        byName: viceName,
        onBehalfOfId: chairman.id,
        onBehalfOfName: chairName,
      });
      expect(told[0].message).toContain(viceName);
      expect(told[0].message).toContain(chairName);
      // Only the absent person is told, not the rest of the agency.
      const othersTold = (await vicechair.client.get(`${V1}/notifications?limit=200`)).body.items.filter(
        (n: { kind: string }) => n.kind === 'TASK_COMPLETED_ON_BEHALF',
      );
      expect(othersTold).toEqual([]);

      // Revoked: a task assigned to the chairman from now on stays the chairman's.
      expect((await vicechair.client.request('DELETE', `${V1}/me/substitutes/${substitution}`)).status).toBe(404); // not the vice-chair's to revoke
      expect((await chairman.client.request('DELETE', `${V1}/me/substitutes/${substitution}`)).status).toBe(204);
      expect((await chairman.client.request('DELETE', `${V1}/me/substitutes/${substitution}`)).status).toBe(204); // revoking again changes nothing
      expect((await chairman.client.request('DELETE', `${V1}/me/substitutes/${randomUUID()}`)).status).toBe(404);
      expect((await chairman.client.request('DELETE', `${V1}/me/substitutes/not-a-uuid`)).status).toBe(400);
      expect((await chairman.client.get(`${V1}/me/substitutes`)).body.items).toEqual([]);
      await assign(decision2, chairman);
      expect(ids(await inbox(vicechair))).not.toContain(decision2.id);
      expect(ids(await inbox(vicechair, '&assignee=me'))).not.toContain(decision2.id);
      expect(ids(await inbox(chairman))).toContain(decision2.id);
      expect((await vicechair.client.post(`${V1}/tasks/${decision2.id}/complete`, { decision: 'APPROVE' })).status).toBe(409);
      expect((await vicechair.client.post(`${V1}/tasks/${decision2.id}/claim`)).status).toBe(409);

      // Every change is audited: set, revoked (twice: the later one and this one), not the no-op revoke.
      const audit = async (action: string) =>
        (await auditor.client.get(`${V1}/audit?action=${action}&actorId=${chairman.id}&limit=200`)).body.items.filter(
          (e: { payload: { substitutionId: string } }) => [substitution, later.body.id].includes(e.payload.substitutionId),
        );
      const setEvents = await audit('SUBSTITUTE_SET');
      expect(setEvents.map((e: { payload: { substitutionId: string } }) => e.payload.substitutionId)).toEqual([
        substitution,
        later.body.id,
      ]);
      expect(setEvents[0]).toMatchObject({
        actor: { id: chairman.id, type: 'USER' },
        proposalId: null,
        payload: { user: { id: chairman.id }, substitute: { id: vicechair.id }, startsOn: today, endsOn: addDays(today, 3) },
      });
      expect((await audit('SUBSTITUTE_REVOKED')).map((e: { payload: { substitutionId: string } }) => e.payload.substitutionId)).toEqual([
        later.body.id,
        substitution,
      ]);

      // Leave nothing open behind.
      expect((await admin.client.post(`${V1}/admin/proposals/${second.id}/cancel`, { reason: 'Dọn dữ liệu thử' })).status).toBe(200);
    });

    it('answers the same Idempotency-Key with the first substitution', async () => {
      const { head, officer } = users;
      const key = `sub-${randomUUID()}`;
      const body = { substituteId: officer.id, startsOn: addDays(today, 200), endsOn: addDays(today, 201) };
      const first = await substitute(head, body, { 'Idempotency-Key': key });
      const again = await substitute(head, body, { 'Idempotency-Key': key });
      expect([first.status, again.status]).toEqual([201, 201]);
      expect(again.body.id).toBe(first.body.id);
      expect((await head.client.request('DELETE', `${V1}/me/substitutes/${first.body.id}`)).status).toBe(204);
    });
  });

  describe('GET /tasks?q=', () => {
    const tag = `qx${randomBytes(4).toString('hex')}`;
    const titles = [`Tìm ${tag} giảm 50% phí`, `Tìm ${tag} giảm 50x phí`, `Tìm ${tag} mã a_b`, `Tìm ${tag} mã axb`];
    const created: { id: string; reference: string; title: string }[] = [];

    beforeAll(async () => {
      for (const title of titles) {
        const res = await users.submitter.client.post(`${V1}/proposals`, mouBody({ title }));
        expect(res.status).toBe(201);
        created.push({ id: res.body.id, reference: res.body.reference, title });
      }
    });

    afterAll(async () => {
      for (const p of created) await users.admin.client.post(`${V1}/admin/proposals/${p.id}/cancel`, { reason: 'Dọn dữ liệu thử' });
    });

    const found = async (who: Session, q: string, extra = '') => {
      const tasks = await inbox(who, `&q=${encodeURIComponent(q)}${extra}`);
      return tasks
        .map((t) => t.proposalId)
        .filter((id) => created.some((p) => p.id === id))
        .map((id) => created.findIndex((p) => p.id === id))
        .sort();
    };

    it('matches the proposal title or reference, case-insensitively, with % and _ taken literally', async () => {
      const { officer, submitter, admin } = users;
      expect(await found(officer, tag)).toEqual([0, 1, 2, 3]);
      expect(await found(officer, tag.toUpperCase())).toEqual([0, 1, 2, 3]);
      expect(await found(officer, `${tag} giảm 50%`)).toEqual([0]);
      expect(await found(officer, `${tag} mã a_b`)).toEqual([2]);
      expect(await found(officer, created[1]!.reference.toLowerCase())).toEqual([1]);
      expect((await inbox(officer, `&q=${encodeURIComponent(created[3]!.reference)}`)).map((t) => t.proposalId)).toEqual([created[3]!.id]);
      // Combined with the other filters and the caller's visibility.
      expect(await found(officer, tag, '&kind=INTAKE_CHECK&status=OPEN')).toEqual([0, 1, 2, 3]);
      expect(await found(officer, tag, '&kind=OPINION')).toEqual([]);
      expect(await found(submitter, tag)).toEqual([]); // not the submitter's tasks to act on
      expect(await found(admin, tag, '&status=OPEN')).toEqual([0, 1, 2, 3]);
      expect((await officer.client.get(`${V1}/tasks?q=${'x'.repeat(201)}`)).status).toBe(400);
    });

    it('matches every word, in any order, with accents and case optional (a reviewer types "tim giam phi")', async () => {
      const { officer, admin } = users;
      expect(await found(officer, `TIM ${tag}`)).toEqual([0, 1, 2, 3]);
      expect(await found(officer, `phi ${tag} giam`)).toEqual([0, 1]);
      expect(await found(officer, `  ${tag}   AXB  `)).toEqual([3]);
      // The summary counts too: every test proposal's says "xúc tiến thương mại".
      expect(await found(officer, `thuong MAI ${tag}`)).toEqual([0, 1, 2, 3]);
      expect(await found(officer, `${tag} giảm 50% phí`.normalize('NFD'))).toEqual([0]);
      expect(await found(officer, `${tag} khong-co`)).toEqual([]);
      // The proposals search folds the same way, over title, reference and summary.
      const proposals = await admin.client.get(`${V1}/proposals?q=${encodeURIComponent(`giam PHI ${tag}`)}&limit=200`);
      expect(proposals.body.items.map((p: { id: string }) => p.id).sort()).toEqual([created[0]!.id, created[1]!.id].sort());
    });

    it('keeps keyset pages by (dueAt, id) under the filter', async () => {
      const all = await inbox(users.officer, `&q=${tag}`);
      expect(all).toHaveLength(4);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { status: number; body: { items: Task[]; nextCursor: string | null } } = await users.officer.client.get(
          `${V1}/tasks?q=${tag}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.status).toBe(200);
        seen.push(...ids(page.body.items));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(ids(all));
    });
  });
});
