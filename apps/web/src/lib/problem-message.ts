/**
 * The one place an api error (a problem+json answer, or a network failure) becomes words for people (docs/api.md,
 * "Error codes"); every error shown in the app goes through here (ProblemAlert, useSubmit's field errors, the upload
 * field, the login failure). Its `code` picks the message in the i18n catalogs (`problem.<CODE>`); an answer without a
 * code the catalogs know gets the message of its status. The api's `detail` is English text for developers: a
 * Vietnamese reader never sees it (an English reader only where the catalogs have nothing better).
 *
 * Field errors stay on their fields. A field refused for a coded reason (an unusable attachment, a decision the task
 * does not allow, a bad Idempotency-Key...) reads as its code's message; a plain validation failure
 * (VALIDATION_FAILED and the like) has one reason per field that no single message covers, so the field keeps the
 * server's words, as before codes existed.
 */
import type { ApiError } from './api';
import type { FieldError, Problem } from './types';

/** The few i18next calls this needs (useTranslation's `t` and `i18n.exists`), so it is testable without React. */
export interface ProblemI18n {
  t: (key: string, options?: Record<string, unknown>) => string;
  exists: (key: string) => boolean;
  language: string;
}

/** The heading of an error alert, by status (status 0: the server was not reached). */
export function problemTitleKey(status: number): string {
  return status === 0
    ? 'error.network'
    : status === 403
      ? 'error.forbidden'
      : status === 404
        ? 'error.notFound'
        : status === 409
          ? 'error.conflict'
          : status === 400
            ? 'error.invalid'
            : 'error.generic';
}

/** The generic message of a status, for answers whose code the catalogs do not know (or that have none). */
export function statusMessageKey(status: number): string {
  if (status === 401) return 'error.unauthenticated';
  if (status === 413) return 'error.tooLarge';
  if (status === 429) return 'error.throttled';
  if (status >= 500) return 'error.unavailable';
  return problemTitleKey(status);
}

export const problemKey = (code: string): string => `problem.${code}`;

/** The message for a problem: its code's, else (for an English reader) the server's detail, else its status's. */
export function problemMessage(i18n: ProblemI18n, problem: Pick<Problem, 'status' | 'code' | 'detail'>): string {
  if (problem.status !== 0 && problem.code && i18n.exists(problemKey(problem.code))) return i18n.t(problemKey(problem.code));
  if (problem.status !== 0 && problem.detail && i18n.language.startsWith('en')) return problem.detail;
  return i18n.t(statusMessageKey(problem.status));
}

/** An error as people read it, for an alert: a title by status, the message of its code, and its field errors by field. */
export interface ProblemDescription {
  title: string;
  /** The code's (or status's) message, when it says more than the title. */
  detail?: string;
  fields: { field: string; label: string; message: string }[];
}

export function describeProblem(i18n: ProblemI18n, error: ApiError): ProblemDescription {
  const title = i18n.t(problemTitleKey(error.status));
  const message = problemMessage(i18n, { ...error.problem, status: error.status });
  // A network failure has no field errors worth showing (its problem is made up on this side).
  const fields =
    error.status === 0
      ? []
      : error.fieldErrors.map((f) => ({
          field: f.field,
          label: fieldLabel(i18n, f.field),
          message: fieldErrorMessage(i18n, error.problem.code, f),
        }));
  return message !== title ? { title, detail: message, fields } : { title, fields };
}

/**
 * Codes whose field errors each give their own reason, which no one message covers, so their fields keep the
 * server's: plain validation failures, a plan's rows, a route the routing policy refuses (the policy's own words,
 * citing its legal basis), and an edXML package the reader refuses (what is wrong with each element).
 */
const PER_FIELD_REASONS = new Set(['BAD_REQUEST', 'VALIDATION_FAILED', 'PLAN_INVALID', 'ROUTE_REFUSED', 'EDXML_INVALID']);

/** The catalog key a field refused under `code` reads as, or null when the field keeps the server's message. */
export function fieldErrorKey(code: string | undefined): string | null {
  return code && !PER_FIELD_REASONS.has(code) ? problemKey(code) : null;
}

/** A field error's message: its code's (the server's words when the catalogs do not know the code), or the server's. */
export function fieldErrorMessage(i18n: Pick<ProblemI18n, 't'>, code: string | undefined, error: FieldError): string {
  const key = fieldErrorKey(code);
  return key ? i18n.t(key, { defaultValue: error.message }) : error.message;
}

/** A field's label: the form's own (`field.<path>`) when the catalogs have one, else the path as sent. */
export function fieldLabel(i18n: Pick<ProblemI18n, 't' | 'exists'>, field: string): string {
  return i18n.exists(`field.${field}`) ? i18n.t(`field.${field}`) : field;
}

/** A problem's field errors as field -> message (the last one when a field has several), for a form's error state. */
export function fieldMessages(i18n: Pick<ProblemI18n, 't'>, problem: Pick<Problem, 'code' | 'errors'>): Record<string, string> {
  return Object.fromEntries((problem.errors ?? []).map((e) => [e.field, fieldErrorMessage(i18n, problem.code, e)]));
}
