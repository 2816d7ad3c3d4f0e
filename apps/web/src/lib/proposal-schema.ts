/**
 * The proposal forms, declared once: what each kind asks for and the constraints of the api's DTOs
 * (apps/api/src/proposals/dto/*.ts). The enums come from libs/domain, the same source the DTOs use, so the
 * client cannot offer a value the server refuses. Field paths are the server's (`details.counterpart.country`),
 * so a field error from a problem+json body lands on the field that caused it.
 */
import {
  AGREEMENT_ACTIONS,
  COOPERATION_FIELDS,
  COUNTERPART_TYPES,
  MECHANISM_TYPES,
  OFFICE_FUNCTIONS,
  PARTICIPATION_LEVELS,
  PROCEDURES,
  PROPOSAL_KINDS,
  SIGNING_LEVELS,
  URGENCIES,
} from '@accord/domain/proposal/proposal.types';

export { PROPOSAL_KINDS };
export type Kind = (typeof PROPOSAL_KINDS)[number];

/** DTO limits (proposal-details.dto.ts, create-proposal.dto.ts). */
export const LIMITS = { title: 500, summary: 5000, name: 300, city: 200, text: 20_000 } as const;

export type FieldSpec =
  | { path: string; type: 'text'; max: number; min?: number; optional?: boolean; multiline?: boolean }
  | { path: string; type: 'select'; options: readonly string[]; labels: string }
  | { path: string; type: 'multi'; options: readonly string[]; labels: string }
  | { path: string; type: 'int'; min: number; max: number }
  | { path: string; type: 'amount' }
  | { path: string; type: 'date' }
  | { path: string; type: 'country' }
  | { path: string; type: 'bool' }
  | { path: string; type: 'languages' }
  /** The registered agreement an AMEND, EXTEND or TERMINATE refers to (required then, hidden for SIGN). */
  | { path: string; type: 'agreement' };

export interface Section {
  /** i18n key of the fieldset's legend. */
  legend: string;
  fields: FieldSpec[];
}

export type FormValue = string | string[] | boolean;
export type FormValues = Record<string, FormValue>;

const text = (
  path: string,
  max: number = LIMITS.text,
  extra: { optional?: boolean; multiline?: boolean } = { multiline: true },
): FieldSpec => ({
  path,
  type: 'text',
  max,
  ...extra,
});

export const COMMON_SECTION: Section = {
  legend: 'section.general',
  fields: [
    { path: 'title', type: 'text', max: LIMITS.title },
    { path: 'summary', type: 'text', max: LIMITS.summary, multiline: true },
    { path: 'procedure', type: 'select', options: PROCEDURES, labels: 'procedure' },
    // docs/api.md "Routing corrections": required with SHORTENED, at least 20 characters.
    { path: 'shortenedReason', type: 'text', min: 20, max: LIMITS.summary, multiline: true },
    { path: 'urgency', type: 'select', options: URGENCIES, labels: 'urgency' },
  ],
};

export const SECTIONS: Record<Kind, Section[]> = {
  INTERNATIONAL_AGREEMENT: [
    {
      legend: 'section.agreement',
      fields: [
        { path: 'details.action', type: 'select', options: AGREEMENT_ACTIONS, labels: 'action' },
        { path: 'details.relatedAgreementId', type: 'agreement' },
        { path: 'details.level', type: 'select', options: SIGNING_LEVELS, labels: 'level' },
        { path: 'details.fields', type: 'multi', options: COOPERATION_FIELDS, labels: 'coopField' },
        { path: 'details.proposedSigningDate', type: 'date' },
        { path: 'details.proposedSigningPlace', type: 'text', max: LIMITS.name, optional: true },
        { path: 'details.termMonths', type: 'int', min: 1, max: 600 },
        { path: 'details.languages', type: 'languages' },
      ],
    },
    {
      legend: 'section.counterpart',
      fields: [
        { path: 'details.counterpart.name', type: 'text', max: LIMITS.name },
        { path: 'details.counterpart.country', type: 'country' },
        { path: 'details.counterpart.type', type: 'select', options: COUNTERPART_TYPES, labels: 'counterpartType' },
      ],
    },
    {
      legend: 'section.flags',
      fields: [
        { path: 'details.touchesDefence', type: 'bool' },
        { path: 'details.touchesSecurity', type: 'bool' },
        { path: 'details.touchesInvestment', type: 'bool' },
        { path: 'details.borderArea', type: 'bool' },
      ],
    },
    {
      legend: 'section.dossier',
      fields: [
        text('details.purpose'),
        text('details.mainContent'),
        text('details.legalConformity'),
        text('details.impactAssessment'),
        text('details.principles', LIMITS.text, { optional: true, multiline: true }),
        text('details.feasibility'),
      ],
    },
  ],
  MECHANISM_PARTICIPATION: [
    {
      legend: 'section.mechanism',
      fields: [
        { path: 'details.mechanismName', type: 'text', max: LIMITS.name },
        { path: 'details.mechanismType', type: 'select', options: MECHANISM_TYPES, labels: 'mechanismType' },
        { path: 'details.host', type: 'text', max: LIMITS.name },
        { path: 'details.participationLevel', type: 'select', options: PARTICIPATION_LEVELS, labels: 'participationLevel' },
        { path: 'details.annualFeeVnd', type: 'amount' },
        { path: 'details.termMonths', type: 'int', min: 1, max: 600 },
      ],
    },
    { legend: 'section.dossier', fields: [text('details.obligations'), text('details.justification')] },
  ],
  OVERSEAS_OFFICE: [
    {
      legend: 'section.office',
      fields: [
        { path: 'details.hostCountry', type: 'country' },
        { path: 'details.city', type: 'text', max: LIMITS.city },
        { path: 'details.functions', type: 'multi', options: OFFICE_FUNCTIONS, labels: 'officeFunction' },
        { path: 'details.staffing', type: 'int', min: 1, max: 10_000 },
        { path: 'details.annualBudgetVnd', type: 'amount' },
        { path: 'details.pilotTermMonths', type: 'int', min: 1, max: 60 },
      ],
    },
    { legend: 'section.dossier', fields: [text('details.hostArrangement'), text('details.justification')] },
  ],
};

/** The value at a dotted field path (`details.counterpart.name`) of a dossier or form body; undefined when absent. */
export function valueAt(source: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), source);
}

export function allFields(kind: Kind, withCommon = true): FieldSpec[] {
  return [...(withCommon ? COMMON_SECTION.fields : []), ...SECTIONS[kind].flatMap((s) => s.fields)];
}

/** Whether a field applies given the other answers (the related agreement only for AMEND/EXTEND/TERMINATE). */
export function isActive(spec: FieldSpec, values: FormValues): boolean {
  if (spec.type === 'agreement') return values['details.action'] !== 'SIGN';
  if (spec.path === 'shortenedReason') return values.procedure === 'SHORTENED';
  return true;
}

export function emptyValues(kind: Kind): FormValues {
  const values: FormValues = {};
  for (const f of allFields(kind)) values[f.path] = f.type === 'bool' ? false : f.type === 'multi' ? [] : '';
  values.procedure = 'STANDARD';
  values.urgency = 'NORMAL';
  if (kind === 'INTERNATIONAL_AGREEMENT') {
    values['details.action'] = 'SIGN';
    values['details.languages'] = 'vi';
  }
  return values;
}
