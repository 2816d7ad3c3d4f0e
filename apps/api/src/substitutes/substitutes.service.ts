import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { isoDateInVietnam } from '@accord/domain';
import {
  addMonthsToIsoDate,
  appendAudit,
  findOverlappingSubstitution,
  findSubstitution,
  findUserAgency,
  insertSubstitution,
  listCurrentSubstitutions,
  lockSubstitutionsOf,
  revokeSubstitution,
  type SubstitutionRow,
} from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { idempotent } from '../common/idempotency';
import { badRequest, forbidden, notFound, ProblemException, type FieldError } from '../common/problem-details.filter';
import type { CreateSubstituteDto } from './substitutes.dto';

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
    const [mine, actingFor] = await Promise.all([
      listCurrentSubstitutions(this.db, user.id, 'user', on),
      listCurrentSubstitutions(this.db, user.id, 'substitute', on),
    ]);
    return { items: mine.map((r) => present(r, on)), nextCursor: null, actingFor: actingFor.map((r) => present(r, on)) };
  }

  async create(user: AuthUser, body: CreateSubstituteDto, idempotencyKey?: string) {
    // Tasks go to agencies, so only an agency member has tasks to hand over, and only to a colleague.
    if (!user.agencyCode) throw forbidden('Only members of an agency can name a substitute', 'agency-member', 'NOT_AGENCY_MEMBER');
    return idempotent(
      this.db,
      { userId: user.id, scope: IDEMPOTENCY_SCOPE, key: idempotencyKey },
      {
        replay: async (id) => {
          const existing = await findSubstitution(this.db, id);
          return existing && present(existing);
        },
        work: async (recordKey) => {
          await this.validate(user, body);
          const id = randomUUID();
          // A duplicate Idempotency-Key fails this transaction: idempotent() answers with the winner's substitution.
          await this.db.transaction(async (m) => {
            // One writer per absent user at a time, so two overlapping requests cannot both pass the overlap check.
            await lockSubstitutionsOf(m, user.id);
            const clash = await findOverlappingSubstitution(m, user.id, today(), body.startsOn, body.endsOn);
            if (clash) {
              const message = `overlaps the substitution by ${clash.substitute_name} from ${clash.starts_on} to ${clash.ends_on}; revoke it first`;
              throw new ProblemException('SUBSTITUTION_OVERLAP', `The dates ${message}`, [
                { field: 'startsOn', message },
                { field: 'endsOn', message },
              ]);
            }
            await insertSubstitution(m, {
              id,
              userId: user.id,
              substituteId: body.substituteId,
              startsOn: body.startsOn,
              endsOn: body.endsOn,
            });
            await recordKey(m, id);
            const row = await findSubstitution(m, id);
            await this.audit(m, user, 'SUBSTITUTE_SET', row!);
          });
          return present((await findSubstitution(this.db, id))!);
        },
      },
    );
  }

  /** Ends one of the caller's substitutions now; revoking a revoked one changes nothing. 404 when it is not the caller's. */
  async revoke(user: AuthUser, id: string): Promise<void> {
    await this.db.transaction(async (m) => {
      const revoked = await revokeSubstitution(m, id, user.id);
      const row = await findSubstitution(m, id);
      if (!row || row.user_id !== user.id) throw notFound(`No substitution ${id} of yours`, 'SUBSTITUTION_NOT_FOUND');
      if (revoked) await this.audit(m, user, 'SUBSTITUTE_REVOKED', row);
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
      const other = await findUserAgency(this.db, body.substituteId);
      if (!other) errors.push({ field: 'substituteId', message: 'No user has this id' });
      else if (other.agency_code !== user.agencyCode)
        errors.push({ field: 'substituteId', message: `The substitute must be a member of ${user.agencyCode}` });
    }
    if (errors.length) throw badRequest('The substitution has invalid fields', errors);
  }

  private audit(m: EntityManager, user: AuthUser, action: 'SUBSTITUTE_SET' | 'SUBSTITUTE_REVOKED', row: SubstitutionRow): Promise<void> {
    return appendAudit(m, [
      {
        at: new Date().toISOString(),
        actor: { id: user.id, name: user.fullName, type: 'USER' },
        action,
        proposalId: null,
        stage: null,
        payload: {
          substitutionId: row.id,
          user: { id: row.user_id, fullName: row.user_name },
          substitute: { id: row.substitute_id, fullName: row.substitute_name },
          startsOn: row.starts_on,
          endsOn: row.ends_on,
        },
      },
    ]);
  }
}
