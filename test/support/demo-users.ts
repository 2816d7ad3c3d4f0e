/**
 * The seeded demo users (libs/persistence/src/seed/demo-data.ts) looked up by agency and role, so tests name who
 * acts instead of typing addresses that drift from the seed.
 */
import { DEMO_USERS } from '@accord/persistence/seed/demo-data';

export type DemoUser = (typeof DEMO_USERS)[number];
type Role = DemoUser['roles'][number];

/**
 * The demo user of `agency` (null: no agency, e.g. ADMIN) holding `role`. Where several hold it, the one with the
 * fewest roles comes first (HT-SNGV's officer before its head, who is also a REVIEWER), then seed order: `nth: 1`
 * is the second (HT-UBND's vice-chair after the chairman).
 */
export function demoUser({ agency, role, nth = 0 }: { agency: string | null; role: Role; nth?: number }): DemoUser {
  const holders = DEMO_USERS.filter((u) => u.agency === agency && (u.roles as readonly string[]).includes(role))
    .map((u, order) => ({ u, order }))
    .sort((a, b) => a.u.roles.length - b.u.roles.length || a.order - b.order);
  const found = holders[nth]?.u;
  if (!found)
    throw new Error(`No demo user #${nth} of ${agency ?? 'no agency'} with role ${role} (libs/persistence/src/seed/demo-data.ts)`);
  return found;
}

/** The demo user's e-mail address (the login name). */
export const demoEmail = (who: { agency: string | null; role: Role; nth?: number }): string => demoUser(who).email;

/** The seeded people the HTTP suites sign in as, by a short name: one of each agency's roles, and the two of HT-UBND. */
export const DEMO_CAST = {
  sct: demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
  sgddt: demoEmail({ agency: 'HT-SGDDT', role: 'SUBMITTER' }),
  officer: demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
  head: demoEmail({ agency: 'HT-SNGV', role: 'AGENCY_HEAD' }),
  stp: demoEmail({ agency: 'HT-STP', role: 'REVIEWER' }),
  bchqs: demoEmail({ agency: 'HT-BCHQS', role: 'REVIEWER' }),
  ca: demoEmail({ agency: 'HT-CA', role: 'REVIEWER' }),
  chairman: demoEmail({ agency: 'HT-UBND', role: 'LEADER' }),
  vicechair: demoEmail({ agency: 'HT-UBND', role: 'LEADER', nth: 1 }),
  admin: demoEmail({ agency: null, role: 'ADMIN' }),
  auditor: demoEmail({ agency: null, role: 'AUDITOR' }),
} as const;
