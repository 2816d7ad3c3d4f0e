/**
 * The api's and the worker's statements run prepared (libs/persistence/src/prepared-statements.ts, issue 16): the same
 * plan serves every province on a pooled connection, so row-level security must still hold once PostgreSQL switches
 * to a generic plan. Against real Postgres as the app role, through the DataSource the api and the worker use.
 */
import { runInProvince, TASK_SELECT } from '@accord/persistence';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';

jest.setTimeout(60_000);

describe('prepared statements (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  beforeAll(async () => {
    db = await mediumDatabase();
  });
  afterAll(() => db.close());

  const USERS_SQL = `SELECT id, email, province_code, pg_backend_pid() AS pid FROM app_user WHERE email LIKE $1 ORDER BY email`;

  it('keeps each province to its own rows on one connection after PostgreSQL switched to a generic plan', async () => {
    const pids = new Set<number>();
    for (let round = 0; round < 8; round++) {
      for (const province of ['HT', 'DN']) {
        const rows: { province_code: string; pid: number }[] = await runInProvince(province, () =>
          db.appDataSource.query(USERS_SQL, ['%']),
        );
        expect(rows.length).toBeGreaterThan(0);
        expect([...new Set(rows.map((r) => r.province_code))]).toEqual([province]);
        rows.forEach((r) => pids.add(r.pid));
      }
    }
    // On one pinned connection: the statement is prepared there, and generic plans served it.
    const generic = await runInProvince('HT', async () => {
      const runner = db.appDataSource.createQueryRunner();
      try {
        for (let i = 0; i < 8; i++) await runner.query(USERS_SQL, ['%']);
        const [row]: { generic_plans: string }[] = await runner.query(
          `SELECT generic_plans FROM pg_prepared_statements WHERE statement = $1`,
          [USERS_SQL],
        );
        return Number(row?.generic_plans ?? 0);
      } finally {
        await runner.release();
      }
    });
    expect(generic).toBeGreaterThan(0);
    expect(pids.size).toBeLessThanOrEqual(5); // the pool's connections, reused
  });

  it('names every column of task in the task read (a prepared statement cannot use t.*)', async () => {
    const columns: { name: string }[] = await db.dataSource.query(
      `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'task' ORDER BY ordinal_position`,
    );
    const selected = [...TASK_SELECT.matchAll(/\bt\.(\w+)/g)].map((m) => m[1]);
    expect(columns.map((c) => c.name).filter((c) => !selected.includes(c))).toEqual([]);
  });
});
