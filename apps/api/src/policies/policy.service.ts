import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SUBMITTING_AGENCY, type RoutingPolicy } from '@accord/domain';
import { validatePolicy } from '@accord/domain/routing/policy-validation';
import {
  appendAudit,
  canonicalJson,
  currentPolicyDocument,
  currentPolicyVersion,
  findCurrentPolicy,
  findPolicyVersion,
  insertPolicyVersion,
  knownAgencyCodes,
  listPolicyVersions,
  lockPolicyPublishing,
  newestPublishedPolicy,
  policyVersionExists,
  type PolicyVersionRow,
} from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { decodeCursor, toPage, type PageQuery } from '../common/pagination';
import { badRequest, conflict, notFound, unavailable, type FieldError } from '../common/problem-details.filter';
import type { PublishPolicyDto } from './policies.dto';

/**
 * How long an api process may plan with a policy it read before looking again. Publishing through this process
 * takes effect at once; another api process sees a new version within this time.
 */
const CACHE_MS = 5_000;

/** Routing policies as published, versioned data: the newest published version plans new proposals. */
@Injectable()
export class PolicyService {
  /** Per province: each publishes its own versions (docs/provinces.md), so one province's never plans another's. */
  private readonly cache = new Map<string, { policy: RoutingPolicy; until: number }>();
  private readonly loading = new Map<string, Promise<RoutingPolicy>>();

  constructor(private readonly db: DataSource) {}

  /** The current (newest published) policy of `province` (the caller's: the read runs in its scope), from a short cache. */
  async current(province: string): Promise<RoutingPolicy> {
    const cached = this.cache.get(province);
    if (cached && cached.until > Date.now()) return cached.policy;
    let loading = this.loading.get(province);
    if (!loading) {
      loading = this.load(province).finally(() => this.loading.delete(province));
      this.loading.set(province, loading);
    }
    return loading;
  }

  private async load(province: string): Promise<RoutingPolicy> {
    const document = await currentPolicyDocument(this.db);
    if (!document) throw unavailable('No routing policy has been published; run the database migrations', 'ROUTING_POLICY_MISSING');
    this.cache.set(province, { policy: document, until: Date.now() + CACHE_MS });
    return document;
  }

  private present(row: PolicyVersionRow, currentVersion: string | null) {
    return {
      version: row.version,
      publishedAt: row.published_at.toISOString(),
      publishedBy: row.published_by ? { id: row.published_by, fullName: row.published_by_name } : null,
      note: row.note,
      current: row.version === currentVersion,
    };
  }

  async list(query: PageQuery) {
    const limit = query.limit ?? 50;
    const cursor = decodeCursor(query.cursor, ['timestamptz', 'text']);
    const [rows, currentVersion] = await Promise.all([listPolicyVersions(this.db, cursor, limit + 1), currentPolicyVersion(this.db)]);
    return toPage(
      rows,
      limit,
      (r) => this.present(r, currentVersion),
      (r) => [r.published_at.toISOString(), r.version],
    );
  }

  async get(version: string | 'current') {
    const row = version === 'current' ? await findCurrentPolicy(this.db) : await findPolicyVersion(this.db, version);
    if (!row)
      throw version === 'current'
        ? unavailable('No routing policy has been published', 'ROUTING_POLICY_MISSING')
        : notFound(`No routing policy version ${version}`, 'POLICY_VERSION_NOT_FOUND');
    const currentVersion = version === 'current' ? row.version : await currentPolicyVersion(this.db);
    return { ...this.present(row, currentVersion), document: row.document };
  }

  /** Validates and publishes a version as current; the audit row is written in the same transaction. */
  async publish(user: AuthUser, body: PublishPolicyDto) {
    const errors: FieldError[] = validatePolicy(body.document).map((e) => ({
      field: e.field ? `document.${e.field}` : 'document',
      message: e.message,
    }));
    const doc = body.document as Partial<RoutingPolicy>;
    if (typeof doc.version === 'string' && doc.version !== body.version) {
      errors.push({ field: 'document.version', message: `must equal version (${body.version})` });
    }
    if (!errors.length) errors.push(...(await this.unknownAgencies(body.document as unknown as RoutingPolicy)));
    if (errors.length) throw badRequest('The routing policy is invalid', errors);
    const policy = body.document as unknown as RoutingPolicy;
    const sha256 = createHash('sha256').update(canonicalJson(policy)).digest('hex');
    let published: { published_at: Date; previous: string | null };
    try {
      published = await this.db.transaction(async (m) => {
        // One publisher at a time, so published_at (the order of versions) strictly increases; readers are not blocked.
        await lockPolicyPublishing(m);
        const previous = await newestPublishedPolicy(m);
        if (await policyVersionExists(m, body.version))
          throw conflict(
            `Routing policy version ${body.version} is already published; published versions never change, choose a new version`,
            'POLICY_VERSION_EXISTS',
          );
        const publishedAt = await insertPolicyVersion(m, {
          version: body.version,
          document: policy,
          previousAt: previous?.published_at ?? null,
          publishedBy: user.id,
          note: body.note ?? null,
        });
        await appendAudit(m, [
          {
            at: publishedAt.toISOString(),
            actor: { id: user.id, name: user.fullName, type: 'USER' },
            action: 'POLICY_PUBLISHED',
            proposalId: null,
            stage: null,
            payload: {
              version: body.version,
              previousVersion: previous?.version ?? null,
              documentSha256: sha256,
              note: body.note ?? null,
              routes: policy.routes.map((r) => r.name),
            },
          },
        ]);
        return { published_at: publishedAt, previous: previous?.version ?? null };
      });
    } catch (err) {
      // Two publishers of one version raced past the check: the loser gets the same 409.
      if ((err as { code?: string }).code === '23505')
        throw conflict(`Routing policy version ${body.version} is already published`, 'POLICY_VERSION_EXISTS');
      throw err;
    }
    this.cache.set(user.province, { policy, until: Date.now() + CACHE_MS });
    return {
      version: body.version,
      publishedAt: published.published_at.toISOString(),
      publishedBy: { id: user.id, fullName: user.fullName },
      note: body.note ?? null,
      current: true,
      previousVersion: published.previous,
      document: policy,
    };
  }

  /** Candidate agencies must exist: tasks reference agency(code), so an unknown code would break every proposal it routes. */
  private async unknownAgencies(policy: RoutingPolicy): Promise<FieldError[]> {
    const uses: { field: string; code: string }[] = [];
    policy.routes.forEach((r, i) =>
      r.stages.forEach((s, j) =>
        s.tasks.forEach((t, k) => {
          uses.push({ field: `document.routes.${i}.stages.${j}.tasks.${k}.candidateAgency`, code: t.candidateAgency });
        }),
      ),
    );
    policy.routes.forEach((r, i) => {
      if (r.gates?.pmConsent)
        uses.push({ field: `document.routes.${i}.gates.pmConsent.candidateAgency`, code: r.gates.pmConsent.candidateAgency });
    });
    if (policy.gates.pmConsent)
      uses.push({ field: 'document.gates.pmConsent.candidateAgency', code: policy.gates.pmConsent.candidateAgency });
    const codes = [...new Set(uses.map((u) => u.code).filter((c) => c !== SUBMITTING_AGENCY))];
    const known = await knownAgencyCodes(this.db, codes);
    return uses
      .filter((u) => u.code !== SUBMITTING_AGENCY && !known.has(u.code))
      .map((u) => ({ field: u.field, message: `no agency has the code ${u.code}` }));
  }
}
