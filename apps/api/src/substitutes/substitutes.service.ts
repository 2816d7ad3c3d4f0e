import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isoDateInVietnam } from '../../../../libs/domain/src';
import { addMonthsToIsoDate, appendAudit, updateReturning } from '../../../../libs/persistence/src';
import type { AuthUser } from '../auth/auth-user';
import { badRequest, forbidden, notFound, ProblemException, type FieldError } from '../common/problem-details.filter';
import type { CreateSubstituteDto } from './substitute.dto';

interface SubstitutionRow {
  id: string;
  user_id: string;
  user_name: string;
  substitute_id: string;
  substitute_name: string;
  starts_on: string;
  ends_on: string;
  created_at: Date;
  revoked_at: Date | null;
}

const SELECT = `
  SELECT s.id, s.user_id, u.full_name AS user_name, s.substitute_id, su.full_name AS substitute_name,
         to_char(s.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(s.ends_on, 'YYYY-MM-DD') AS ends_on, s.created_at, s.revoked_at
  FROM user_substitute s JOIN app_user u ON u.id = s.user_id JOIN app_user su ON su.id = s.substitute_id`;

const IDEMPOTENCY_SCOPE = 'substitute';

const today = () => isoDateInVietnam(new Date());

function present(row: SubstitutionRow, on = today()) {
  const status = row.revoked_at ? 'REVOKED' : row.ends_on < on ? 'ENDED' : row.starts_on > on ? 'SCHEDULED' : 'ACTIVE';
  return {
    id: row.id,
    user: { id: row.user_id, fullName: row.user_name },
    substitute: { id: row.substitute_id, fullName: row.substitute_name },
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    status,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

/**
 * Out-of-office substitutes: a user names another member of their agency for a date range; while it covers today,
 * the tasks assigned to the absent user reach the substitute (see `absenteesOf`). Every change is audited in the
 * transaction that makes it.
 */
@Injectable()
export class SubstitutesService {
  constructor(private readonly db: DataSource) {}

  /** The caller's current and coming substitutions, and those in which the caller stands in for someone. */
  async list(user: AuthUser) {
    const on = today();
    const [mine, actingFor]: [SubstitutionRow[], SubstitutionRow[]] = await Promise.all([
      this.db.query(`${SELECT} WHERE s.user_id = $1 AND s.revoked_at IS NULL AND s.ends_on >= $2::date ORDER BY s.starts_on, s.id`, [user.id, on]),
      this.db.query(`${SELECT} WHERE s.substitute_id = $1 AND s.revoked_at IS NULL AND s.ends_on >= $2::date ORDER BY s.starts_on, s.id`, [user.id, on]),
    ]);
    return { items: mine.map((r) => present(r, on)), nextCursor: null, actingFor: actingFor.map((r) => present(r, on)) };
  }

  async create(user: AuthUser, body: CreateSubstituteDto, idempotencyKey?: string) {
    // Tasks go to agencies, so only an agency member has tasks to hand over, and only to a colleague.
    if (!user.agencyCode) throw forbidden('Only members of an agency can name a substitute', 'agency-member', 'NOT_AGENCY_MEMBER');
    if (idempotencyKey !== undefined && (idempotencyKey.length < 1 || idempotencyKey.length > 255)) {
      throw badRequest('Invalid Idempotency-Key', [{ field: 'Idempotency-Key', message: 'must be 1-255 characters' }], 'IDEMPOTENCY_KEY_INVALID');
    }
    if (idempotencyKey) {
      const existing = await this.byIdempotencyKey(user.id, idempotencyKey);
      if (existing) return present(existing);
    }
    await this.validate(user, body);

    const id = randomUUID();
    try {
      await this.db.transaction(async (m) => {
        // One writer per absent user at a time, so two overlapping requests cannot both pass the overlap check.
        await m.query('SELECT id FROM app_user WHERE id = $1 FOR UPDATE', [user.id]);
        const [clash]: SubstitutionRow[] = await m.query(
          `${SELECT} WHERE s.user_id = $1 AND s.revoked_at IS NULL AND s.ends_on >= $2::date AND s.starts_on <= $4::date AND s.ends_on >= $3::date
           ORDER BY s.starts_on LIMIT 1`,
          [user.id, today(), body.startsOn, body.endsOn],
        );
        if (clash) {
          const message = `overlaps the substitution by ${clash.substitute_name} from ${clash.starts_on} to ${clash.ends_on}; revoke it first`;
          throw new ProblemException('SUBSTITUTION_OVERLAP', `The dates ${message}`, [{ field: 'startsOn', message }, { field: 'endsOn', message }]);
        }
        await m.query(
          `INSERT INTO user_substitute (id, user_id, substitute_id, starts_on, ends_on, created_at) VALUES ($1,$2,$3,$4,$5,now())`,
          [id, user.id, body.substituteId, body.startsOn, body.endsOn],
        );
        if (idempotencyKey) {
          await m.query('INSERT INTO idempotency_record (user_id, scope, key, resource_id) VALUES ($1,$2,$3,$4)', [user.id, IDEMPOTENCY_SCOPE, idempotencyKey, id]);
        }
        const row = await this.row(m, id);
        await this.audit(m, user, 'SUBSTITUTE_SET', row!);
      });
    } catch (err) {
      // Two requests with one Idempotency-Key raced: the loser answers with the winner's substitution.
      if (idempotencyKey && (err as { code?: string }).code === '23505') {
        const existing = await this.byIdempotencyKey(user.id, idempotencyKey);
        if (existing) return present(existing);
      }
      throw err;
    }
    return present((await this.row(this.db.manager, id))!);
  }

  /** Ends one of the caller's substitutions now; revoking a revoked one changes nothing. 404 when it is not the caller's. */
  async revoke(user: AuthUser, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const revoked = await updateReturning<{ id: string }>(
        m,
        'UPDATE user_substitute SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id',
        [id, user.id],
      );
      const row = await this.row(m, id);
      if (!row || row.user_id !== user.id) throw notFound(`No substitution ${id} of yours`, 'SUBSTITUTION_NOT_FOUND');
      if (revoked.length) await this.audit(m, user, 'SUBSTITUTE_REVOKED', row);
    });
  }

  private async validate(user: AuthUser, body: CreateSubstituteDto): Promise<void> {
    const on = today();
    const errors: FieldError[] = [];
    // Both are real dates by now (IsCalendarDate on the DTO).
    const { startsOn: start, endsOn: end } = body;
    if (start < on) errors.push({ field: 'startsOn', message: `startsOn cannot be in the past (today is ${on})` });
    else if (start > addMonthsToIsoDate(on, 12)) errors.push({ field: 'startsOn', message: 'startsOn must be within a year from today' });
    if (end < start) errors.push({ field: 'endsOn', message: 'endsOn must be on or after startsOn' });
    else if (end > addMonthsToIsoDate(start, 12)) errors.push({ field: 'endsOn', message: 'a substitution lasts at most one year' });
    if (body.substituteId === user.id) {
      errors.push({ field: 'substituteId', message: 'name someone other than yourself' });
    } else {
      const [other]: { agency_code: string | null }[] = await this.db.query('SELECT agency_code FROM app_user WHERE id = $1', [body.substituteId]);
      if (!other) errors.push({ field: 'substituteId', message: 'No user has this id' });
      else if (other.agency_code !== user.agencyCode) errors.push({ field: 'substituteId', message: `The substitute must be a member of ${user.agencyCode}` });
    }
    if (errors.length) throw badRequest('The substitution has invalid fields', errors);
  }

  private async row(m: EntityManager, id: string): Promise<SubstitutionRow | null> {
    const [row]: SubstitutionRow[] = await m.query(`${SELECT} WHERE s.id = $1`, [id]);
    return row ?? null;
  }

  private async byIdempotencyKey(userId: string, key: string): Promise<SubstitutionRow | null> {
    const [hit]: { resource_id: string }[] = await this.db.query(
      'SELECT resource_id FROM idempotency_record WHERE user_id = $1 AND scope = $2 AND key = $3',
      [userId, IDEMPOTENCY_SCOPE, key],
    );
    return hit ? this.row(this.db.manager, hit.resource_id) : null;
  }

  private audit(m: EntityManager, user: AuthUser, action: 'SUBSTITUTE_SET' | 'SUBSTITUTE_REVOKED', row: SubstitutionRow): Promise<void> {
    return appendAudit(m, [{
      at: new Date().toISOString(), actor: { id: user.id, name: user.fullName, type: 'USER' }, action, proposalId: null, stage: null,
      payload: {
        substitutionId: row.id, user: { id: row.user_id, fullName: row.user_name }, substitute: { id: row.substitute_id, fullName: row.substitute_name },
        startsOn: row.starts_on, endsOn: row.ends_on,
      },
    }]);
  }
}
