/**
 * Client validation of the proposal forms, mirroring the api's class-validator DTOs so a person learns of a
 * mistake before sending; the server stays the authority and its field errors are shown the same way.
 */
import { isCountryCode } from './countries';
import { formatDate, parseAmount, parseDisplayDate } from './format';
import { fieldErrorKey } from './problem-message';
import { allFields, isActive, valueAt, type FieldSpec, type FormValue, type FormValues, type Kind } from './proposal-schema';

/** One problem with one field: an i18n key and its parameters (translated by the page), or a server message. */
export interface Issue {
  field: string;
  key?: string;
  params?: Record<string, string | number>;
  message?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_639_1 = /^[a-z]{2}$/;
const MAX_SAFE_AMOUNT = Number.MAX_SAFE_INTEGER;

/** `vi, lo` / `vi lo` -> ['vi', 'lo'] */
export function parseLanguages(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
}

export function validateField(spec: FieldSpec, values: FormValues): Issue | null {
  const raw = values[spec.path];
  const field = spec.path;
  const str = typeof raw === 'string' ? raw : '';
  switch (spec.type) {
    case 'text': {
      if (!str.trim()) return spec.optional ? null : { field, key: 'validation.required' };
      if (spec.min && str.trim().length < spec.min) return { field, key: 'validation.minLength', params: { min: spec.min } };
      return str.length > spec.max ? { field, key: 'validation.maxLength', params: { max: spec.max } } : null;
    }
    case 'select':
      return spec.options.includes(str) ? null : { field, key: 'validation.choose' };
    case 'multi': {
      const list = Array.isArray(raw) ? raw : [];
      if (list.length === 0) return { field, key: 'validation.chooseAtLeastOne' };
      return list.every((v) => spec.options.includes(v)) && new Set(list).size === list.length ? null : { field, key: 'validation.choose' };
    }
    case 'int': {
      const n = /^\s*\d+\s*$/.test(str) ? Number(str) : NaN;
      return Number.isInteger(n) && n >= spec.min && n <= spec.max
        ? null
        : { field, key: 'validation.integerRange', params: { min: spec.min, max: spec.max } };
    }
    case 'amount': {
      if (!str.trim()) return { field, key: 'validation.required' };
      const n = parseAmount(str);
      return n !== null && n >= 0 && n <= MAX_SAFE_AMOUNT ? null : { field, key: 'validation.amount' };
    }
    case 'date':
      if (!str.trim()) return { field, key: 'validation.required' };
      return parseDisplayDate(str) ? null : { field, key: 'validation.date' };
    case 'country':
      return str && isCountryCode(str) ? null : { field, key: 'validation.country' };
    case 'bool':
      return typeof raw === 'boolean' ? null : { field, key: 'validation.choose' };
    case 'languages': {
      const list = parseLanguages(str);
      if (list.length === 0) return { field, key: 'validation.required' };
      if (!(list.length <= 10 && list.every((l) => ISO_639_1.test(l)))) return { field, key: 'validation.languages' };
      // An international agreement has a Vietnamese text (docs/api.md "Routing corrections").
      return list.includes('vi') ? null : { field, key: 'validation.languagesVi' };
    }
    case 'agreement':
      if (!isActive(spec, values)) return null;
      return UUID.test(str.trim()) ? null : { field, key: 'validation.relatedAgreement' };
  }
}

export function validateValues(kind: Kind, values: FormValues, withCommon = true): Issue[] {
  return allFields(kind, withCommon)
    .filter((f) => isActive(f, values))
    .map((f) => validateField(f, values))
    .filter((i): i is Issue => i !== null);
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] = (node[key] as Record<string, unknown> | undefined) ?? {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}

function convert(spec: FieldSpec, raw: FormValue): unknown {
  const str = typeof raw === 'string' ? raw.trim() : raw;
  switch (spec.type) {
    case 'int':
      return Number(str);
    case 'amount':
      return parseAmount(String(raw));
    case 'date':
      return parseDisplayDate(String(raw));
    case 'country':
      return String(str).toUpperCase();
    case 'languages':
      return parseLanguages(String(raw));
    default:
      return str;
  }
}

/** The form as the api's proposal body (`details` nested by path); empty optional fields are left out. */
export function toBody(
  kind: Kind,
  values: FormValues,
): { kind: Kind; title: string; summary: string; procedure: string; urgency: string; details: Record<string, unknown> } {
  const body: Record<string, unknown> = { kind };
  for (const spec of allFields(kind)) {
    if (!isActive(spec, values)) continue;
    const raw = values[spec.path];
    if (raw === undefined || (spec.type === 'text' && spec.optional && typeof raw === 'string' && !raw.trim())) continue;
    setPath(body, spec.path.split('.'), convert(spec, raw));
  }
  body.details ??= {};
  return body as ReturnType<typeof toBody>;
}

/** A saved dossier back into form values (to answer a supplement or revision request). */
export function valuesFromDossier(
  kind: Kind,
  content: { title: string; summary: string; details: Record<string, unknown> },
  extra: { procedure?: string; urgency?: string } = {},
): FormValues {
  const source = { ...content, ...extra } as Record<string, unknown>;
  const values: FormValues = {};
  for (const spec of allFields(kind)) {
    const v = valueAt(source, spec.path);
    switch (spec.type) {
      case 'bool':
        values[spec.path] = v === true;
        break;
      case 'multi':
        values[spec.path] = Array.isArray(v) ? v.map(String) : [];
        break;
      case 'date':
        values[spec.path] = typeof v === 'string' ? formatDate(v) : '';
        break;
      case 'languages':
        values[spec.path] = Array.isArray(v) ? v.join(', ') : '';
        break;
      default:
        values[spec.path] = v === undefined || v === null ? '' : String(v);
    }
  }
  values.procedure ||= 'STANDARD';
  values.urgency ||= 'NORMAL';
  return values;
}

/** Field errors from the server, with `changes.` (a RESUBMIT body) stripped so they land on the form's fields. */
export function serverIssues(errors: { field: string; message: string }[], prefix = '', code?: string): Issue[] {
  // A coded refusal reads as its code's message (lib/problem-message), with the server's words when the catalogs lack the code.
  const key = fieldErrorKey(code);
  return errors.map((e) => ({
    field: prefix && e.field.startsWith(prefix) ? e.field.slice(prefix.length) : e.field,
    ...(key ? { key, params: { defaultValue: e.message } } : { message: e.message }),
  }));
}
