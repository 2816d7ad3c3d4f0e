import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { listDirectoryUsers, type DirectoryScope, type DirectoryUserRow } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { hasRole } from '../auth/auth-user';
import { decodeCursor, toPage } from '../common/pagination';
import type { UserListQuery } from './users.dto';

function present(row: DirectoryUserRow) {
  return {
    id: row.id,
    fullName: row.full_name,
    email: row.email,
    agency: row.agency_code ? { code: row.agency_code, name: row.agency_name ?? row.agency_code } : null,
    roles: row.roles,
  };
}

/** Who may see whom: ADMIN and AUDITOR everyone, an agency member their agency, a user of no agency themself. */
export function seesAllUsers(user: AuthUser): boolean {
  return hasRole(user, 'ADMIN', 'AUDITOR');
}

function scopeOf(user: AuthUser): DirectoryScope {
  if (seesAllUsers(user)) return { all: true };
  return user.agencyCode ? { agencyCode: user.agencyCode } : { userId: user.id };
}

@Injectable()
export class UsersService {
  constructor(private readonly db: DataSource) {}

  async list(user: AuthUser, q: UserListQuery) {
    const limit = q.limit ?? 50;
    const rows = await listDirectoryUsers(this.db, {
      scope: scopeOf(user),
      agency: q.agency,
      role: q.role,
      words: q.q,
      after: this.cursor(q.cursor),
      limit: limit + 1,
    });
    return toPage(rows, limit, present, (r) => [r.sort_name, r.full_name, r.id]);
  }

  /** The cursor's key, checked to be ours (decodeCursor checks each value's type): a bad cast must be a 400, not a 500. */
  private cursor(cursor: string | undefined): [string, string, string] | null {
    const key = decodeCursor(cursor, ['text', 'text', 'uuid']);
    return key ? [key[0]!, key[1]!, key[2]!] : null;
  }
}
