import { randomUUID } from 'node:crypto';
import type { AuthUser } from '../../apps/api/src/auth/auth-user';
import { CalendarService } from '../../apps/api/src/calendar/calendar.service';
import { PolicyService } from '../../apps/api/src/policies/policy.service';
import type { CreateProposalDto } from '../../apps/api/src/proposals/dto/create-proposal.dto';
import { ProposalsService } from '../../apps/api/src/proposals/proposals.service';
import { ReportCyclesService } from '../../apps/api/src/report-cycles/report-cycles.service';
import type { CompleteTaskDto } from '../../apps/api/src/tasks/tasks.dto';
import { TasksService } from '../../apps/api/src/tasks/tasks.service';
import { TasksAssignmentService } from '../../apps/api/src/tasks/tasks-assignment.service';
import { isoDateInVietnam } from '@accord/domain';
import { DEMO_USERS } from '@accord/persistence';
import { mouBody } from '../support/fixtures';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { RecordingTemporal } from '../support/medium-temporal';
import { seededUser } from '../support/medium-users';

const email = (agency: string | null, role: string) =>
  DEMO_USERS.find(
    (u) =>
      u.agency === agency &&
      (u.roles as readonly string[]).includes(role) &&
      (role === 'AGENCY_HEAD' || !(u.roles as readonly string[]).includes('AGENCY_HEAD')),
  )!.email;

const decide = (decision: string, extra: Record<string, unknown> = {}) => ({ decision, ...extra }) as unknown as CompleteTaskDto;

describe('TasksService and TasksAssignmentService (medium: real Postgres, app role, recording Temporal)', () => {
  let db: MediumDatabase;
  let temporal: RecordingTemporal;
  let tasks: TasksService;
  let assignment: TasksAssignmentService;
  let sct: AuthUser; // the submitting agency
  let officer: AuthUser; // HT-SNGV member
  let head: AuthUser; // HT-SNGV head
  let stp: AuthUser;
  let bchqs: AuthUser;
  let sgddt: AuthUser;
  let leader: AuthUser;
  let proposalId: string;
  let sngvTask: string;
  let sctTask: string;
  let stpTask: string;

  const audits = async (action: string, taskId: string): Promise<{ payload: Record<string, unknown> }[]> =>
    db.dataSource.query(`SELECT payload FROM audit_event WHERE action = $1 AND payload->>'taskId' = $2 ORDER BY seq`, [action, taskId]);
  const assigneeOf = async (taskId: string): Promise<string | null> =>
    (await db.dataSource.query('SELECT assignee_id FROM task WHERE id = $1', [taskId]))[0].assignee_id;

  /** A task as the workflow's projection writes it (due_at in milliseconds, as the workflow computes it: the list cursor carries milliseconds). */
  const addTask = async (agency: string, kind: string, allowed: string[], dueInDays: number) => {
    const id = randomUUID();
    await db.dataSource.query(
      `INSERT INTO task (id, proposal_id, kind, stage, candidate_agency_code, status, round, created_at, due_at, clock_type, clock_length, allowed_decisions)
       VALUES ($1,$2,$3,'CONSULTATION',$4,'OPEN',1,now(),date_trunc('milliseconds', now() + make_interval(days => $5)),'WORKING_DAYS',10,$6)`,
      [id, proposalId, kind, agency, dueInDays, allowed],
    );
    return id;
  };

  beforeAll(async () => {
    db = await mediumDatabase();
    temporal = new RecordingTemporal();
    const policies = new PolicyService(db.appDataSource);
    const proposals = new ProposalsService(db.appDataSource, temporal.asService(), new CalendarService(db.appDataSource), policies);
    tasks = new TasksService(
      db.appDataSource,
      temporal.asService(),
      proposals,
      new ReportCyclesService(db.appDataSource, temporal.asService()),
      policies,
    );
    assignment = new TasksAssignmentService(db.appDataSource);
    [sct, officer, head, stp, bchqs, sgddt, leader] = await Promise.all([
      seededUser(db.dataSource, email('HT-SCT', 'SUBMITTER')),
      seededUser(db.dataSource, email('HT-SNGV', 'REVIEWER')),
      seededUser(db.dataSource, email('HT-SNGV', 'AGENCY_HEAD')),
      seededUser(db.dataSource, email('HT-STP', 'REVIEWER')),
      seededUser(db.dataSource, email('HT-BCHQS', 'REVIEWER')),
      seededUser(db.dataSource, email('HT-SGDDT', 'SUBMITTER')),
      seededUser(db.dataSource, email('HT-UBND', 'LEADER')),
    ]);
    proposalId = (await proposals.create(sct, mouBody() as unknown as CreateProposalDto)).id;
    sngvTask = await addTask('HT-SNGV', 'OPINION', ['AGREE', 'AGREE_WITH_COMMENTS', 'DISAGREE'], 5);
    sctTask = await addTask('HT-SCT', 'OPINION', ['AGREE', 'DISAGREE'], 6);
    stpTask = await addTask('HT-STP', 'OPINION', ['AGREE', 'AGREE_WITH_COMMENTS', 'DISAGREE'], 7);
  });
  afterAll(() => db.close());

  const ids = (page: { items: { id: string }[] }) => page.items.map((t) => t.id);

  it("lists an agency's open tasks as its inbox, and a proposal's tasks to whoever may see the proposal", async () => {
    expect(ids(await tasks.list(officer, {}))).toEqual([sngvTask]);
    expect(ids(await tasks.list(stp, {}))).toEqual([stpTask]);
    expect(ids(await tasks.list(sgddt, {}))).toEqual([]);
    // Routed to HT-STP, so its reviewer sees the proposal and every task on it, soonest due first.
    expect(ids(await tasks.list(stp, { proposalId }))).toEqual([sngvTask, sctTask, stpTask]);
    expect(ids(await tasks.list(leader, { proposalId }))).toEqual([sngvTask, sctTask, stpTask]);
    expect(ids(await tasks.list(sgddt, { proposalId }))).toEqual([]);
    const first = await tasks.list(leader, { proposalId, limit: 2 });
    expect(ids(first)).toEqual([sngvTask, sctTask]);
    expect(ids(await tasks.list(leader, { proposalId, limit: 2, cursor: first.nextCursor! }))).toEqual([stpTask]);
  });

  it('shows a task to its candidate agency and to leaders, and refuses other agencies with 403', async () => {
    await expect(tasks.get(officer, sngvTask)).resolves.toMatchObject({
      id: sngvTask,
      candidateAgency: { code: 'HT-SNGV' },
      status: 'OPEN',
    });
    await expect(tasks.get(leader, sngvTask)).resolves.toMatchObject({ id: sngvTask });
    await expect(tasks.get(bchqs, sngvTask)).rejects.toMatchObject({ status: 403 });
    await expect(tasks.get(officer, randomUUID())).rejects.toMatchObject({ status: 404 });
  });

  it('lets a member of the candidate agency claim once; others are refused and nothing changes', async () => {
    await expect(assignment.claim(bchqs, sngvTask)).rejects.toMatchObject({ status: 403 });
    expect(await assigneeOf(sngvTask)).toBeNull();
    await expect(assignment.claim(officer, sngvTask)).resolves.toMatchObject({ assignee: { id: officer.id } });
    await expect(assignment.claim(officer, sngvTask)).resolves.toMatchObject({ assignee: { id: officer.id } });
    expect(await audits('TASK_CLAIMED', sngvTask)).toHaveLength(1);
    await expect(assignment.claim(head, sngvTask)).rejects.toMatchObject({ status: 409 });
    expect(await assigneeOf(sngvTask)).toBe(officer.id);
    // Held by the officer: out of the head's inbox.
    expect(ids(await tasks.list(head, {}))).not.toContain(sngvTask);
    expect(ids(await tasks.list(officer, { assignee: 'me' }))).toEqual([sngvTask]);
  });

  it('releases a task once when two unclaims race: one audit event, nobody holds it', async () => {
    await expect(assignment.claim(head, stpTask)).rejects.toMatchObject({ status: 403 }); // not of HT-STP
    await assignment.claim(stp, stpTask);
    const race = await Promise.allSettled([assignment.unclaim(stp, stpTask), assignment.unclaim(stp, stpTask)]);
    expect(race.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(await audits('TASK_UNCLAIMED', stpTask)).toHaveLength(1);
    expect(await assigneeOf(stpTask)).toBeNull();
  });

  it("puts an absent colleague's task in the substitute's inbox, and the substitute completes it on their behalf", async () => {
    const today = isoDateInVietnam(new Date());
    await db.dataSource.query(
      `INSERT INTO user_substitute (id, user_id, substitute_id, starts_on, ends_on, created_at) VALUES ($1,$2,$3,$4,$4,now())`,
      [randomUUID(), officer.id, head.id, today],
    );
    expect(ids(await tasks.list(head, {}))).toContain(sngvTask);
    const sent = temporal.updates.length;
    const done = await tasks.complete(head, sngvTask, decide('AGREE', { comment: 'Đồng ý' }), 'k-head');
    expect(done).toMatchObject({ proposal: { id: proposalId, status: 'CONSULTATION' }, task: { id: sngvTask } });
    expect(temporal.updates).toHaveLength(sent + 1);
    expect(temporal.updates.at(-1)).toMatchObject({
      workflowId: `HT:proposal-${proposalId}`,
      name: 'completeTask',
      updateId: `${sngvTask}:${head.id}:k-head`,
      args: [{ taskId: sngvTask, decision: 'AGREE', comment: 'Đồng ý', actor: { id: head.id }, onBehalfOf: { id: officer.id } }],
    });
    await db.dataSource.query('DELETE FROM user_substitute WHERE user_id = $1', [officer.id]);
  });

  it('lets the head release and assign within the agency only', async () => {
    await expect(assignment.assign(officer, sngvTask, head.id)).rejects.toMatchObject({ status: 403 });
    await expect(assignment.assign(head, sngvTask, stp.id)).rejects.toMatchObject({ status: 400, errors: [{ field: 'userId' }] });
    expect(await assigneeOf(sngvTask)).toBe(officer.id);
    await expect(assignment.unclaim(head, sngvTask)).resolves.toMatchObject({ assignee: null });
    expect((await audits('TASK_UNCLAIMED', sngvTask)).at(-1)!.payload).toMatchObject({ previousAssigneeId: officer.id });
    await expect(assignment.assign(head, sngvTask, officer.id)).resolves.toMatchObject({ assignee: { id: officer.id } });
    expect((await audits('TASK_ASSIGNED', sngvTask)).at(-1)!.payload).toMatchObject({
      previousAssigneeId: null,
      assignee: { id: officer.id },
    });
  });

  it('refuses completions the rules forbid, sending nothing to the workflow', async () => {
    const sent = temporal.updates.length;
    await expect(tasks.complete(sct, sctTask, decide('AGREE'))).rejects.toMatchObject({
      status: 403,
      problemType: 'urn:accord:rule:four-eyes',
    });
    await expect(tasks.complete(bchqs, stpTask, decide('AGREE'))).rejects.toMatchObject({ status: 403 });
    await expect(tasks.complete(stp, stpTask, decide('APPROVE'))).rejects.toMatchObject({ status: 400, errors: [{ field: 'decision' }] });
    await expect(tasks.complete(head, sngvTask, decide('AGREE'))).rejects.toMatchObject({ status: 409 }); // the officer holds it
    await expect(tasks.complete(stp, stpTask, decide('AGREE', { attachmentIds: [randomUUID()] }))).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'attachmentIds.0' }],
    });
    expect(temporal.updates).toHaveLength(sent);
  });

  it('sends a completion as a workflow Update whose id carries the Idempotency-Key', async () => {
    await expect(
      tasks.complete(stp, stpTask, decide('AGREE_WITH_COMMENTS', { comment: 'Lưu ý điều 3' }), 'retry-1'),
    ).resolves.toMatchObject({ proposal: { id: proposalId, status: 'CONSULTATION' } });
    expect(temporal.updates.at(-1)).toMatchObject({
      name: 'completeTask',
      updateId: `${stpTask}:${stp.id}:retry-1`,
      args: [{ actor: { id: stp.id } }],
    });
    expect(temporal.updates.at(-1)!.args[0]).not.toHaveProperty('onBehalfOf');
  });
});
