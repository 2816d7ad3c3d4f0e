export const ROLES = ['SUBMITTER', 'REVIEWER', 'AGENCY_HEAD', 'LEADER', 'ADMIN', 'AUDITOR'] as const;
export type Role = (typeof ROLES)[number];

/** The caller, as carried by the access token. */
export interface AuthUser {
  id: string;
  email: string;
  fullName: string;
  agencyCode: string | null;
  roles: Role[];
}

export const hasRole = (user: AuthUser, ...roles: Role[]): boolean => roles.some((r) => user.roles.includes(r));
