import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { ProblemException, forbidden } from '../common/problem-details.filter';
import { PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import type { AuthUser, Role } from './auth-user';

const unauthorized = (detail: string) => new ProblemException(401, 'Unauthorized', detail);

/** Global guard: a valid Bearer token on every route but @Public() ones, and the roles @Roles() asks for. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly jwt: JwtService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const req = ctx.switchToHttp().getRequest();
    const header: string | undefined = req.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw unauthorized('Missing Bearer access token');
    let user: AuthUser;
    try {
      const payload = await this.jwt.verifyAsync<{ sub: string; typ?: string } & Omit<AuthUser, 'id'>>(match[1]!);
      // A refresh token is not an access token.
      if (payload.typ === 'refresh') throw new Error('refresh token');
      user = { id: payload.sub, email: payload.email, fullName: payload.fullName, agencyCode: payload.agencyCode, roles: payload.roles };
    } catch {
      throw unauthorized('Invalid or expired access token');
    }
    req.user = user;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.some((r) => user.roles.includes(r))) {
      throw forbidden(`This needs one of the roles ${roles.join(', ')}`);
    }
    return true;
  }
}
