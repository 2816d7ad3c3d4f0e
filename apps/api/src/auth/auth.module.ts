import { Module } from '@nestjs/common';
import { AuthController, MeController } from './auth.controller';
import { LoginThrottle } from './login-throttle';
import { TokenService } from './token.service';

/**
 * Sign-in, token refresh and logout, and the caller's own profile (docs/security.md). The global JwtAuthGuard stays in
 * the root module (APP_GUARD); it reads sessions through libs/persistence, not through this module.
 */
@Module({ controllers: [AuthController, MeController], providers: [TokenService, LoginThrottle] })
export class AuthModule {}
