/**
 * One long-lived workflow per registered agreement (`<PROVINCE>:agreement-<id>`, the proposal's prefix): expiry reminders before the term ends
 * (policy: 180 and 60 days), EXPIRED at the end of the term, and the changes signed AMEND / EXTEND / TERMINATE
 * proposals make. The registry row is the truth; this workflow re-reads it after each change and continues as new
 * before its history grows large.
 */
import { condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import { addDays, endOfDayInstant } from '@accord/domain';
import {
  agreementChangedSignal,
  agreementStateQuery,
  type AgreementActivities,
  type AgreementChange,
  type AgreementSnapshot,
  type AgreementWorkflowInput,
} from '@accord/temporal/contracts';

const { loadAgreement, applyAgreementEvent } = proxyActivities<AgreementActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Start of a day in Hanoi (00:00 +07:00), as epoch milliseconds. */
const startOfDay = (date: string): number => Date.parse(`${date}T00:00:00+07:00`);

export interface AgreementClockEvent {
  kind: 'EXPIRY_REMINDER' | 'EXPIRED';
  daysBefore: number;
  at: number;
}

/**
 * The next thing to happen to an agreement in force: the earliest unsent expiry reminder (at 00:00 Hanoi time,
 * `d` days before the last day; none that would fall before the signing day), else expiry at 24:00 of its last day.
 */
export function nextAgreementEvent(
  agreement: Pick<AgreementSnapshot, 'expiresOn' | 'signedOn'>,
  reminderDays: number[],
  sent: number[],
): AgreementClockEvent | null {
  const { expiresOn, signedOn } = agreement;
  if (!expiresOn) return null;
  const reminders: AgreementClockEvent[] = [...reminderDays]
    .sort((a, b) => b - a)
    .filter((d) => !sent.includes(d) && addDays(expiresOn, -d) > signedOn)
    .map((d) => ({ kind: 'EXPIRY_REMINDER', daysBefore: d, at: startOfDay(addDays(expiresOn, -d)) }));
  return reminders[0] ?? { kind: 'EXPIRED', daysBefore: 0, at: Date.parse(endOfDayInstant(expiresOn)) + 1 };
}

export async function agreementWorkflow(input: AgreementWorkflowInput): Promise<AgreementSnapshot['status']> {
  const changes: AgreementChange[] = [];
  let sent = [...(input.sent ?? [])];
  let agreement = await loadAgreement(input.agreementId);
  if (!agreement) return 'TERMINATED'; // nothing registered under this id: nothing to watch

  setHandler(agreementChangedSignal, (change) => {
    changes.push(change);
  });
  setHandler(agreementStateQuery, () => ({ ...(agreement as AgreementSnapshot), sent }));

  let events = 0;
  while (agreement.status === 'IN_FORCE') {
    const due = nextAgreementEvent(agreement, input.reminderDays, sent);
    const wait = due ? Math.max(0, due.at - new Date().getTime()) : undefined; // workflow time
    const changed =
      wait === undefined ? (await condition(() => changes.length > 0), true) : await condition(() => changes.length > 0, wait);

    if (changed && changes.length) {
      // The signed change is already in the registry (the proposal's projection wrote it): re-read it.
      changes.splice(0);
      const before = agreement.expiresOn;
      agreement = (await loadAgreement(input.agreementId)) ?? { ...agreement, status: 'TERMINATED' };
      if (agreement.expiresOn !== before) sent = [];
    } else if (due) {
      events += 1;
      const at = new Date().toISOString();
      const expiresOn = agreement.expiresOn as string;
      const key = `${workflowInfo().workflowId}/${expiresOn}/${due.kind}/${due.daysBefore}`;
      await applyAgreementEvent({
        key,
        agreementId: input.agreementId,
        at,
        kind: due.kind,
        expiresOn,
        ...(due.kind === 'EXPIRY_REMINDER' ? { daysBefore: due.daysBefore } : {}),
      });
      if (due.kind === 'EXPIRED') agreement = { ...agreement, status: 'EXPIRED' };
      else sent.push(due.daysBefore);
    }
    if (agreement.status === 'IN_FORCE' && (workflowInfo().continueAsNewSuggested || events >= 50)) {
      await continueAsNew<typeof agreementWorkflow>({ ...input, sent });
    }
  }
  return agreement.status;
}
