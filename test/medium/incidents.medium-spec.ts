import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { IncidentsService } from '../../apps/api/src/incidents/incidents.service';
import type { IncidentQuery } from '../../apps/api/src/incidents/incidents.dto';
import { closeIncident, DEMO_USERS, openIncident } from '@accord/persistence';
import type { TemporalClientService } from '../../apps/api/src/temporal/temporal-client.module';
import type { IncidentOpening } from '@accord/temporal/contracts';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { insertProposalRow } from '../support/medium-proposals';
import { seededUser } from '../support/medium-users';

const ADMIN = DEMO_USERS.find((u) => (u.roles as readonly string[]).includes('ADMIN'))!;
const SUBMITTER = DEMO_USERS.find((u) => (u.roles as readonly string[]).includes('SUBMITTER'))!;

/** Temporal as the service sees it: records each Update it sends, or fails as a workflow that is gone. */
function recordingTemporal() {
  const updates: { workflowId: string; runId: string; name: string; args: unknown[] }[] = [];
  const gone = new Set<string>();
  /** What the workflow does before it answers (a local-activity projection runs the step again first). */
  const before: { run?: () => Promise<void> } = {};
  const temporal = {
    client: {
      workflow: {
        getHandle: (workflowId: string, runId: string) => ({
          executeUpdate: async (update: { name: string }, options: { args: unknown[] }) => {
            if (gone.has(workflowId)) throw new WorkflowNotFoundError('workflow not found', workflowId, runId);
            updates.push({ workflowId, runId, name: update.name, args: options.args });
            await before.run?.();
            return { incidentId: (options.args[0] as { incidentId: string }).incidentId, retrying: true };
          },
        }),
      },
    },
  } as unknown as TemporalClientService;
  return { temporal, updates, gone, before };
}

describe('IncidentsService (medium: real Postgres, app role, recording Temporal)', () => {
  let db: MediumDatabase;
  let fake: ReturnType<typeof recordingTemporal>;
  let service: IncidentsService;
  let proposalId: string;
  beforeAll(async () => {
    db = await mediumDatabase();
    fake = recordingTemporal();
    service = new IncidentsService(db.appDataSource, fake.temporal);
    const submitter = await seededUser(db.dataSource, SUBMITTER.email);
    proposalId = await insertProposalRow(db.dataSource, { submitter, reference: 'TEST-INCIDENTS' });
  });
  afterAll(() => db.close());

  /** A poisoned step, as the worker records it. */
  async function incident(openedAt: string, retryCount = 0, id: string = randomUUID()): Promise<IncidentOpening> {
    const opening: IncidentOpening = {
      id,
      workflowId: `proposal-${proposalId}`,
      runId: `run-${id}`,
      proposalId,
      stepKey: `proposal-${proposalId}/3`,
      step: { seq: 3, action: 'OPINION', status: 'CONSULTATION', stage: 'CONSULTATION' },
      activity: 'applyTransition',
      errorType: 'PoisonedStep',
      errorMessage: 'value too long for type character varying(32)',
      openedAt,
      retryCount,
    };
    await openIncident(db.appDataSource, opening);
    return opening;
  }
  const list = (q: Partial<IncidentQuery> = {}) => service.list(q as IncidentQuery);
  const audit = (incidentId: string) =>
    db.dataSource.query(`SELECT action, actor_id, payload FROM audit_event WHERE payload->>'incidentId' = $1 ORDER BY seq`, [incidentId]);

  it('retries an open incident once: asks its workflow run, marks it retrying and audits who asked and why', async () => {
    const admin = await seededUser(db.dataSource, ADMIN.email);
    const i = await incident('2031-01-01T00:00:00.000Z');
    const retried = await service.retry(admin, i.id, 'Đã sửa dữ liệu');
    expect(fake.updates.at(-1)).toMatchObject({
      workflowId: i.workflowId,
      runId: i.runId,
      name: 'retryIncident',
      args: [{ incidentId: i.id, comment: 'Đã sửa dữ liệu', actor: { id: admin.id } }],
    });
    expect(retried).toMatchObject({
      id: i.id,
      status: 'RETRYING',
      lastRetryBy: admin.id,
      proposal: { id: proposalId, reference: 'TEST-INCIDENTS' },
    });
    expect((await audit(i.id)).map((a: { action: string }) => a.action)).toEqual(['INCIDENT_OPENED', 'INCIDENT_RETRY_REQUESTED']);
    expect((await audit(i.id))[1]).toMatchObject({ actor_id: admin.id, payload: { comment: 'Đã sửa dữ liệu' } });
    // Retrying is not open: a second request is refused without asking the workflow again.
    const sent = fake.updates.length;
    await expect(service.retry(admin, i.id)).rejects.toMatchObject({ status: 409 });
    expect(fake.updates).toHaveLength(sent);
  });

  it('reopens the incident when the retried step fails again, and resolves it when the step goes through', async () => {
    const admin = await seededUser(db.dataSource, ADMIN.email);
    const i = await incident('2031-01-02T00:00:00.000Z');
    await service.retry(admin, i.id);
    await incident('2031-01-02T00:00:00.000Z', 1, i.id);
    expect(await service.get(i.id)).toMatchObject({ status: 'OPEN', retryCount: 1 });
    await service.retry(admin, i.id);
    await closeIncident(db.appDataSource, i.id, '2031-01-02T01:00:00.000Z');
    expect(await service.get(i.id)).toMatchObject({ status: 'RESOLVED', resolution: 'RETRY_SUCCEEDED' });
    expect((await list()).items.map((x) => x.id)).not.toContain(i.id);
    expect((await list({ status: 'RESOLVED' })).items.map((x) => x.id)).toContain(i.id);
  });

  it('answers a retry with the incident as the step left it: reopened when it failed again, resolved when it went through', async () => {
    const admin = await seededUser(db.dataSource, ADMIN.email);
    const failing = await incident('2031-01-04T00:00:00.000Z');
    fake.before.run = async () => {
      await incident('2031-01-04T00:00:00.000Z', 1, failing.id);
    };
    try {
      expect(await service.retry(admin, failing.id)).toMatchObject({ status: 'OPEN', retryCount: 1, lastRetryBy: admin.id });
      const passing = await incident('2031-01-04T01:00:00.000Z');
      fake.before.run = () => closeIncident(db.appDataSource, passing.id, '2031-01-04T01:00:05.000Z');
      expect(await service.retry(admin, passing.id)).toMatchObject({
        status: 'RESOLVED',
        resolution: 'RETRY_SUCCEEDED',
        lastRetryBy: admin.id,
      });
      expect((await audit(passing.id)).map((a: { action: string }) => a.action)).toEqual([
        'INCIDENT_OPENED',
        'INCIDENT_RESOLVED',
        'INCIDENT_RETRY_REQUESTED',
      ]);
    } finally {
      fake.before.run = undefined;
    }
  });

  it('refuses a retry when the workflow no longer waits, and leaves the incident open and unaudited', async () => {
    const admin = await seededUser(db.dataSource, ADMIN.email);
    const i = await incident('2031-01-03T00:00:00.000Z');
    fake.gone.add(i.workflowId);
    try {
      await expect(service.retry(admin, i.id)).rejects.toMatchObject({ status: 409 });
    } finally {
      fake.gone.delete(i.workflowId);
    }
    expect(await service.get(i.id)).toMatchObject({ status: 'OPEN', lastRetryAt: null });
    expect((await audit(i.id)).map((a: { action: string }) => a.action)).toEqual(['INCIDENT_OPENED']);
  });

  it('lists unresolved incidents newest first, page by page', async () => {
    const newest = await incident('2031-02-01T00:00:00.000Z');
    const older = await incident('2031-01-31T00:00:00.000Z');
    const first = await list({ limit: 1 });
    expect(first.items.map((x) => x.id)).toEqual([newest.id]);
    const second = await list({ limit: 1, cursor: first.nextCursor! });
    expect(second.items.map((x) => x.id)).toEqual([older.id]);
    const everything = (await list({ limit: 200 })).items;
    expect(everything.map((x) => x.openedAt)).toEqual([...everything.map((x) => x.openedAt)].sort().reverse());
    expect(everything.every((x) => x.status !== 'RESOLVED')).toBe(true);
  });

  it('answers 404 for an unknown incident', async () => {
    await expect(service.get(randomUUID())).rejects.toMatchObject({ status: 404 });
    await expect(service.retry(await seededUser(db.dataSource, ADMIN.email), randomUUID())).rejects.toMatchObject({ status: 404 });
  });
});
