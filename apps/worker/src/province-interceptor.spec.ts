/**
 * Activities act for their workflow's province (issue 15): the interceptor reads it from the workflow id, and system
 * jobs run once per province, each in its own scope.
 */
import type { Context } from '@temporalio/activity';
import type { DataSource } from 'typeorm';
import { currentProvince } from '@accord/persistence';
import { inEachProvince } from './in-each-province';
import { ProvinceActivityInboundInterceptor } from './province-interceptor';

const activityOf = (workflowId: string | undefined) =>
  new ProvinceActivityInboundInterceptor({
    info: { workflowExecution: workflowId === undefined ? undefined : { workflowId, runId: 'r' } },
  } as unknown as Context);
const run = (workflowId: string | undefined) =>
  activityOf(workflowId).execute({ args: [], headers: {} }, async () => {
    await Promise.resolve(); // still in scope after an await
    return currentProvince();
  });

describe('ProvinceActivityInboundInterceptor', () => {
  it("runs the activity in the province its workflow's id names", async () => {
    expect(await run('DN:proposal-1')).toBe('DN');
    expect(await run('HT:report-cycle-ANNUAL-2026-10-20T01:00:00Z')).toBe('HT');
  });

  it('takes a workflow id without a prefix for a legacy Hà Tĩnh one', async () => {
    expect(await run('proposal-1')).toBe('HT');
    expect(await run('commitments-sync')).toBe('HT');
  });

  it('gives an activity no workflow scheduled no province', async () => {
    expect(await run(undefined)).toBeNull();
  });
});

describe('inEachProvince', () => {
  const db = { query: async () => [{ code: 'DN' }, { code: 'HT' }] } as unknown as DataSource;

  it('runs the job once per province, each in its scope, and goes on past a failing one', async () => {
    const failed: string[] = [];
    const results = await inEachProvince(
      db,
      async (province) => {
        await Promise.resolve();
        if (province === 'DN') throw new Error('down');
        return `${province}/${currentProvince()}`;
      },
      (province) => failed.push(province),
    );
    expect([...results]).toEqual([['HT', 'HT/HT']]);
    expect(failed).toEqual(['DN']);
    expect(currentProvince()).toBeNull();
  });
});
