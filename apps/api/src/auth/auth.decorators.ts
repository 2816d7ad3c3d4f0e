import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { AuthUser, Role } from './auth-user';

export const PUBLIC_KEY = 'accord:public';
export const ROLES_KEY = 'accord:roles';

/** The route needs no access token. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
/** The caller needs one of these roles (403 otherwise). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => ctx.switchToHttp().getRequest().user);
