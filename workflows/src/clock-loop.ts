import { condition } from '@temporalio/workflow';

/** What the clock loop needs of an engine: whether it is done, its next clock instant, and firing what is due. */
export interface ClockedEngine<Draft> {
  readonly done: boolean;
  nextClockEvent(): { at: number } | null;
  fireClockEvents(): Draft | null;
}

/**
 * Runs an engine's clocks until it is done: sleeps until the next reminder / overdue / escalation instant (workflow
 * time), or until a step (`changes()` moves) changes the picture, then fires what is due and persists it.
 */
export async function runClocks<Draft>(
  engine: ClockedEngine<Draft>,
  changes: () => number,
  persist: (draft: Draft) => Promise<void>,
): Promise<void> {
  while (!engine.done) {
    const seen = changes();
    const next = engine.nextClockEvent();
    if (!next) {
      await condition(() => engine.done || changes() !== seen);
      continue;
    }
    const wait = next.at - new Date().getTime(); // workflow time
    const woken = wait > 0 ? await condition(() => engine.done || changes() !== seen, wait) : false;
    if (!woken) {
      const fired = engine.fireClockEvents();
      if (fired) await persist(fired);
    }
  }
}
