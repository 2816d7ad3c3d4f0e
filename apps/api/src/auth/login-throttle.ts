import { BlockList, isIP } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@accord/config';
import { deleteIdleLoginKeys, loginRetryAfterSeconds, refundLoginAttempt, takeLoginAttempt } from '@accord/persistence';

/** docs/api.md: at most 10 password checks per e-mail per 15 minutes. */
export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const LOGIN_EMAIL_LIMIT = 10;

/** The key of an e-mail: trimmed and lower-cased, so ` Admin@Accord.Local ` is the same account as `admin@accord.local`. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** '::ffff:10.1.2.3' (an IPv4 client on a dual-stack socket) is 10.1.2.3. */
function plainAddress(addr: string): string {
  const trimmed = addr.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

/** Parses LOGIN_TRUSTED_PROXIES (validated by loadConfig) into a matcher. */
export function trustedProxies(list: string): BlockList {
  const blocks = new BlockList();
  for (const entry of list.split(',').filter(Boolean)) {
    const [addr, bits] = entry.split('/') as [string, string | undefined];
    const type = isIP(addr) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) blocks.addAddress(addr, type);
    else blocks.addSubnet(addr, Number(bits), type);
  }
  return blocks;
}

const matches = (blocks: BlockList, addr: string): boolean => {
  const family = isIP(addr);
  return family !== 0 && blocks.check(addr, family === 6 ? 'ipv6' : 'ipv4');
};

/**
 * The client's address: the socket's peer, unless that peer is a trusted proxy; then X-Forwarded-For is read
 * from the right, skipping trusted proxies, and the first address that is not one is the client (entries a
 * client wrote itself are further left and never reached while an untrusted hop sits between).
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trusted: BlockList,
): string | null {
  let addr = socketAddress ? plainAddress(socketAddress) : '';
  if (!isIP(addr)) return null;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '')).split(',').map(plainAddress).filter(Boolean);
  while (matches(trusted, addr) && hops.length) {
    const next = hops.pop()!;
    if (!isIP(next)) break;
    addr = next;
  }
  return addr;
}

const LOOPBACK = (() => {
  const b = new BlockList();
  b.addSubnet('127.0.0.0', 8, 'ipv4');
  b.addAddress('::1', 'ipv6');
  return b;
})();

export const isLoopback = (addr: string): boolean => matches(LOOPBACK, addr);

/** A reserved password check: give it back when the password was right, so only failures use up the limit. */
export interface LoginSlot {
  refund(): Promise<void>;
}

export type ReserveResult = { ok: true; slot: LoginSlot } | { ok: false; retryAfterSeconds: number };

/**
 * Password checks in a sliding 15-minute window, per normalised e-mail and per client address, in Postgres so
 * that every api process shares them. A check is reserved *before* the password is hashed, by one atomic
 * upsert that only succeeds under the limit (the row lock serialises parallel logins): no check-then-count
 * race. A right password gives its reservation back; wrong ones and unknown e-mails keep theirs.
 */
@Injectable()
export class LoginThrottle {
  private readonly trusted: BlockList;
  private lastSweep = 0;

  constructor(
    private readonly db: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    this.trusted = trustedProxies(config.LOGIN_TRUSTED_PROXIES);
  }

  /** The address the per-IP limit counts for this request, or null when it does not count it. */
  limitedAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined): string | null {
    if (this.config.LOGIN_IP_LIMIT === 0) return null;
    const addr = clientAddress(socketAddress, forwardedFor, this.trusted);
    if (!addr || (isLoopback(addr) && !this.config.LOGIN_IP_LIMIT_LOOPBACK)) return null;
    return addr;
  }

  /** Reserves one password check for this e-mail (and address); when either is at its limit, nothing is reserved. */
  async reserve(email: string, address: string | null): Promise<ReserveResult> {
    this.sweep();
    const byEmail = await this.take(`email:${normaliseEmail(email)}`, LOGIN_EMAIL_LIMIT);
    if (!byEmail.ok) return byEmail;
    if (!address) return { ok: true, slot: byEmail.slot };
    const byAddress = await this.take(`ip:${address}`, this.config.LOGIN_IP_LIMIT);
    if (!byAddress.ok) {
      await byEmail.slot.refund();
      return byAddress;
    }
    return { ok: true, slot: { refund: async () => void (await Promise.all([byEmail.slot.refund(), byAddress.slot.refund()])) } };
  }

  private async take(key: string, limit: number): Promise<ReserveResult> {
    const at = await takeLoginAttempt(this.db, key, limit, LOGIN_WINDOW_SECONDS);
    if (at !== null) return { ok: true, slot: { refund: () => refundLoginAttempt(this.db, key, at) } };
    // Blocked: free again when the oldest check in the window leaves it.
    const seconds = await loginRetryAfterSeconds(this.db, key, LOGIN_WINDOW_SECONDS);
    return { ok: false, retryAfterSeconds: Math.max(1, seconds ?? 1) };
  }

  /** Forgets keys with no check in the window, now and then, so guessing many e-mails does not grow the table for ever. */
  private sweep(): void {
    const now = Date.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    void deleteIdleLoginKeys(this.db, LOGIN_WINDOW_SECONDS).catch(() => undefined);
  }
}
