import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../../../../libs/config/src';

export interface TokenSubject {
  id: string;
  email: string;
  full_name: string;
  agency_code: string | null;
  roles: string[];
}

const SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };
const seconds = (ttl: string): number => Number(ttl.slice(0, -1)) * SECONDS[ttl.slice(-1)]!;

/** Short-lived access tokens carrying the caller; longer-lived refresh tokens carrying only the user id. */
@Injectable()
export class TokenService {
  constructor(private readonly jwt: JwtService, @Inject(AppConfig) private readonly config: AppConfig) {}

  async issue(user: TokenSubject) {
    const expiresIn = seconds(this.config.JWT_TTL);
    const accessToken = await this.jwt.signAsync(
      { sub: user.id, typ: 'access', email: user.email, fullName: user.full_name, agencyCode: user.agency_code, roles: user.roles },
      { expiresIn },
    );
    const refreshToken = await this.jwt.signAsync({ sub: user.id, typ: 'refresh' }, { expiresIn: seconds(this.config.JWT_REFRESH_TTL) });
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn };
  }

  /** The user id of a valid refresh token, or null. */
  async verifyRefresh(token: string): Promise<string | null> {
    try {
      const payload = await this.jwt.verifyAsync<{ sub: string; typ?: string }>(token);
      return payload.typ === 'refresh' ? payload.sub : null;
    } catch {
      return null;
    }
  }
}
