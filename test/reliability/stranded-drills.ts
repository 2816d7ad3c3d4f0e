/**
 * Drills for "no stranded command" (docs/reliability.md), run by `npm run drills` after the crash drills:
 *   1. the api SIGKILLed exactly between a proposal's commit and its workflow start (ACCORD_FAULT_POINT);
 *   2. Temporal stopped for 20 s while proposals keep being submitted;
 *   3. 200 concurrent submissions plus decisions, on the embedded PostgreSQL.
 * Each ends with: every accepted proposal routed (out of SUBMITTED, its intake task open or decided) within 60 s of
 * recovery without any client retry, nothing duplicated, the audit chain verified, 0 responses 5xx.
 */
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { verifyAuditChain } from '@accord/persistence';
import { mouBody } from '../support/fixtures';
import { login } from '../support/http';
import { stopChild } from '../support/processes';
import type { Stack } from '../bench/stack';
import { demoEmail } from '../support/demo-users';

export interface DrillCheck {
  name: string;
  ok: boolean;
  detail: string;
}

type Log = (line: string) => void;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ROUTE_WITHIN_MS = 60_000;

interface Tally {
  statuses: Map<number | string, number>;
  count(status: number | string): void;
  fivexx(): number;
  text(): string;
}

function tally(): Tally {
  const statuses = new Map<number | string, number>();
  return {
    statuses,
    count: (s) => statuses.set(s, (statuses.get(s) ?? 0) + 1),
    fivexx: () => [...statuses].filter(([s]) => typeof s === 'number' && s >= 500).reduce((n, [, c]) => n + c, 0),
    text: () => [...statuses].map(([s, n]) => `${n}×${s}`).join(', '),
  };
}

/** Waits until every proposal with a title starting with `prefix` has left SUBMITTED; returns how long it took. */
async function routedWithin(
  db: DataSource,
  prefix: string,
  expected: number,
  fromMs: number,
): Promise<{ ok: boolean; detail: string; rows: number }> {
  for (;;) {
    const [r] = (await db.query(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'SUBMITTED')::int AS stuck,
              (SELECT count(*)::int FROM task t JOIN proposal q ON q.id = t.proposal_id WHERE q.title LIKE $1 AND t.kind = 'INTAKE_CHECK') AS intake
       FROM proposal WHERE title LIKE $1`,
      [`${prefix}%`],
    )) as { n: number; stuck: number; intake: number }[];
    const waited = Date.now() - fromMs;
    if (r!.n >= expected && r!.stuck === 0) {
      return {
        ok: r!.n === expected && r!.intake === expected,
        rows: r!.n,
        detail: `${r!.n} proposals (expected ${expected}), ${r!.intake} intake tasks, all routed ${(waited / 1000).toFixed(1)} s after recovery`,
      };
    }
    if (waited > ROUTE_WITHIN_MS)
      return { ok: false, rows: r!.n, detail: `${r!.stuck} of ${r!.n} still SUBMITTED ${ROUTE_WITHIN_MS / 1000} s after recovery` };
    await sleep(500);
  }
}

async function chainCheck(db: DataSource): Promise<DrillCheck> {
  const chain = await verifyAuditChain(db.manager);
  return { name: 'audit chain verifies', ok: chain.ok, detail: JSON.stringify(chain) };
}

/** 1. kill -9 between the proposal's commit and the workflow start, on several api processes at once. */
async function apiKilledAfterCommit(stack: Stack, db: DataSource, n: number, log: Log): Promise<DrillCheck[]> {
  const prefix = `Drill kill-after-commit ${randomUUID()}`;
  log(`drill 1: ${n} api processes armed to die right after a proposal's commit`);
  const apis = await Promise.all(Array.from({ length: n }, () => stack.startExtraApi({ ACCORD_FAULT_POINT: 'after-proposal-commit' })));
  const t = tally();
  await Promise.all(
    apis.map(async ({ url }, i) => {
      const client = await login(url, demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }));
      try {
        const res = await client.post('/api/v1/proposals', mouBody({ title: `${prefix} #${i}` }));
        t.count(res.status);
      } catch {
        t.count('connection dropped');
      }
    }),
  );
  // The request fails as soon as the socket closes; the exit of the process may be reported a moment later.
  await Promise.all(
    apis.map(({ child }) =>
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            child.once('exit', () => resolve());
            setTimeout(resolve, 10_000);
          }),
    ),
  );
  const killed = apis.filter((a) => a.child.signalCode === 'SIGKILL').length;
  await Promise.all(apis.map((a) => stopChild(a.child)));
  const since = Date.now();
  const routed = await routedWithin(db, prefix, n, since);
  log(`drill 1: ${killed} of ${n} apis killed at the fault point; client saw ${t.text()}; ${routed.detail}`);
  return [
    {
      name: 'kill -9 after commit: fault injected',
      ok: killed === n,
      detail: `${killed} of ${n} apis died at the fault point (${t.text()})`,
    },
    { name: 'kill -9 after commit: every saved proposal routed once, no 5xx', ok: routed.ok && t.fivexx() === 0, detail: routed.detail },
    await chainCheck(db),
  ];
}

/** 2. Temporal down for `downMs` while submissions keep arriving; all are accepted and routed after recovery. */
async function temporalDown(stack: Stack, db: DataSource, downMs: number, log: Log): Promise<DrillCheck[]> {
  const prefix = `Drill temporal-down ${randomUUID()}`;
  const client = await login(stack.apiUrl, demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }));
  const t = tally();
  let i = 0;
  let submitting = true;
  const submitters = Array.from({ length: 4 }, async () => {
    while (submitting) {
      const res = await client
        .post('/api/v1/proposals', mouBody({ title: `${prefix} #${i++}` }))
        .catch(() => ({ status: 'network error' as const }));
      t.count(res.status);
      await sleep(200);
    }
  });
  await sleep(2000);
  log(`drill 2: Temporal stopped for ${downMs / 1000} s during submissions`);
  await stack.stopTemporal();
  await sleep(downMs);
  await stack.startTemporal();
  await sleep(2000);
  submitting = false;
  await Promise.all(submitters);
  const accepted = t.statuses.get(201) ?? 0;
  const since = Date.now();
  const routed = await routedWithin(db, prefix, accepted, since);
  log(`drill 2: ${t.text()}; ${routed.detail}`);
  return [
    {
      name: 'Temporal down 20 s: every submission accepted (201), 0 × 5xx',
      ok: t.fivexx() === 0 && accepted === i && accepted > 0,
      detail: `${i} submissions: ${t.text()}`,
    },
    { name: 'Temporal down 20 s: every accepted proposal routed once within 60 s of recovery', ok: routed.ok, detail: routed.detail },
    await chainCheck(db),
  ];
}

/** 3. `n` concurrent submissions while reviewers decide intake checks. */
async function burst(stack: Stack, db: DataSource, n: number, log: Log): Promise<DrillCheck[]> {
  const prefix = `Drill burst ${randomUUID()}`;
  const [submitter, officer] = await Promise.all([
    login(stack.apiUrl, demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' })),
    login(stack.apiUrl, demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' })),
  ]);
  // Something to decide while the burst lands: intake checks of a few earlier proposals.
  const seeds = await Promise.all(
    Array.from({ length: 20 }, (_, i) => submitter.post('/api/v1/proposals', mouBody({ title: `${prefix} seed #${i}` }))),
  );
  const seedIds = seeds.filter((r) => r.status === 201).map((r) => r.body.id as string);
  const t = tally();
  const decisions = tally();
  const started = Date.now();
  await Promise.all([
    ...Array.from({ length: n }, async (_, i) => {
      const res = await submitter
        .post('/api/v1/proposals', mouBody({ title: `${prefix} #${i}` }))
        .catch(() => ({ status: 'network error' as const }));
      t.count(res.status);
    }),
    ...seedIds.map(async (id) => {
      const tasks = await officer.get(`/api/v1/tasks?proposalId=${id}&status=OPEN`);
      const intake = (tasks.body.items as { id: string; kind: string }[] | undefined)?.find((x) => x.kind === 'INTAKE_CHECK');
      if (!intake) return decisions.count('no intake task');
      const res = await officer
        .post(`/api/v1/tasks/${intake.id}/complete`, { decision: 'COMPLETE' })
        .catch(() => ({ status: 'network error' as const }));
      decisions.count(res.status);
    }),
  ]);
  const took = (Date.now() - started) / 1000;
  const routed = await routedWithin(db, `${prefix} #`, t.statuses.get(201) ?? 0, Date.now());
  log(`drill 3: ${n} submissions in ${took.toFixed(1)} s: ${t.text()}; decisions ${decisions.text()}; ${routed.detail}`);
  return [
    {
      name: `${n} concurrent submissions: all 201, 0 × 5xx`,
      ok: (t.statuses.get(201) ?? 0) === n && t.fivexx() === 0,
      detail: `${t.text()} in ${took.toFixed(1)} s`,
    },
    {
      name: 'decisions during the burst: all 200, 0 × 5xx',
      ok: (decisions.statuses.get(200) ?? 0) === seedIds.length && decisions.fivexx() === 0,
      detail: decisions.text(),
    },
    { name: `${n} concurrent submissions: every one routed once within 60 s`, ok: routed.ok, detail: routed.detail },
    await chainCheck(db),
  ];
}

export async function strandedDrills(stack: Stack, db: DataSource, short: boolean, log: Log): Promise<DrillCheck[]> {
  return [
    ...(await apiKilledAfterCommit(stack, db, short ? 3 : 6, log)),
    ...(await temporalDown(stack, db, 20_000, log)),
    ...(await burst(stack, db, 200, log)),
  ];
}
