/**
 * The schedules the worker creates at start (apps/worker/src/reporting-schedules.service.ts): one per reporting-cycle
 * policy row, opening at 08:00 Hanoi time on the policy's day, and the commitments sync when it is configured. Real
 * Postgres (the seeded policies, as the app role) and a real Temporal dev server, which runs Schedules (the
 * time-skipping test server does not). Starting twice must leave the same schedules, updated in place.
 */
import { MONTHS } from '@temporalio/client';
import { defineSearchAttributeKey, SearchAttributeType, TypedSearchAttributes } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ReportingSchedulesService } from '../../apps/worker/src/reporting-schedules.service';
import type { AppConfig } from '@accord/config';
import { installTenancy, loadReportCyclePolicies, runInProvince } from '@accord/persistence';
import {
  commitmentsSyncScheduleId,
  LEGACY_COMMITMENTS_SYNC_SCHEDULE_ID,
  PROVINCE_SEARCH_ATTRIBUTE,
  reportCycleScheduleId,
  SEARCH_ATTRIBUTES,
} from '@accord/temporal';
import { waitFor } from '../support/eventually';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { installQuietRuntime, temporalBinary } from '../support/temporal-binaries';

jest.setTimeout(120_000);

describe('ReportingSchedulesService (medium: real Postgres, Temporal dev server)', () => {
  let db: MediumDatabase;
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    installQuietRuntime();
    [db, env] = await Promise.all([
      mediumDatabase(),
      TestWorkflowEnvironment.createLocal({
        server: {
          executable: { type: 'existing-path', path: temporalBinary('temporal') },
          // The schedules' workflows carry the Province search attribute, which the server must know.
          searchAttributes: SEARCH_ATTRIBUTES.map((name) => defineSearchAttributeKey(name, SearchAttributeType.KEYWORD)),
        },
      }),
    ]);
    // As in the worker (apps/worker/src/worker.module.ts): each connection acts for the province in scope.
    installTenancy(db.appDataSource);
  });
  afterAll(async () => {
    await env?.teardown();
    await db?.close();
  });

  const start = (config: Partial<AppConfig>) =>
    new ReportingSchedulesService(
      { TEMPORAL_ADDRESS: env.address, TEMPORAL_NAMESPACE: 'default', COMMITMENTS_SYNC_INTERVAL: '1h', ...config } as AppConfig,
      db.appDataSource,
    ).onApplicationBootstrap();
  const scheduleIds = async () => {
    const ids: string[] = [];
    for await (const s of env.client.schedule.list()) ids.push(s.scheduleId);
    return ids.sort();
  };
  /** The list is read from the visibility store, which lags the schedules by a moment. */
  const settledIds = (ok: (ids: string[]) => boolean) => waitFor('the schedule list', scheduleIds, ok, 15_000).catch(() => scheduleIds());
  const same = (expected: string[]) => (ids: string[]) => JSON.stringify(ids) === JSON.stringify(expected);

  // The seeded province: its schedules' ids start with its code.
  const HT = 'HT';
  const SYNC = commitmentsSyncScheduleId(HT);

  it('creates one schedule per reporting-cycle policy and the commitments sync, and a second start changes nothing', async () => {
    const policies = await runInProvince(HT, () => loadReportCyclePolicies(db.appDataSource));
    expect(policies.length).toBeGreaterThanOrEqual(3);
    // Every province gets its own: Đồng Nai (the second demo province) has the report to MOFA only.
    const dnPolicies = await runInProvince('DN', () => loadReportCyclePolicies(db.appDataSource));
    expect(dnPolicies.map((p) => p.kind)).toEqual(['MOFA_ANNUAL']);
    const expected = [
      ...policies.map((p) => reportCycleScheduleId(HT, p.kind)),
      SYNC,
      ...dnPolicies.map((p) => reportCycleScheduleId('DN', p.kind)),
      commitmentsSyncScheduleId('DN'),
    ].sort();

    await start({ COMMITMENTS_SYNC_URL: 'http://127.0.0.1:9/commitments' });
    expect(await settledIds(same(expected))).toEqual(expected);

    for (const policy of policies) {
      const schedule = await env.client.schedule.getHandle(reportCycleScheduleId(HT, policy.kind)).describe();
      const [month, day] = policy.opens.monthDay.split('-').map(Number);
      expect(schedule.spec.timezone).toBe('Asia/Ho_Chi_Minh');
      expect(schedule.spec.calendars).toHaveLength(1);
      const calendar = schedule.spec.calendars![0]!;
      expect(calendar.month).toEqual([{ start: MONTHS[month! - 1], end: MONTHS[month! - 1], step: 1 }]);
      expect(calendar.dayOfMonth).toEqual([{ start: day, end: day, step: 1 }]);
      expect(calendar.hour).toEqual([{ start: 8, end: 8, step: 1 }]);
      expect(schedule.action).toMatchObject({
        type: 'startWorkflow',
        workflowType: 'reportCycleWorkflow',
        workflowId: reportCycleScheduleId(HT, policy.kind),
        args: [{ kind: policy.kind }],
      });
      const attributes = schedule.action.typedSearchAttributes;
      const pairs = attributes instanceof TypedSearchAttributes ? attributes.getAll() : (attributes ?? []);
      expect(pairs).toContainEqual({ key: defineSearchAttributeKey(PROVINCE_SEARCH_ATTRIBUTE, SearchAttributeType.KEYWORD), value: HT });
      // The next opening is 08:00 Hanoi (01:00 UTC) on the policy's day.
      const next = schedule.info.nextActionTimes[0]!;
      expect(next.toISOString()).toMatch(new RegExp(`^\\d{4}-${policy.opens.monthDay}T01:00:00`));
    }
    const sync = await env.client.schedule.getHandle(SYNC).describe();
    expect(sync.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'commitmentsSyncWorkflow',
      workflowId: 'HT:commitments-sync',
    });
    expect(sync.spec.intervals).toMatchObject([{ every: 3_600_000 }]);

    // Restarting the worker (a new interval configured) updates in place: same schedules, none duplicated.
    await start({ COMMITMENTS_SYNC_URL: 'http://127.0.0.1:9/commitments', COMMITMENTS_SYNC_INTERVAL: '30m' });
    await start({ COMMITMENTS_SYNC_URL: 'http://127.0.0.1:9/commitments', COMMITMENTS_SYNC_INTERVAL: '30m' });
    expect(await settledIds(same(expected))).toEqual(expected);
    expect((await env.client.schedule.getHandle(SYNC).describe()).spec.intervals).toMatchObject([{ every: 1_800_000 }]);
  });

  it('deletes the commitments-sync schedule when the sync is switched off, keeping the reporting ones', async () => {
    await start({ COMMITMENTS_SYNC_URL: 'http://127.0.0.1:9/commitments' });
    expect(await settledIds((ids) => ids.includes(SYNC))).toContain(SYNC);
    await start({ COMMITMENTS_SYNC_URL: undefined });
    const ids = await settledIds((list) => !list.includes(SYNC));
    expect(ids).not.toContain(SYNC);
    expect(ids.length).toBeGreaterThanOrEqual(3);
  });

  it('deletes the schedules from before provinces: the HT-prefixed ones replace them', async () => {
    const legacy = ['report-cycle-ANNUAL', LEGACY_COMMITMENTS_SYNC_SCHEDULE_ID];
    for (const scheduleId of legacy)
      await env.client.schedule.create({
        scheduleId,
        spec: { intervals: [{ every: '1 day' }] },
        action: { type: 'startWorkflow', workflowType: 'commitmentsSyncWorkflow', taskQueue: 'none', workflowId: scheduleId },
      });
    await start({ COMMITMENTS_SYNC_URL: 'http://127.0.0.1:9/commitments' });
    const ids = await settledIds((list) => !legacy.some((id) => list.includes(id)));
    for (const id of legacy) expect(ids).not.toContain(id);
    expect(ids).toEqual(expect.arrayContaining([reportCycleScheduleId(HT, 'ANNUAL'), SYNC]));
  });
});
