import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { findSessionUser, runInProvince, userProvince } from '@accord/persistence';
import { forbidden, unauthorized } from '../common/problem-details.filter';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import type { AuthUser, Role } from './auth-user';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PROVINCE = /^(PLATFORM|[A-Z]{2,8})$/;

/** Global guard: a valid Bearer token of a live session on every route but @Public() ones, and the roles @Roles() asks for. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly db: DataSource,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw unauthorized('Missing Bearer access token');
    let claims: { sub: string; sid: string; prv?: string };
    try {
      const payload = await this.jwt.verifyAsync<{ sub?: string; sid?: string; typ?: string; prv?: string }>(match[1]!);
      // A refresh token is not an access token; a token without a session (issued before sessions) is void.
      if (payload.typ !== 'access' || !UUID.test(payload.sub ?? '') || !UUID.test(payload.sid ?? ''))
        throw new Error('not an access token');
      claims = {
        sub: payload.sub!,
        sid: payload.sid!,
        prv: typeof payload.prv === 'string' && PROVINCE.test(payload.prv) ? payload.prv : undefined,
      };
    } catch {
      throw unauthorized('Invalid or expired access token', 'ACCESS_TOKEN_INVALID');
    }
    // The session and its user as they are now: roles and agency come from app_user, not from the token, so a change
    // (or the user's removal) counts at once.
    // The user's province: from our signed token, or (a token issued before provinces) the one lookup allowed past
    // row-level security. The session and the user are then read within it — a token naming another province than the
    // user's finds no user there (401) — and TenantScopeInterceptor runs the handler in the same province.
    const province = claims.prv ?? (await userProvince(this.db, claims.sub));
    const row = province ? await runInProvince(province, () => findSessionUser(this.db, claims.sid, claims.sub)) : null;
    if (!row) throw unauthorized('This session has ended; sign in again', 'SESSION_EXPIRED');
    const user: AuthUser = {
      id: row.id,
      email: row.email,
      fullName: row.full_name,
      agencyCode: row.agency_code,
      roles: row.roles as Role[],
      sessionId: claims.sid,
      province: province!,
    };
    req.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.some((r) => user.roles.includes(r))) {
      throw forbidden(`This needs one of the roles ${roles.join(', ')}`, undefined, 'ROLE_REQUIRED');
    }
    return true;
  }
}
