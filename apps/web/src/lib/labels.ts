import type { TFunction } from 'i18next';

/** An enum value's label (`status.INTAKE`), or the value itself when the catalog does not know it yet. */
export function label(t: TFunction, group: string, value: string | null | undefined): string {
  if (!value) return '';
  return t(`${group}.${value}`, { defaultValue: value });
}

/** Who acts on a task: a central body recorded by an agency (MOFA via SNgV), or the agency itself. */
export function agencyLabel(t: TFunction, code: string, fallbackName?: string): string {
  return t(`agency.${code}`, { defaultValue: fallbackName ?? code });
}

export function consulteeLabel(
  t: TFunction,
  task: { candidateAgency: { code: string; name?: string } | string; externalBody?: string },
): string {
  if (task.externalBody) return t(`externalBody.${task.externalBody}`, { defaultValue: task.externalBody });
  const agency = typeof task.candidateAgency === 'string' ? { code: task.candidateAgency } : task.candidateAgency;
  return agencyLabel(t, agency.code, 'name' in agency ? agency.name : undefined);
}

export function clockLabel(t: TFunction, clock: { type: string; length: number }): string {
  return t(clock.type === 'CALENDAR_DAYS' ? 'clock.calendarDays' : 'clock.workingDays', { count: clock.length });
}
