import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import type * as OpenId from 'openid-client';
import { DataSource } from 'typeorm';
import { AppConfig } from '@accord/config';
import {
  agencyExists,
  appendAudit,
  deleteExpiredOidcLoginStates,
  findOidcGroupMappings,
  findOidcIdentityUser,
  findUserAccountById,
  insertOidcLoginState,
  insertOidcUser,
  takeOidcLoginState,
  updateOidcUser,
  agencyProvince,
  groupProvinces,
  loginProvince,
  oidcIdentityProvince,
  runInProvince,
  type UserAccountRow,
} from '@accord/persistence';
import { ProblemException } from '../../common/problem-details.filter';
import { groupsOf, mapClaims, type MappedAccount } from './oidc-claims';

/** openid-client 6 is ESM-only; Node >= 20.19 loads it with require(), which is what the compiled CommonJS does. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const oidc = (): typeof OpenId => require('openid-client') as typeof OpenId;

/** How long a started sign-in may take at the provider (the user may have to type a password and an OTP). */
const LOGIN_STATE_TTL_SECONDS = 600;
const SCOPE = 'openid profile email';

/**
 * Government single sign-on (docs/sso.md): Authorization Code flow with PKCE (S256), state and nonce, against the
 * provider of OIDC_ISSUER. What the callback needs (state, nonce, PKCE verifier) is kept in Postgres, not in a cookie
 * or in memory, so a sign-in started on one api process can finish on another, and each can finish only once.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('OIDC');
  private discovered?: Promise<OpenId.Configuration>;
  private lastSweep = 0;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly db: DataSource,
  ) {}

  get enabled(): boolean {
    return !!this.config.OIDC_ISSUER;
  }

  /** The provider's metadata, fetched once per process (again after a failure, so a provider down at start is not fatal). */
  private provider(): Promise<OpenId.Configuration> {
    const c = this.config;
    this.discovered ??= (async () => {
      const client = oidc();
      // Plain http only off production (the test provider, a local Keycloak); production needs https.
      const insecure = c.NODE_ENV !== 'production' && c.OIDC_ISSUER!.startsWith('http://');
      return client.discovery(
        new URL(c.OIDC_ISSUER!),
        c.OIDC_CLIENT_ID!,
        c.OIDC_CLIENT_SECRET!,
        undefined,
        insecure ? { execute: [client.allowInsecureRequests] } : undefined,
      );
    })();
    return this.discovered.catch((err: Error) => {
      this.discovered = undefined;
      this.logger.warn(`OIDC discovery of ${c.OIDC_ISSUER} failed: ${err.message}`);
      throw new ProblemException('OIDC_PROVIDER_UNAVAILABLE', 'The sign-in provider cannot be reached; try again later');
    });
  }

  /** The provider's authorization URL for a new sign-in; its state, nonce and verifier are stored for the callback. */
  async start(): Promise<string> {
    const provider = await this.provider();
    const client = oidc();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    await insertOidcLoginState(this.db, { state, nonce, codeVerifier, ttlSeconds: LOGIN_STATE_TTL_SECONDS });
    this.sweep();
    const url = client.buildAuthorizationUrl(provider, {
      redirect_uri: this.config.OIDC_REDIRECT_URI!,
      scope: SCOPE,
      state,
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    return url.href;
  }

  /**
   * Finishes a sign-in: spends its state, exchanges the code (PKCE verifier), validates the ID token (signature,
   * issuer, audience, expiry, nonce), reads the claims and returns the Accord user, created at the first sign-in.
   */
  async finish(query: Record<string, string>): Promise<UserAccountRow> {
    const state = typeof query.state === 'string' ? query.state : '';
    const saved = state && state.length <= 128 ? await takeOidcLoginState(this.db, state) : null;
    if (!saved) throw new ProblemException('OIDC_STATE_INVALID', 'Unknown, expired or already used sign-in state; start the sign-in again');
    const provider = await this.provider();
    const client = oidc();
    const callbackUrl = new URL(this.config.OIDC_REDIRECT_URI!);
    for (const [k, v] of Object.entries(query)) if (typeof v === 'string') callbackUrl.searchParams.set(k, v);
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(provider, callbackUrl, {
        pkceCodeVerifier: saved.code_verifier,
        expectedState: state,
        expectedNonce: saved.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      // Providers put groups and custom claims in the ID token or only in userinfo; both are read, the ID token's subject rules.
      const userinfo = await client.fetchUserInfo(provider, tokens.access_token, idClaims.sub);
      claims = { ...userinfo, ...idClaims };
    } catch (err) {
      this.logger.warn(`OIDC callback refused: ${(err as Error).message}`);
      throw new ProblemException('OIDC_CALLBACK_FAILED', 'The sign-in provider did not confirm this sign-in; start the sign-in again');
    }
    const issuer = String(claims.iss ?? this.config.OIDC_ISSUER);
    const province = await this.provinceOf(issuer, claims);
    // Everything about the account is read and written within its province (row-level security).
    return runInProvince(province, async () => {
      const mappings = (await findOidcGroupMappings(this.db, groupsOf(claims[this.config.OIDC_ROLES_CLAIM]))).map((m) => ({
        group: m.group_name,
        role: m.role,
        agencyCode: m.agency_code,
      }));
      const account = mapClaims(claims, { agencyClaim: this.config.OIDC_AGENCY_CLAIM, rolesClaim: this.config.OIDC_ROLES_CLAIM }, mappings);
      return this.upsertUser(issuer, account);
    });
  }

  /**
   * The province of a provider account: the one it was linked in, else its agency claim's, else the one province whose
   * administrators mapped its groups. An account that points at no province, or at several, is refused.
   */
  private async provinceOf(issuer: string, claims: Record<string, unknown>): Promise<string> {
    const linked = await oidcIdentityProvince(this.db, issuer, String(claims.sub ?? ''));
    if (linked) return linked;
    const agencyClaim = claims[this.config.OIDC_AGENCY_CLAIM];
    const byAgency = typeof agencyClaim === 'string' && agencyClaim ? await agencyProvince(this.db, agencyClaim) : null;
    if (byAgency) return byAgency;
    const byGroups = await groupProvinces(this.db, groupsOf(claims[this.config.OIDC_ROLES_CLAIM]));
    if (byGroups.length === 1) return byGroups[0]!;
    throw new ProblemException(
      'OIDC_ACCOUNT_REFUSED',
      byGroups.length
        ? 'This account belongs to groups of several provinces; an administrator must map it to one'
        : 'This account belongs to no province: its agency is unknown and none of its groups is mapped',
    );
  }

  /** Creates or updates the user linked to the provider account, and audits both in the same transaction. */
  private async upsertUser(issuer: string, account: MappedAccount): Promise<UserAccountRow> {
    const agencyCode = account.agencyCode && (await agencyExists(this.db, account.agencyCode)) ? account.agencyCode : null;
    if (account.agencyCode && !agencyCode)
      this.logger.warn(`OIDC account ${account.subject} names unknown agency ${account.agencyCode}; signed in without one`);
    const userId = await this.db.transaction(async (m) => {
      const at = new Date().toISOString();
      const linked = await findOidcIdentityUser(m, issuer, account.subject);
      const fields = { fullName: account.fullName, agencyCode, roles: account.roles, issuer, subject: account.subject };
      if (linked) {
        await updateOidcUser(m, { id: linked, ...fields });
        await appendAudit(m, [
          {
            at,
            actor: { id: linked, name: account.fullName, type: 'USER' },
            action: 'OIDC_SIGN_IN',
            proposalId: null,
            stage: null,
            payload: { issuer, subject: account.subject, agencyCode, roles: account.roles },
          },
        ]);
        return linked;
      }
      const email = account.email ?? `${account.subject}@${new URL(issuer).hostname}`;
      // An existing local account is not taken over by a provider account with the same e-mail: an administrator links them (docs/sso.md).
      // Any province's account: e-mails are unique across the deployment (sign-in starts from them).
      if (await loginProvince(m, email))
        throw new ProblemException(
          'OIDC_ACCOUNT_REFUSED',
          'An Accord account with this e-mail already exists and is not linked to this sign-in provider',
        );
      const id = randomUUID();
      // Not a scrypt hash, so no password ever matches it: this account signs in through its provider only.
      await insertOidcUser(m, { id, email, passwordHash: `oidc!${randomBytes(16).toString('hex')}`, ...fields });
      await appendAudit(m, [
        {
          at,
          actor: { id, name: account.fullName, type: 'USER' },
          action: 'USER_CREATED_BY_OIDC',
          proposalId: null,
          stage: null,
          payload: { userId: id, email, issuer, subject: account.subject, agencyCode, roles: account.roles },
        },
        {
          at,
          actor: { id, name: account.fullName, type: 'USER' },
          action: 'OIDC_SIGN_IN',
          proposalId: null,
          stage: null,
          payload: { issuer, subject: account.subject, agencyCode, roles: account.roles },
        },
      ]);
      return id;
    });
    return (await findUserAccountById(this.db, userId))!;
  }

  private sweep(): void {
    const now = Date.now();
    if (now - this.lastSweep < 10 * 60_000) return;
    this.lastSweep = now;
    void deleteExpiredOidcLoginStates(this.db).catch(() => undefined);
  }
}
