/** The agreement lifecycle under the time-skipping server: expiry reminders, EXPIRED, and a signed extension. */
import { randomUUID } from 'node:crypto';
import { addDays, isoDateInVietnam } from '@accord/domain';
import { agreementChangedSignal, type AgreementEvent, type AgreementSnapshot } from '@accord/temporal/contracts';
import { nextAgreementEvent } from './agreement.workflow';
import { useTimeSkipping } from '../../test/support/time-skipping';
import { withTestWorker } from '../../test/support/workflow-worker';

describe('agreementWorkflow (time-skipping)', () => {
  const temporal = useTimeSkipping();

  async function run(
    registry: AgreementSnapshot,
    script: (handle: { signalExtend(expiresOn: string): Promise<void> }, events: AgreementEvent[]) => Promise<void>,
  ) {
    const events: AgreementEvent[] = [];
    const activities = {
      async loadAgreement() {
        return { ...registry };
      },
      async applyAgreementEvent(e: AgreementEvent) {
        if (!events.some((x) => x.key === e.key)) events.push(e);
        if (e.kind === 'EXPIRED') registry.status = 'EXPIRED';
      },
      async applyTransition() {},
    };
    const agreementId = randomUUID();
    await withTestWorker({ env: temporal.env, bundle: temporal.bundle, activities, queuePrefix: 'agreement' }, async (taskQueue) => {
      const handle = await temporal.env.client.workflow.start('agreementWorkflow', {
        taskQueue,
        workflowId: `agreement-${agreementId}`,
        args: [{ agreementId, reminderDays: [180, 60] }],
      });
      await script(
        {
          async signalExtend(expiresOn) {
            registry.expiresOn = expiresOn; // the proposal's projection writes the registry first
            await handle.signal(agreementChangedSignal, {
              agreementId,
              action: 'EXTEND',
              signing: { signedAt: new Date().toISOString(), place: 'x', signatories: [] },
              proposalId: 'p2',
              reference: 'R2',
              termMonths: 12,
            });
          },
        },
        events,
      );
      await handle.result();
    });
    return events;
  }

  it('reminds 180 and 60 days before the term ends, then marks the agreement EXPIRED', async () => {
    const today = isoDateInVietnam(new Date(await temporal.env.currentTimeMs()));
    const expiresOn = addDays(today, 400);
    const events = await run(
      { status: 'IN_FORCE', signedOn: today, expiresOn, leadAgency: 'HT-SCT', proposalId: 'p' },
      async () => undefined,
    );
    expect(events.map((e) => [e.kind, e.daysBefore ?? null, e.expiresOn])).toEqual([
      ['EXPIRY_REMINDER', 180, expiresOn],
      ['EXPIRY_REMINDER', 60, expiresOn],
      ['EXPIRED', null, expiresOn],
    ]);
    expect(events.map((e) => e.at)).toEqual(
      [
        new Date(`${addDays(expiresOn, -180)}T00:00:00+07:00`).toISOString(),
        new Date(`${addDays(expiresOn, -60)}T00:00:00+07:00`).toISOString(),
        new Date(`${addDays(expiresOn, 1)}T00:00:00+07:00`).toISOString(), // 24:00 Hanoi time on the last day
      ].map((iso) => expect.stringMatching(new RegExp(`^${iso.slice(0, 19)}`))),
    );
  });

  it('follows a signed extension: the old term passes without expiry, reminders restart for the new one', async () => {
    const today = isoDateInVietnam(new Date(await temporal.env.currentTimeMs()));
    const firstEnd = addDays(today, 100); // too short for a 180-day reminder: only the 60-day one
    const newEnd = addDays(today, 500);
    const events = await run(
      { status: 'IN_FORCE', signedOn: today, expiresOn: firstEnd, leadAgency: 'HT-SCT', proposalId: 'p' },
      async (h, seen) => {
        await temporal.env.sleep(`${30 * 24} hours`); // before the 60-day reminder of the first term (day 40)
        expect(seen).toEqual([]);
        await h.signalExtend(newEnd);
      },
    );
    expect(events.map((e) => [e.kind, e.daysBefore ?? null, e.expiresOn])).toEqual([
      ['EXPIRY_REMINDER', 180, newEnd],
      ['EXPIRY_REMINDER', 60, newEnd],
      ['EXPIRED', null, newEnd],
    ]);
  });

  it('continues as new after 50 events, carrying the reminders sent so none is sent twice', async () => {
    const today = isoDateInVietnam(new Date(await temporal.env.currentTimeMs()));
    const registry: AgreementSnapshot = {
      status: 'IN_FORCE',
      signedOn: today,
      expiresOn: addDays(today, 100),
      leadAgency: 'HT-SCT',
      proposalId: 'p',
    };
    const sentKeys: string[] = [];
    const activities = {
      async loadAgreement() {
        return { ...registry };
      },
      async applyAgreementEvent(e: AgreementEvent) {
        sentKeys.push(`${e.kind}/${e.daysBefore ?? ''}`);
        if (e.kind === 'EXPIRED') registry.status = 'EXPIRED';
      },
    };
    // A policy reminding on each of the last 60 days: more events than one run keeps.
    const reminderDays = Array.from({ length: 60 }, (_, i) => i + 1);
    const agreementId = randomUUID();
    await withTestWorker({ env: temporal.env, bundle: temporal.bundle, activities, queuePrefix: 'agreement' }, async (taskQueue) => {
      const handle = await temporal.env.client.workflow.start('agreementWorkflow', {
        taskQueue,
        workflowId: `agreement-${agreementId}`,
        args: [{ agreementId, reminderDays }],
      });
      expect(await handle.result()).toBe('EXPIRED'); // follows the chain of runs
      const first = await temporal.env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).describe();
      expect(first.status.name).toBe('CONTINUED_AS_NEW');
      const last = await temporal.env.client.workflow.getHandle(handle.workflowId).describe();
      expect(last.runId).not.toBe(handle.firstExecutionRunId);
      expect(last.status.name).toBe('COMPLETED');
      const firstHistory = await temporal.env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).fetchHistory();
      const firstRunEvents = (firstHistory.events ?? []).filter(
        (e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'applyAgreementEvent',
      );
      expect(firstRunEvents).toHaveLength(50);
    });
    // Each reminder once, from 60 days before to 1 day before, then the expiry: nothing lost or repeated across runs.
    expect(sentKeys).toEqual([...[...reminderDays].reverse().map((d) => `EXPIRY_REMINDER/${d}`), 'EXPIRED/']);
  });

  it('computes the next event without reminders that would fall before the signing day', () => {
    expect(nextAgreementEvent({ signedOn: '2026-12-01', expiresOn: '2027-03-01' }, [180, 60], [])).toMatchObject({
      kind: 'EXPIRY_REMINDER',
      daysBefore: 60,
    });
    expect(nextAgreementEvent({ signedOn: '2026-12-01', expiresOn: '2027-01-15' }, [180, 60], [])).toMatchObject({ kind: 'EXPIRED' });
    expect(nextAgreementEvent({ signedOn: '2026-12-01', expiresOn: null }, [180, 60], [])).toBeNull();
  });
});
