/**
 * Fault injection for the drills (test/reliability/drills.ts): `ACCORD_FAULT_POINT=<name>` makes the process die
 * (SIGKILL: no shutdown hook, as when a machine dies) the first time it reaches that point. Off unless the
 * variable is set, and never in production.
 */
const armed = process.env.NODE_ENV !== 'production' ? process.env.ACCORD_FAULT_POINT : undefined;

export type FaultPoint = 'after-proposal-commit';

export function faultPoint(name: FaultPoint): void {
  if (armed === name) process.kill(process.pid, 'SIGKILL');
}
