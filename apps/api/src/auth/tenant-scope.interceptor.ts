import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { runInProvince } from '@accord/persistence';
import type { AuthUser } from './auth-user';

/**
 * Runs the handler (its pipes, its database work, whatever it awaits) in the caller's province, which JwtAuthGuard
 * found: every connection it takes then sees that province's rows only (libs/persistence/src/tenancy). Public routes
 * (sign-in, health) run with no province and see no province's rows unless they ask for one explicitly.
 */
@Injectable()
export class TenantScopeInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const user = ctx.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user?.province) return next.handle();
    const province = user.province;
    // Subscribing inside the scope starts the handler inside it; its async continuations keep the scope.
    return new Observable((subscriber) => runInProvince(province, () => next.handle().subscribe(subscriber)));
  }
}
