import { provinceAgency } from '@accord/domain';
import type { AuthUser } from '../auth/auth-user';
import { hasRole } from '../auth/auth-user';

/**
 * Who may see what, decided in one place (role x agency x relation to the proposal).
 * LEADER, ADMIN and AUDITOR see every proposal; a submitter its agency's; a reviewer those routed to its agency.
 */
export function seesAllProposals(user: AuthUser): boolean {
  return hasRole(user, 'LEADER', 'ADMIN', 'AUDITOR');
}

/** SQL condition over alias `p` (proposal) limiting rows to those the user may see; `$n` placeholders start at `from`. */
export function visibleProposalsSql(user: AuthUser, from: number): { sql: string; params: unknown[] } {
  if (seesAllProposals(user)) return { sql: 'TRUE', params: [] };
  if (!user.agencyCode) return { sql: 'FALSE', params: [] };
  // OFFSET 0 keeps the EXISTS a per-row probe of task_proposal_agency_idx. Without it Postgres may plan a "hashed
  // SubPlan" that first reads every task the agency ever had (125k at 1M tasks: 140-190 ms on each page of
  // GET /proposals) where a page ordered by date needs a few dozen probes (under 1 ms). docs/benchmarks.md has both.
  return {
    sql: `(p.submitting_agency_code = $${from} OR EXISTS (SELECT 1 FROM task vt WHERE vt.proposal_id = p.id AND vt.candidate_agency_code = $${from} OFFSET 0))`,
    params: [user.agencyCode],
  };
}

/**
 * A candidate for a task is a member of its candidate agency; with an assignee, only the assignee acts — or whoever
 * stands in for the assignee today (`absentees`: the users who named `user` their out-of-office substitute).
 */
export function mayActOnTask(
  user: AuthUser,
  task: { candidateAgencyCode: string; assigneeId: string | null },
  absentees: readonly string[] = [],
): boolean {
  if (user.agencyCode !== task.candidateAgencyCode) return false;
  return task.assigneeId === null || task.assigneeId === user.id || absentees.includes(task.assigneeId);
}

/** The agency that consolidates periodic reports and follows up implementation plans (Decree 11/2020 coordination role). */
export const coordinatingAgency = (province: string): string => provinceAgency(province, 'SNGV');

/**
 * Who reads what an agency wrote in its own periodic report or plan-item update (the comment or note, and the
 * attachment ids): that agency's members, the province's coordinating agency (its SNGV: it consolidates them), LEADER, ADMIN and
 * AUDITOR. Every other reader of GET /report-cycles/:id and GET /plans/:id sees that a report or update exists, its
 * status, dates and author, but `comment`/`note` null and `attachmentIds` empty: another agency's working notes and
 * file ids are not theirs to read (issue 12, item 1).
 */
export function seesAgencyReportContent(user: AuthUser, agencyCode: string | null): boolean {
  if (hasRole(user, 'LEADER', 'ADMIN', 'AUDITOR')) return true;
  if (!user.agencyCode) return false;
  return user.agencyCode === coordinatingAgency(user.province) || (agencyCode !== null && user.agencyCode === agencyCode);
}
