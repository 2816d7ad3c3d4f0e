import { ROLES, type Role } from '../auth-user';

/** A row of the admin-edited group mapping (oidc_group_mapping). */
export interface GroupMapping {
  group: string;
  role: string | null;
  agencyCode: string | null;
}

/** What Accord makes of a provider account's claims (docs/sso.md, "Claims"). */
export interface MappedAccount {
  subject: string;
  email: string | null;
  fullName: string;
  /** The agency code the claims name, before it is checked against the agency table. */
  agencyCode: string | null;
  roles: Role[];
}

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/**
 * The groups of a claim: an array of strings, or one string (some providers send a single group unwrapped).
 * Keycloak's "full group path" form (`/SUBMITTER`, `/agencies/SCT`) is kept as sent; the leading slash is dropped.
 */
export function groupsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return [...new Set(list.filter((g): g is string => typeof g === 'string' && g.trim() !== '').map((g) => g.trim().replace(/^\//, '')))];
}

/**
 * Maps claims to an Accord account. Roles: each group through the mapping table; a group without a mapping row that is
 * spelled like a role (`REVIEWER`) is that role. Agency: the agency claim; without one, the agency of a mapped group
 * (the first by name, so the answer does not depend on the claim's order).
 */
export function mapClaims(
  claims: Record<string, unknown>,
  names: { agencyClaim: string; rolesClaim: string },
  mappings: GroupMapping[],
): MappedAccount {
  const groups = groupsOf(claims[names.rolesClaim]);
  const byGroup = new Map(mappings.map((m) => [m.group, m]));
  const roles = new Set<Role>();
  for (const group of groups) {
    const mapping = byGroup.get(group);
    if (mapping) {
      if (mapping.role && isRole(mapping.role)) roles.add(mapping.role);
    } else if (isRole(group)) {
      roles.add(group);
    }
  }
  const claimed = claims[names.agencyClaim];
  const mappedAgency =
    groups
      .map((g) => byGroup.get(g)?.agencyCode)
      .filter((a): a is string => !!a)
      .sort()[0] ?? null;
  const agencyCode = typeof claimed === 'string' && claimed.trim() ? claimed.trim() : mappedAgency;
  const str = (key: string) => (typeof claims[key] === 'string' && (claims[key] as string).trim() ? (claims[key] as string).trim() : null);
  const email = str('email');
  return {
    subject: String(claims.sub),
    email: email ? email.toLowerCase() : null,
    fullName:
      str('name') ??
      ([str('given_name'), str('family_name')].filter(Boolean).join(' ') || email || str('preferred_username') || String(claims.sub)),
    agencyCode,
    roles: ROLES.filter((r) => roles.has(r)),
  };
}
