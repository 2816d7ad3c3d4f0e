import { Injectable } from '@nestjs/common';

const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 10;

/** Failed logins per e-mail in a sliding 15-minute window (api-contract.md: 429 after 10). */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  private recent(email: string, now: number): number[] {
    const list = (this.failures.get(email) ?? []).filter((t) => now - t < WINDOW_MS);
    if (list.length) this.failures.set(email, list);
    else this.failures.delete(email);
    return list;
  }

  isBlocked(email: string, now = Date.now()): boolean {
    return this.recent(email, now).length >= MAX_FAILURES;
  }

  recordFailure(email: string, now = Date.now()): void {
    this.failures.set(email, [...this.recent(email, now), now]);
  }

  reset(email: string): void {
    this.failures.delete(email);
  }
}
