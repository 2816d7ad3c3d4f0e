import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { appendAudit, assignTask, claimTask, findTask, findUserAgency, releaseTask, type TaskRow } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { hasRole } from '../auth/auth-user';
import { badRequest, conflict, forbidden, notFound } from '../common/problem-details.filter';
import { absenteesOf } from '../substitutes/stand-in';
import { presentTask } from './task.presenter';

type Action = 'TASK_CLAIMED' | 'TASK_UNCLAIMED' | 'TASK_ASSIGNED';

/**
 * Who holds a task: claim, unclaim, assign. These live only on the read side (the workflow does not care who
 * of an agency acts; the api enforces "only the assignee" at completion). Each change is one conditional
 * UPDATE plus its audit row in the same transaction, so of two racing claims exactly one wins.
 */
@Injectable()
export class TasksAssignmentService {
  constructor(private readonly db: DataSource) {}

  /** A member of the candidate agency takes the task; taking it again is a no-op. */
  async claim(user: AuthUser, id: string) {
    const task = await this.requireTask(this.db.manager, id);
    if (user.agencyCode !== task.candidate_agency_code) {
      throw forbidden(`Only members of ${task.candidate_agency_code} may claim this task`, 'candidate-agency', 'NOT_CANDIDATE');
    }
    return this.db.transaction(async (m) => {
      const taken = await claimTask(m, id, user.id);
      const now = await this.requireTask(m, id);
      if (!taken) {
        // Lost the race or nothing to claim: read what is there now (READ COMMITTED sees the winner's commit).
        this.refuseUnlessOpen(now);
        // Held by the caller, or by someone the caller stands in for today: as if already the caller's, a no-op.
        const mine = now.assignee_id === user.id || (now.assignee_id !== null && (await absenteesOf(m, user.id)).includes(now.assignee_id));
        if (!mine) throw conflict(`The task is claimed by ${now.assignee_name ?? 'someone else'}`, 'TASK_CLAIMED');
        return presentTask(now);
      }
      await this.audit(m, user, 'TASK_CLAIMED', now, null);
      return presentTask(now);
    });
  }

  /** The holder lets go; the candidate agency's head or an administrator may take it off anyone. */
  async unclaim(user: AuthUser, id: string) {
    const task = await this.requireTask(this.db.manager, id);
    const admin = hasRole(user, 'ADMIN');
    const member = user.agencyCode === task.candidate_agency_code;
    if (!member && !admin)
      throw forbidden(`Only members of ${task.candidate_agency_code} may unclaim this task`, 'candidate-agency', 'NOT_CANDIDATE');
    const supervisor = admin || (member && hasRole(user, 'AGENCY_HEAD'));
    // The holder, or whoever stands in for the holder today, may let go.
    const holders = [user.id, ...(member ? await absenteesOf(this.db, user.id) : [])];
    return this.db.transaction(async (m) => {
      const released = await releaseTask(m, id, holders, supervisor);
      const now = await this.requireTask(m, id);
      if (!released) {
        this.refuseUnlessOpen(now);
        if (now.assignee_id !== null) throw conflict(`The task is claimed by ${now.assignee_name ?? 'someone else'}`, 'TASK_CLAIMED');
        return presentTask(now); // nobody holds it: nothing to undo
      }
      await this.audit(m, user, 'TASK_UNCLAIMED', now, released.previous);
      return presentTask(now);
    });
  }

  /** The candidate agency's head (or an administrator) gives the task to a member of that agency. */
  async assign(user: AuthUser, id: string, userId: string) {
    const task = await this.requireTask(this.db.manager, id);
    const head = hasRole(user, 'AGENCY_HEAD') && user.agencyCode === task.candidate_agency_code;
    if (!head && !hasRole(user, 'ADMIN')) {
      throw forbidden(
        `Only the head of ${task.candidate_agency_code} or an administrator may assign this task`,
        'agency-head',
        'NOT_AGENCY_HEAD',
      );
    }
    const assignee = await findUserAgency(this.db, userId);
    if (!assignee || assignee.agency_code !== task.candidate_agency_code) {
      const message = assignee ? `The user is not a member of ${task.candidate_agency_code}` : 'No user has this id';
      throw badRequest(message, [{ field: 'userId', message }]);
    }
    return this.db.transaction(async (m) => {
      const assigned = await assignTask(m, id, userId);
      const now = await this.requireTask(m, id);
      if (!assigned) {
        this.refuseUnlessOpen(now);
        throw conflict('The task changed meanwhile; try again', 'TASK_CHANGED');
      }
      if (assigned.previous !== userId) await this.audit(m, user, 'TASK_ASSIGNED', now, assigned.previous);
      return presentTask(now);
    });
  }

  private async requireTask(m: EntityManager, id: string): Promise<TaskRow> {
    const row = await findTask(m, id);
    if (!row) throw notFound(`No task ${id}`, 'TASK_UNKNOWN');
    return row;
  }

  private refuseUnlessOpen(task: TaskRow): void {
    if (task.status !== 'OPEN') throw conflict(`The task is already ${task.status.toLowerCase()}`, 'TASK_NOT_OPEN');
  }

  private async audit(m: EntityManager, user: AuthUser, action: Action, task: TaskRow, previousAssigneeId: string | null): Promise<void> {
    const workflowId = task.proposal_workflow_id;
    return appendAudit(m, [
      {
        at: new Date().toISOString(),
        actor: { id: user.id, name: user.fullName, type: 'USER' },
        action,
        proposalId: task.proposal_id,
        stage: task.stage,
        workflowId,
        payload: {
          taskId: task.id,
          kind: task.kind,
          candidateAgency: task.candidate_agency_code,
          assignee: task.assignee_id ? { id: task.assignee_id, fullName: task.assignee_name } : null,
          previousAssigneeId,
        },
      },
    ]);
  }
}
