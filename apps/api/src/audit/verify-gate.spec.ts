import type { DataSource } from 'typeorm';
import { AuditVerifyBusy, oneVerifyAtATime } from './verify-gate';

/** A stand-in for Postgres' advisory lock: one flag shared by every "connection", as the lock is shared by every process. */
function fakeDb() {
  const state = { held: false, connections: 0, maxConnections: 0 };
  const db = {
    createQueryRunner: () => ({
      connect: async () => {
        state.connections++;
        state.maxConnections = Math.max(state.maxConnections, state.connections);
      },
      release: async () => {
        state.connections--;
      },
      manager: {
        query: async (sql: string) => {
          if (sql.includes('pg_try_advisory_lock')) {
            const locked = !state.held;
            state.held = true;
            return [{ locked }];
          }
          state.held = false;
          return [{}];
        },
      },
    }),
  } as unknown as DataSource;
  return { db, state };
}

const limits = { maxWaitMs: 300, pollMs: 20, maxQueued: 4 };
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('oneVerifyAtATime', () => {
  it('runs concurrent verifications one after the other, each getting its own answer', async () => {
    const { db, state } = fakeDb();
    let running = 0;
    let most = 0;
    const verify = (n: number) => async () => {
      running++;
      most = Math.max(most, running);
      await sleep(30);
      running--;
      return n;
    };
    const results = await Promise.all([1, 2, 3].map((n) => oneVerifyAtATime(db, verify(n), limits)));
    expect(results).toEqual([1, 2, 3]);
    expect(most).toBe(1);
    expect(state.held).toBe(false);
    expect(state.maxConnections).toBe(1); // queued callers hold no connection
  });

  it('waits while another process holds the lock, and gives up with AuditVerifyBusy after the wait', async () => {
    const { db, state } = fakeDb();
    state.held = true; // another api process verifies
    await expect(oneVerifyAtATime(db, async () => 'never', limits)).rejects.toBeInstanceOf(AuditVerifyBusy);
    const waiting = oneVerifyAtATime(db, async () => 'after', limits);
    await sleep(100);
    state.held = false; // the other process finished
    await expect(waiting).resolves.toBe('after');
  });

  it('refuses at once beyond the queue bound, and frees the lock when a verification fails', async () => {
    const { db, state } = fakeDb();
    const slow = () => oneVerifyAtATime(db, () => sleep(50).then(() => 'ok'), { ...limits, maxWaitMs: 2_000 });
    const settled = await Promise.allSettled([slow(), slow(), slow(), slow(), slow()]);
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(4);
    expect(settled.filter((s) => s.status === 'rejected' && s.reason instanceof AuditVerifyBusy)).toHaveLength(1);
    await expect(
      oneVerifyAtATime(
        db,
        async () => {
          throw new Error('boom');
        },
        limits,
      ),
    ).rejects.toThrow('boom');
    expect(state.held).toBe(false);
    await expect(oneVerifyAtATime(db, async () => 'again', limits)).resolves.toBe('again');
  });
});
