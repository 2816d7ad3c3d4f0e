/**
 * Reads the rows of an implementation plan (JSON items or the rows of the appendix spreadsheet) into plan items,
 * checking every row and collecting every problem as a field error `items.<i>.<field>`, so one 400 lists them all.
 */
import { AgencyDirectory, LEAD_GROUPS, parseTimeFrame, type AgencyGroup } from '@accord/domain';
import type { NewPlanItem } from '@accord/persistence';
import type { FieldError } from '../common/problem-details.filter';

export const PLAN_ITEM_FIELDS = ['no', 'task', 'leadAgency', 'coordinatingAgencies', 'timeFrame', 'output'] as const;
export const MAX_PLAN_ITEMS = 500;

/** A checked plan item: what the plans repository inserts. */
export type ParsedPlanItem = NewPlanItem;

/** Where a row came from, for messages: "row 7" of a spreadsheet. */
export type RowLabel = (index: number) => string;

const TIME_FRAME_HINT =
  'e.g. "Thường xuyên", "Hàng năm", "Quý II/2026", "Tháng 6/2026", "Năm 2026", "15/11/2026", "Giai đoạn 2026 - 2030 và hằng năm", "Định kỳ"';

function text(value: unknown): string | null {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** "1", "1.", 1 -> 1. */
function itemNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 ? value : null;
  if (typeof value !== 'string') return null;
  const m = /^\s*(\d{1,4})\s*[.)]?\s*$/.exec(value);
  return m ? Number(m[1]) : null;
}

export function readPlanItems(
  raw: unknown[],
  directory: AgencyDirectory,
  label: RowLabel = (i) => `item ${i + 1}`,
): { items: ParsedPlanItem[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const items: ParsedPlanItem[] = [];
  const seenNumbers = new Map<number, number>();
  raw.forEach((row, i) => {
    const at = (field: string, message: string) => errors.push({ field: `items.${i}.${field}`, message: `${label(i)}: ${message}` });
    if (row === null || typeof row !== 'object' || Array.isArray(row)) {
      errors.push({ field: `items.${i}`, message: `${label(i)}: must be an object with ${PLAN_ITEM_FIELDS.join(', ')}` });
      return;
    }
    const r = row as Record<string, unknown>;
    for (const key of Object.keys(r)) if (!(PLAN_ITEM_FIELDS as readonly string[]).includes(key)) at(key, `unknown field ${key}`);
    const before = errors.length;

    const no = itemNumber(r.no);
    if (no === null) at('no', 'no must be a whole number from 1 (STT)');
    else if (seenNumbers.has(no)) at('no', `no ${no} repeats item ${seenNumbers.get(no)! + 1}`);
    else seenNumbers.set(no, i);

    const task = text(r.task);
    if (!task) at('task', 'task (Nhiệm vụ) is required');
    else if (task.length > 4000) at('task', 'task is longer than 4000 characters');

    const leadText = text(r.leadAgency);
    let lead: { code: string; group: boolean } | null = null;
    if (!leadText) at('leadAgency', 'leadAgency (Cơ quan chủ trì) is required');
    else {
      const found = directory.find(leadText);
      if (found && (!found.group || LEAD_GROUPS.includes(found.code as AgencyGroup))) lead = found;
      else if (found)
        at('leadAgency', `${found.name} cannot lead an item; name one agency, "Các sở, ban, ngành, địa phương" or the proposing agency`);
      else {
        const listed = directory.matchList(leadText);
        at(
          'leadAgency',
          listed.matched.length > 1 && !listed.unknown.length
            ? `one lead agency expected, found ${listed.matched.map((m) => m.name).join(', ')}`
            : `no agency is named "${leadText}" (give its code, e.g. HT-SNGV, or its Vietnamese name)`,
        );
      }
    }

    let coordinatingText = '';
    let coordinatingCodes: string[] = [];
    const coordinating = r.coordinatingAgencies;
    if (coordinating !== undefined && coordinating !== null) {
      const parts = Array.isArray(coordinating) ? coordinating : [coordinating];
      if (!parts.every((p) => typeof p === 'string')) at('coordinatingAgencies', 'coordinatingAgencies must be text or a list of texts');
      else {
        coordinatingText = parts
          .map((p) => (p as string).trim())
          .filter(Boolean)
          .join(', ');
        const matched = parts.map((p) => directory.matchList(p as string));
        const unknown = matched.flatMap((m) => m.unknown);
        if (unknown.length) at('coordinatingAgencies', `no agency is named ${unknown.map((u) => `"${u}"`).join(', ')}`);
        coordinatingCodes = [...new Set(matched.flatMap((m) => m.matched.map((a) => a.code)))].filter((c) => c !== lead?.code);
      }
    }

    const timeFrame = text(r.timeFrame);
    const timing = timeFrame ? parseTimeFrame(timeFrame) : null;
    if (!timeFrame) at('timeFrame', 'timeFrame (Thời gian thực hiện) is required');
    else if (!timing) at('timeFrame', `cannot read the time frame "${timeFrame}" (${TIME_FRAME_HINT})`);

    const output = r.output === undefined || r.output === null ? '' : text(r.output);
    if (output === null) at('output', 'output (Sản phẩm đầu ra) must be text');

    if (errors.length > before) return;
    items.push({
      no: no!,
      task: task!,
      leadAgencyCode: lead!.group ? null : lead!.code,
      leadGroup: lead!.group ? (lead!.code as AgencyGroup) : null,
      leadText: leadText!,
      coordinatingCodes,
      coordinatingText,
      timeFrame: timeFrame!,
      ...timing!,
      output: output!,
    });
  });
  return { items, errors };
}
