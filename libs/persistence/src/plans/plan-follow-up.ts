import type { DataSource } from 'typeorm';
import { endOfDayInstant, isoDateInVietnam, provinceAgency } from '@accord/domain';
import { requireProvince } from '../tenancy/tenancy';
import type { PlanFollowUpResult } from '@accord/temporal/contracts';
import { appendAudit } from '../audit/audit-chain';
import { insertNotifications } from '../projection/apply-transition';
import { updateReturning } from '../sql/update-returning';
import { loadPlanItems, planItemClock } from './plan-item-rows';

/** The agency that follows the plan up (the Hà Tĩnh plan: Sở Ngoại vụ); told about items led by a group of agencies. */
/** Follows up a plan item without a lead agency: the province's foreign-affairs department. */
export const planFollowUpAgency = (): string => provinceAgency(requireProvince(), 'SNGV');

/**
 * One follow-up pass over a plan at `at`: each item overdue for a due day it was not yet escalated for is flagged
 * (audit), its lead agency told, and the agency's head escalated to — once per due day; for a group lead the
 * follow-up agency takes its place. Returns when the next item can fall due.
 */
export async function followUpPlan(dataSource: DataSource, request: { planId: string; at: string }): Promise<PlanFollowUpResult> {
  const today = isoDateInVietnam(new Date(request.at));
  return dataSource.transaction(async (m) => {
    const items = await loadPlanItems(m, 'i.plan_id = $1', [request.planId]);
    let escalated = 0;
    let next: string | null = null;
    for (const item of items) {
      const { dueOn, overdue } = planItemClock(item, today);
      if (!dueOn) continue;
      if (!overdue) {
        const end = new Date(Date.parse(endOfDayInstant(dueOn)) + 1).toISOString();
        if (!next || end < next) next = end;
        continue;
      }
      if (item.escalated_due_on === dueOn) continue;
      const claimed = await updateReturning(
        m,
        `UPDATE plan_item SET escalated_due_on = $2 WHERE id = $1 AND escalated_due_on IS DISTINCT FROM $2::date RETURNING id`,
        [item.id, dueOn],
      );
      if (!claimed.length) continue;
      escalated += 1;
      const agencyCode = item.lead_agency_code ?? planFollowUpAgency();
      const params = { planId: item.plan_id, itemId: item.id, no: item.no, task: item.task, dueOn, planTitle: item.plan_title };
      await insertNotifications(m, { proposalId: null, at: request.at }, [
        { kind: 'PLAN_ITEM_OVERDUE', agencyCode, audience: 'AGENCY', params },
        { kind: 'PLAN_ITEM_ESCALATED', agencyCode, audience: 'AGENCY_HEAD', params },
      ]);
      const payload = {
        planId: item.plan_id,
        itemId: item.id,
        no: item.no,
        dueOn,
        lead: item.lead_agency_code ?? item.lead_group,
        status: item.status,
      };
      await appendAudit(m, [
        {
          at: request.at,
          actor: { id: 'system', name: 'Accord', type: 'SYSTEM' },
          action: 'PLAN_ITEM_OVERDUE',
          proposalId: null,
          stage: null,
          payload,
        },
        {
          at: request.at,
          actor: { id: 'system', name: 'Accord', type: 'SYSTEM' },
          action: 'PLAN_ITEM_ESCALATED',
          proposalId: null,
          stage: null,
          payload: { ...payload, to: 'AGENCY_HEAD', agencyCode },
        },
      ]);
    }
    return { escalated, nextCheckAt: next };
  });
}
