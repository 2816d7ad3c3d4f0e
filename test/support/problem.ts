/**
 * The shared check on every problem+json the black-box suites receive (docs/api.md, "Error codes"): it carries a
 * `code` from the catalogue, and that code's status is the one sent. ApiClient applies it to every answer, so a refusal
 * without a code fails whichever suite meets it; suites that call fetch themselves use it directly.
 */
import { ERROR_CODES, isErrorCode } from '@accord/domain/errors/error-codes';

export const isProblemJson = (contentType: string | null | undefined): boolean => /application\/problem\+json/.test(contentType ?? '');

/** What is wrong with this answer's code, or null when it is fine (or the answer is not problem+json). */
export function problemCodeFlaw(status: number, contentType: string | null | undefined, body: unknown): string | null {
  if (!isProblemJson(contentType)) return null;
  const code = body !== null && typeof body === 'object' ? (body as { code?: unknown }).code : undefined;
  if (!isErrorCode(code)) return `problem+json ${status} without a catalogue code: ${JSON.stringify(body).slice(0, 300)}`;
  if (ERROR_CODES[code] !== status) return `problem+json ${status} with code ${code}, whose status is ${ERROR_CODES[code]}`;
  return null;
}

/** Throws when a problem+json answer lacks a catalogue code matching its status. */
export function assertProblemCode(status: number, contentType: string | null | undefined, body: unknown, what = ''): void {
  const flaw = problemCodeFlaw(status, contentType, body);
  if (flaw) throw new Error(`${what ? `${what}: ` : ''}${flaw}`);
}
