import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Put, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiFoundResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '@accord/config';
import {
  agencyExists,
  appendAudit,
  deleteOidcGroupMapping,
  listOidcGroupMappings,
  upsertOidcGroupMapping,
  type OidcGroupMappingRow,
} from '@accord/persistence';
import { badRequest, notFound, ProblemException } from '../../common/problem-details.filter';
import { CurrentUser, Public, Roles } from '../auth.decorators';
import type { AuthUser } from '../auth-user';
import { TokenService } from '../token.service';
import { GroupMappingDto, GroupParam } from './oidc.dto';
import { OidcService } from './oidc.service';

@ApiTags('auth')
@Controller('auth/oidc')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly tokens: TokenService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  private ensureEnabled(): void {
    if (!this.oidc.enabled) throw new ProblemException('OIDC_DISABLED', 'Single sign-on is not configured on this server');
  }

  /** Starts a government-account sign-in: a redirect to the provider (Authorization Code + PKCE). */
  @Public()
  @Get('login')
  @ApiFoundResponse({ description: "Redirect to the provider's authorization endpoint" })
  @ApiNotFoundResponse({ description: 'Single sign-on is not configured on this server (OIDC_DISABLED)' })
  async login(@Res() res: Response): Promise<void> {
    this.ensureEnabled();
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, await this.oidc.start());
  }

  /**
   * The provider's redirect back. Starts an Accord session exactly like a password login and hands its tokens to the
   * web app in the URL fragment, which browsers never send to a server or in a Referer (docs/sso.md, "Handing over").
   */
  @Public()
  @Get('callback')
  @ApiFoundResponse({ description: 'Redirect to the web app with #accessToken=…&refreshToken=…&expiresIn=…' })
  @ApiBadRequestResponse({
    description: 'Unknown, used or expired state (OIDC_STATE_INVALID), or the provider refused (OIDC_CALLBACK_FAILED)',
  })
  @ApiForbiddenResponse({ description: 'The account may not sign in this way (OIDC_ACCOUNT_REFUSED)' })
  @ApiNotFoundResponse({ description: 'Single sign-on is not configured on this server (OIDC_DISABLED)' })
  async callback(@Query() query: Record<string, string>, @Res() res: Response): Promise<void> {
    this.ensureEnabled();
    const user = await this.oidc.finish(query);
    const t = await this.tokens.issue(user);
    const fragment = new URLSearchParams({
      accessToken: t.accessToken,
      refreshToken: t.refreshToken,
      tokenType: t.tokenType,
      expiresIn: String(t.expiresIn),
    });
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.redirect(302, `${this.config.OIDC_POST_LOGIN_URL}#${fragment.toString()}`);
  }
}

const publicMapping = (r: OidcGroupMappingRow) => ({
  group: r.group_name,
  role: r.role,
  agencyCode: r.agency_code,
  updatedAt: r.updated_at,
});

/**
 * What a provider group means in Accord (docs/sso.md, "Groups"). Without a row a group spelled like a role is that
 * role; a row overrides it. Takes effect at each user's next sign-in.
 */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/oidc/group-mappings')
export class OidcGroupMappingsController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @Roles('ADMIN')
  async list() {
    return { items: (await listOidcGroupMappings(this.db)).map(publicMapping) };
  }

  @Put(':group')
  @Roles('ADMIN')
  async set(@Param() p: GroupParam, @Body() body: GroupMappingDto, @CurrentUser() user: AuthUser) {
    const role = body.role ?? null;
    const agencyCode = body.agencyCode ?? null;
    if (!role && !agencyCode)
      throw badRequest('A mapping needs a role, an agency or both', [{ field: 'role', message: 'give role or agencyCode' }]);
    if (agencyCode && !(await agencyExists(this.db, agencyCode)))
      throw badRequest('Unknown agency', [{ field: 'agencyCode', message: 'No agency has this code' }]);
    // Who gave a group which role is an access-control change: audited with it, in one transaction.
    return this.db.transaction(async (m) => {
      const row = await upsertOidcGroupMapping(m, { group: p.group, role, agencyCode });
      await this.audit(m, user, 'OIDC_GROUP_MAPPING_SET', { group: p.group, role, agencyCode });
      return publicMapping(row);
    });
  }

  @Delete(':group')
  @Roles('ADMIN')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The group has its default meaning again' })
  async remove(@Param() p: GroupParam, @CurrentUser() user: AuthUser): Promise<void> {
    await this.db.transaction(async (m) => {
      if (!(await deleteOidcGroupMapping(m, p.group))) throw notFound('No mapping for this group');
      await this.audit(m, user, 'OIDC_GROUP_MAPPING_REMOVED', { group: p.group });
    });
  }

  private audit(m: EntityManager, user: AuthUser, action: string, payload: Record<string, unknown>): Promise<void> {
    return appendAudit(m, [
      {
        at: new Date().toISOString(),
        actor: { id: user.id, name: user.fullName, type: 'USER' },
        action,
        proposalId: null,
        stage: null,
        payload,
      },
    ]);
  }
}
