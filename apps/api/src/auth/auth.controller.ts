import { Body, Controller, Get, HttpCode, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProperty,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import type { Request, Response } from 'express';
import { DataSource } from 'typeorm';
import { AppConfig } from '@accord/config';
import {
  findUserAccountByEmail,
  findUserAccountById,
  hashPassword,
  loginProvince,
  runInProvince,
  userProvince,
  needsRehash,
  replacePasswordHash,
  verifyAgainstDummy,
  verifyPassword,
  type UserAccountRow,
} from '@accord/persistence';
import { ProblemException } from '../common/problem-details.filter';
import { CurrentUser, Public } from './auth.decorators';
import type { AuthUser } from './auth-user';
import { LoginThrottle, normaliseEmail } from './login-throttle';
import { TokenService } from './token.service';

export class RefreshDto {
  @ApiProperty() @IsString() @MinLength(10) @MaxLength(4000) refreshToken: string;
}

export class LoginDto {
  // Trimmed before it is checked: ` Admin@Accord.Local ` is that account (and counts against its login limit).
  @ApiProperty({ example: 'submitter@sct.hatinh.gov.vn' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;
  @ApiProperty({ example: 'accord-demo' }) @IsString() @MinLength(1) @MaxLength(200) password: string;
}

export function publicUser(row: Omit<UserAccountRow, 'password_hash'>) {
  return {
    id: row.id,
    email: row.email,
    fullName: row.full_name,
    agency: row.agency_code ? { code: row.agency_code, name: row.agency_name } : null,
    roles: row.roles,
    /** The province the user belongs to (`PLATFORM` for a platform administrator) and its name. */
    province: row.province_code ?? 'PLATFORM',
    provinceName: row.province_name,
  };
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly db: DataSource,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** How one may sign in here: the login page shows the government-account button only when `oidc` is true. */
  @Public()
  @Get('providers')
  @ApiOkResponse({ description: '{local: boolean, oidc: boolean}' })
  providers() {
    return { local: this.config.LOCAL_LOGIN_ENABLED, oidc: !!this.config.OIDC_ISSUER };
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ description: '{accessToken, refreshToken, expiresIn, user}' })
  @ApiUnauthorizedResponse({ description: 'Wrong e-mail or password' })
  @ApiTooManyRequestsResponse({
    description: 'More than 10 password checks for this e-mail (or too many from this address) in 15 minutes; see Retry-After',
  })
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    if (!this.config.LOCAL_LOGIN_ENABLED)
      throw new ProblemException(
        'LOCAL_LOGIN_DISABLED',
        'Password login is turned off on this server; sign in with your government account',
      );
    const email = normaliseEmail(body.email);
    // The check is reserved before the password is hashed, atomically and in Postgres: parallel guesses on any
    // api process cannot get past the limit, and a blocked e-mail is refused even with the right password.
    const reserved = await this.throttle.reserve(
      email,
      this.throttle.limitedAddress(req.socket.remoteAddress, req.headers['x-forwarded-for']),
    );
    if (!reserved.ok) {
      res.setHeader('Retry-After', String(reserved.retryAfterSeconds));
      throw new ProblemException(
        'LOGIN_THROTTLED',
        `Too many login attempts; try again in ${Math.ceil(reserved.retryAfterSeconds / 60)} minutes`,
      );
    }
    // Whose province the account is in, then the account itself read within that province (row-level security).
    const province = await loginProvince(this.db, email);
    const row = province ? await runInProvince(province, () => findUserAccountByEmail(this.db, email)) : null;
    // An unknown e-mail costs the same scrypt work as a wrong password, so the answer time does not tell which.
    // A single sign-on account has no scrypt hash (nothing matches it); it costs the same work as a wrong password too.
    const ok = row?.password_hash.startsWith('scrypt$')
      ? await verifyPassword(body.password, row.password_hash)
      : await verifyAgainstDummy(body.password);
    if (!row || !ok) throw new ProblemException('INVALID_CREDENTIALS', 'Wrong e-mail or password');
    await reserved.slot.refund();
    if (needsRehash(row.password_hash)) await runInProvince(province!, () => this.rehash(row, body.password));
    return { ...(await this.tokens.issue(row)), user: publicUser(row) };
  }

  /** A hash of older parameters is rewritten at today's cost while the password is at hand (only if it is still that hash). */
  private async rehash(row: UserAccountRow, password: string): Promise<void> {
    try {
      await replacePasswordHash(this.db, row.id, await hashPassword(password), row.password_hash);
    } catch (err) {
      // The login itself succeeded; the next one tries again.
      this.logger.warn(`could not rehash the password of ${row.id}: ${(err as Error).message}`);
    }
  }

  /**
   * A new token pair for a valid refresh token, which is spent by it: presenting it again is 401 and ends the
   * session. The user's current roles and agency are read again.
   */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ description: '{accessToken, refreshToken, expiresIn, user}' })
  @ApiUnauthorizedResponse({ description: 'Invalid, expired or already used refresh token' })
  async refresh(@Body() body: RefreshDto) {
    let user: UserAccountRow | undefined;
    const rotated = await this.tokens.rotate(body.refreshToken, async (userId) => {
      const province = await userProvince(this.db, userId);
      user = province ? ((await runInProvince(province, () => findUserAccountById(this.db, userId))) ?? undefined) : undefined;
      return user ?? null;
    });
    if (!rotated || !user) throw new ProblemException('REFRESH_TOKEN_INVALID', 'Invalid, expired or already used refresh token');
    return { ...rotated.tokens, user: publicUser(user) };
  }

  /** Ends the caller's session: its access and refresh tokens get 401 from now on. */
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session is over' })
  async logout(@CurrentUser() user: AuthUser): Promise<void> {
    if (user.sessionId) await this.tokens.revoke(user.sessionId, 'logout');
  }
}

@ApiTags('auth')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @ApiOkResponse({ description: '{id, email, fullName, agency:{code,name}|null, roles}' })
  async me(@CurrentUser() user: AuthUser) {
    const row = await findUserAccountById(this.db, user.id);
    if (!row) throw new ProblemException('SESSION_EXPIRED', 'This user no longer exists');
    return publicUser(row);
  }
}
