import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { DataSource } from 'typeorm';
import { verifyPassword } from '../../../../libs/persistence/src';
import { ProblemException } from '../common/problem-details.filter';
import { CurrentUser, Public } from './auth.decorators';
import type { AuthUser } from './auth-user';
import { LoginThrottle } from './login-throttle';
import { TokenService } from './token.service';

export class RefreshDto {
  @ApiProperty() @IsString() @MinLength(10) @MaxLength(4000) refreshToken: string;
}

export class LoginDto {
  @ApiProperty({ example: 'submitter@sct.hatinh.gov.vn' }) @IsEmail() @MaxLength(254) email: string;
  @ApiProperty({ example: 'accord-demo' }) @IsString() @MinLength(1) @MaxLength(200) password: string;
}

interface UserRow {
  id: string;
  email: string;
  full_name: string;
  password_hash: string;
  agency_code: string | null;
  agency_name: string | null;
  roles: string[];
}

function publicUser(row: Omit<UserRow, 'password_hash'>) {
  return {
    id: row.id,
    email: row.email,
    fullName: row.full_name,
    agency: row.agency_code ? { code: row.agency_code, name: row.agency_name } : null,
    roles: row.roles,
  };
}

const USER_SQL = `SELECT u.id, u.email, u.full_name, u.password_hash, u.agency_code, a.name AS agency_name, u.roles
  FROM app_user u LEFT JOIN agency a ON a.code = u.agency_code`;

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly db: DataSource, private readonly tokens: TokenService, private readonly throttle: LoginThrottle) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto) {
    const email = body.email.toLowerCase();
    if (this.throttle.isBlocked(email)) {
      throw new ProblemException(429, 'Too Many Requests', 'Too many failed logins for this e-mail; try again in 15 minutes');
    }
    const [row]: UserRow[] = await this.db.query(`${USER_SQL} WHERE lower(u.email) = $1`, [email]);
    if (!row || !(await verifyPassword(body.password, row.password_hash))) {
      this.throttle.recordFailure(email);
      throw new ProblemException(401, 'Unauthorized', 'Wrong e-mail or password');
    }
    this.throttle.reset(email);
    return { ...(await this.tokens.issue(row)), user: publicUser(row) };
  }

  /** A new token pair for a valid refresh token; the user's current roles and agency are read again. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Body() body: RefreshDto) {
    const userId = await this.tokens.verifyRefresh(body.refreshToken);
    const [row]: UserRow[] = userId ? await this.db.query(`${USER_SQL} WHERE u.id = $1`, [userId]) : [];
    if (!row) throw new ProblemException(401, 'Unauthorized', 'Invalid or expired refresh token');
    return { ...(await this.tokens.issue(row)), user: publicUser(row) };
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
    const [row]: UserRow[] = await this.db.query(`${USER_SQL} WHERE u.id = $1`, [user.id]);
    if (!row) throw new ProblemException(401, 'Unauthorized', 'This user no longer exists');
    return publicUser(row);
  }
}
