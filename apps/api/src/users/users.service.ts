import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { hasRole } from '../auth/auth-user';
import { decodeCursor, toPage } from '../common/pagination';
import { SqlConditions } from '../common/sql-conditions';
import { foldedSql, wordsMatchSql } from '../common/text-fold';
import type { UserListQuery } from './users.dto';

interface UserRow {
  id: string;
  email: string;
  full_name: string;
  sort_name: string;
  agency_code: string | null;
  agency_name: string | null;
  roles: string[];
}

// The password hash is never selected, so it cannot leak into an answer.
const SORT_NAME = `${foldedSql('u.full_name')} COLLATE "C"`;
const USER_SELECT = `
  SELECT u.id, u.email, u.full_name, ${SORT_NAME} AS sort_name, u.agency_code, a.name AS agency_name, u.roles
  FROM app_user u LEFT JOIN agency a ON a.code = u.agency_code`;


function present(row: UserRow) {
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

@Injectable()
export class UsersService {
  constructor(private readonly db: DataSource) {}

  async list(user: AuthUser, q: UserListQuery) {
    const limit = q.limit ?? 50;
    const c = new SqlConditions();
    if (!seesAllUsers(user)) {
      if (user.agencyCode) c.where(`u.agency_code = ${c.param(user.agencyCode)}`);
      else c.where(`u.id = ${c.param(user.id)}`);
    }
    if (q.agency) c.where(`u.agency_code = ${c.param(q.agency)}`);
    if (q.role) c.where(`${c.param(q.role)} = ANY(u.roles)`);
    // Every word must appear in the name or the e-mail: "nguyen an" finds "Nguyễn Văn An".
    const words = wordsMatchSql(q.q, [foldedSql('u.full_name'), foldedSql('u.email')], (v) => c.param(v));
    if (words) c.where(words);
    c.after(`${SORT_NAME}, u.full_name COLLATE "C", u.id`, '>', this.cursor(q.cursor), ['text', 'text', 'uuid']);
    const rows: UserRow[] = await this.db.query(
      `${USER_SELECT} WHERE ${c.sql} ORDER BY ${SORT_NAME}, u.full_name COLLATE "C", u.id LIMIT ${c.param(limit + 1)}`,
      c.params,
    );
    return toPage(rows, limit, present, (r) => [r.sort_name, r.full_name, r.id]);
  }

  /** The cursor's key, checked to be ours (decodeCursor checks each value's type): a bad cast must be a 400, not a 500. */
  private cursor(cursor: string | undefined): [string, string, string] | null {
    const key = decodeCursor(cursor, ['text', 'text', 'uuid']);
    return key ? [key[0]!, key[1]!, key[2]!] : null;
  }
}
