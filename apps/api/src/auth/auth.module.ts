import { Module } from '@nestjs/common';
import { AuthController, MeController } from './auth.controller';
import { LoginThrottle } from './login-throttle';
import { OidcController, OidcGroupMappingsController } from './oidc/oidc.controller';
import { OidcService } from './oidc/oidc.service';
import { TokenService } from './token.service';

/**
 * Sign-in (password, or government single sign-on: docs/sso.md), token refresh and logout, and the caller's own profile (docs/security.md). The global JwtAuthGuard stays in
 * the root module (APP_GUARD); it reads sessions through libs/persistence, not through this module.
 */
@Module({
  controllers: [AuthController, MeController, OidcController, OidcGroupMappingsController],
  providers: [TokenService, LoginThrottle, OidcService],
})
export class AuthModule {}
