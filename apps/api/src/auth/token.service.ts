import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AppConfig } from '@accord/config';
import { deleteExpiredSessions, insertSession, revokeSession, revokeSessionOnReuse, rotateSessionRefresh } from '@accord/persistence';

export interface TokenSubject {
  id: string;
  email: string;
  full_name: string;
  agency_code: string | null;
  roles: string[];
  /** Null for a platform administrator. */
  province_code: string | null;
}

const SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
const seconds = (ttl: string): number => Number(ttl.slice(0, -1)) * SECONDS[ttl.slice(-1)]!;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface RefreshClaims {
  sub: string;
  sid: string;
  jti: string;
  typ: 'refresh';
}

/**
 * Short-lived access tokens and rotating refresh tokens, both naming a server-side session (auth_session).
 * The access token still carries the caller's name and roles for the web app's display, but the api trusts
 * only the session row and the user's current row (JwtAuthGuard). A refresh token can be used once: using it
 * gives a new pair and spends it; presenting a spent one again means it was copied, so the whole session ends
 * (OWASP: refresh token rotation with reuse detection).
 */
@Injectable()
export class TokenService {
  private lastSweep = 0;

  constructor(
    private readonly jwt: JwtService,
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly db: DataSource,
  ) {}

  /** Starts a session and returns its first token pair. */
  async issue(user: TokenSubject) {
    this.sweep();
    const sid = randomUUID();
    const jti = randomUUID();
    await insertSession(this.db, { id: sid, userId: user.id, refreshJti: jti, ttlSeconds: seconds(this.config.JWT_REFRESH_TTL) });
    return this.sign(user, sid, jti);
  }

  private async sign(user: TokenSubject, sid: string, jti: string) {
    const expiresIn = seconds(this.config.JWT_TTL);
    const accessToken = await this.jwt.signAsync(
      {
        sub: user.id,
        sid,
        typ: 'access',
        email: user.email,
        fullName: user.full_name,
        agencyCode: user.agency_code,
        roles: user.roles,
        // The province the request acts in (JwtAuthGuard): users never move between provinces.
        prv: user.province_code ?? 'PLATFORM',
      },
      { expiresIn },
    );
    const refreshToken = await this.jwt.signAsync(
      { sub: user.id, sid, jti, typ: 'refresh' },
      { expiresIn: seconds(this.config.JWT_REFRESH_TTL) },
    );
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn };
  }

  private async refreshClaims(token: string): Promise<RefreshClaims | null> {
    try {
      const p = await this.jwt.verifyAsync<Partial<RefreshClaims>>(token);
      if (p.typ !== 'refresh' || !p.sub || !UUID.test(p.sid ?? '') || !UUID.test(p.jti ?? '')) return null;
      return p as RefreshClaims;
    } catch {
      return null;
    }
  }

  /**
   * Rotates a refresh token: one atomic UPDATE moves the session to a new refresh token id only if the presented
   * one is the current one, so two uses of the same token (even in parallel) cannot both succeed. A spent token
   * presented again ends the session. Returns the session's user id and the new pair, or null (-> 401).
   */
  async rotate(token: string, load: (userId: string) => Promise<TokenSubject | null>) {
    const claims = await this.refreshClaims(token);
    if (!claims) return null;
    const next = randomUUID();
    const rotated = await rotateSessionRefresh(this.db, {
      sessionId: claims.sid,
      userId: claims.sub,
      jti: claims.jti,
      nextJti: next,
      ttlSeconds: seconds(this.config.JWT_REFRESH_TTL),
    });
    if (!rotated) {
      // Reuse of a spent token (the signature is ours, the id is not the current one): whoever holds either copy
      // may be an attacker, so neither keeps the session.
      await revokeSessionOnReuse(this.db, claims.sid, claims.jti);
      return null;
    }
    const user = await load(claims.sub);
    if (!user) return null;
    return { user, tokens: await this.sign(user, claims.sid, next) };
  }

  /** Forgets sessions a day after they expired (every token of theirs is dead by then), now and then, off the request's path. */
  private sweep(): void {
    const now = Date.now();
    if (now - this.lastSweep < 10 * 60_000) return;
    this.lastSweep = now;
    void deleteExpiredSessions(this.db).catch(() => undefined);
  }

  /** Ends a session: its access and refresh tokens are refused from now on. */
  async revoke(sid: string, reason: 'logout'): Promise<void> {
    await revokeSession(this.db, sid, reason);
  }
}
