export const ROLES = ['SUBMITTER', 'REVIEWER', 'AGENCY_HEAD', 'LEADER', 'CLERK', 'ADMIN', 'AUDITOR', 'PLATFORM_ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** The caller: the access token's session, with the user's roles and agency as they are now in the database. */
export interface AuthUser {
  id: string;
  email: string;
  fullName: string;
  agencyCode: string | null;
  roles: Role[];
  /** The province the caller belongs to and acts in (`PLATFORM` for a platform administrator). */
  province: string;
  /** The session (auth_session.id) the access token belongs to; POST /auth/logout ends it. */
  sessionId?: string;
}

export const hasRole = (user: AuthUser, ...roles: Role[]): boolean => roles.some((r) => user.roles.includes(r));
