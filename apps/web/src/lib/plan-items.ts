import type { TFunction } from 'i18next';
import type { PlanItemStatus } from '@accord/domain/plans/plan-item-schedule';
import { agencyLabel } from './labels';
import type { PlanAgency } from './types';

/** Display order of a plan item's statuses (blocked items before done ones, unlike the domain's list). */
export const PLAN_ITEM_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'BLOCKED', 'DONE'] as const satisfies readonly PlanItemStatus[];

/** A plan item's lead or coordinator: an agency group by its catalog name, or an agency. */
export function leadLabel(t: TFunction, lead: PlanAgency): string {
  return lead.group ? t(`planGroup.${lead.code}`, { defaultValue: lead.name }) : agencyLabel(t, lead.code, lead.name);
}
