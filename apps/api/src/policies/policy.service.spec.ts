import type { DataSource } from 'typeorm';
import { DEFAULT_POLICY } from '@accord/domain';
import { POLICY_2026_1 } from '@accord/domain/routing/policy-2026-1';
import type { AuthUser } from '../auth/auth-user';
import { ProblemException } from '../common/problem-details.filter';
import { PolicyService } from './policy.service';
import { demoEmail } from '../../../../test/support/demo-users';

const ADMIN: AuthUser = {
  id: '00000000-0000-4000-8000-000000000001',
  email: demoEmail({ agency: null, role: 'ADMIN' }),
  fullName: 'Admin',
  agencyCode: null,
  province: 'HT',
  roles: ['ADMIN'],
};

/** A strict fake: every SQL statement must be one the test expects, answered in order. */
function fakeDb(answers: { match: RegExp; rows: unknown[] }[]) {
  const seen: string[] = [];
  const query = jest.fn(async (sql: string) => {
    seen.push(sql);
    const next = answers.shift();
    if (!next || !next.match.test(sql)) throw new Error(`unexpected query: ${sql}`);
    return next.rows;
  });
  const db = { query, transaction: jest.fn(async (work: (m: unknown) => unknown) => work({ query })) } as unknown as DataSource;
  return { db, query, seen, answers };
}

describe('PolicyService', () => {
  it('plans with the newest published version and reads it again only after the cache expires', async () => {
    const { db, query } = fakeDb([{ match: /FROM routing_policy p ORDER BY p.published_at DESC/, rows: [{ document: DEFAULT_POLICY }] }]);
    const service = new PolicyService(db);
    const [a, b] = await Promise.all([service.current('HT'), service.current('HT')]);
    expect(a).toBe(DEFAULT_POLICY);
    expect(b).toBe(DEFAULT_POLICY);
    expect(await service.current('HT')).toBe(DEFAULT_POLICY);
    expect(query).toHaveBeenCalledTimes(1);
  });

  it('publishing through it makes the new version current at once, with the audit row in the same transaction', async () => {
    const next = { ...JSON.parse(JSON.stringify(DEFAULT_POLICY)), version: '2026.3' };
    const at = new Date('2026-05-01T03:00:00.000Z');
    const { db, answers } = fakeDb([
      { match: /FROM routing_policy p ORDER BY/, rows: [{ document: POLICY_2026_1 }] },
      {
        match: /SELECT code FROM agency/,
        rows: ['HT-SNGV', 'HT-BCHQS', 'HT-CA', 'HT-BDBP', 'HT-STP', 'HT-UBND', 'HT-VPUBND', 'HT-SNV', 'HT-STC'].map((code) => ({ code })),
      },
      { match: /LOCK TABLE routing_policy/, rows: [] },
      {
        match: /SELECT p.version, p.published_at FROM routing_policy/,
        rows: [{ version: '2026.1', published_at: new Date('2026-01-01T00:00:00Z') }],
      },
      { match: /SELECT 1 FROM routing_policy WHERE version/, rows: [] },
      { match: /INSERT INTO routing_policy/, rows: [{ published_at: at }] },
      { match: /audit_chain_head/, rows: [{ hash: null }] },
      { match: /INSERT INTO audit_event/, rows: [] },
    ]);
    const service = new PolicyService(db);
    expect((await service.current('HT')).version).toBe('2026.1');
    const published = await service.publish(ADMIN, { version: '2026.3', document: next });
    expect(published).toMatchObject({ version: '2026.3', current: true, previousVersion: '2026.1', publishedAt: at.toISOString() });
    expect(answers).toEqual([]);
    expect((await service.current('HT')).version).toBe('2026.3');
  });

  it('answers an invalid document with 400 and field errors under document., touching nothing', async () => {
    const { db, query } = fakeDb([]);
    const service = new PolicyService(db);
    const document = { ...JSON.parse(JSON.stringify(DEFAULT_POLICY)), version: 'other' };
    document.gates.supplement.length = 0;
    const err = await service.publish(ADMIN, { version: '2026.2', document }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProblemException);
    expect((err as ProblemException).getStatus()).toBe(400);
    expect((err as ProblemException).errors).toEqual([
      { field: 'document.gates.supplement.length', message: 'must be an integer from 1 to 3650' },
      { field: 'document.version', message: 'must equal version (2026.2)' },
    ]);
    expect(query).not.toHaveBeenCalled();
  });
});
