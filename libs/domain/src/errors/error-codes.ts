/**
 * The error codes of the api (docs/api.md, "Error codes"): every problem+json it sends carries one as `code`, a stable
 * UPPER_SNAKE string a client can switch on (the web app translates it), while `title` and `detail` stay English
 * text for people reading logs. This object is the one place a code gets its HTTP status: the api builds its
 * problems from a code, so a code never leaves with another status. Shared with apps/web, which imports it.
 *
 * Codes are stable: add new ones, never rename or reuse one. The workflow's update rejections keep their names
 * (UpdateRejection in libs/temporal: TASK_NOT_OPEN, FOUR_EYES, ...).
 */
export const ERROR_CODES = {
  // 400: the request itself is wrong; nothing was changed.
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  UNSAFE_INPUT: 400,
  MALFORMED_JSON: 400,
  INVALID_ID: 400,
  INVALID_CURSOR: 400,
  IDEMPOTENCY_KEY_INVALID: 400,
  ATTACHMENT_NOT_USABLE: 400,
  UPLOAD_INVALID: 400,
  FILE_TOO_LARGE: 400,
  FILE_TYPE_NOT_ALLOWED: 400,
  PLAN_INVALID: 400,
  ROUTE_REFUSED: 400,
  NO_ROUTE: 400,
  KIND_NOT_YET_ACCEPTED: 400,
  DECISION_NOT_ALLOWED: 400,
  INVALID_INPUT: 400,
  OIDC_STATE_INVALID: 400,
  OIDC_CALLBACK_FAILED: 400,
  EDXML_INVALID: 400,
  // 401: who is calling is not established.
  AUTHENTICATION_REQUIRED: 401,
  ACCESS_TOKEN_INVALID: 401,
  SESSION_EXPIRED: 401,
  REFRESH_TOKEN_INVALID: 401,
  INVALID_CREDENTIALS: 401,
  // 403: known caller, not allowed.
  FORBIDDEN: 403,
  ROLE_REQUIRED: 403,
  NOT_CANDIDATE: 403,
  FOUR_EYES: 403,
  NOT_AGENCY_HEAD: 403,
  NOT_AGENCY_MEMBER: 403,
  NOT_SUBMITTING_AGENCY: 403,
  NOT_LEAD_AGENCY: 403,
  NOT_PLAN_IMPORTER: 403,
  NOT_CONSOLIDATOR: 403,
  OIDC_ACCOUNT_REFUSED: 403,
  NOT_DOCUMENT_ISSUER: 403,
  NOT_REGISTER_READER: 403,
  NOT_EDXML_RECEIVER: 403,
  NOT_ARCHIVE_READER: 403,
  // 404: nothing there, or nothing the caller may see.
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  PROPOSAL_NOT_FOUND: 404,
  TASK_UNKNOWN: 404,
  ATTACHMENT_NOT_FOUND: 404,
  PLAN_NOT_FOUND: 404,
  PLAN_ITEM_NOT_FOUND: 404,
  REPORT_CYCLE_NOT_FOUND: 404,
  INCIDENT_NOT_FOUND: 404,
  NOTIFICATION_NOT_FOUND: 404,
  SUBSTITUTION_NOT_FOUND: 404,
  DOCUMENT_NOT_FOUND: 404,
  AGENCY_NOT_FOUND: 404,
  POLICY_VERSION_NOT_FOUND: 404,
  CALENDAR_DAY_NOT_FOUND: 404,
  CALENDAR_DAY_NATIONAL: 409,
  WORKFLOW_NOT_FOUND: 404,
  METRICS_DISABLED: 404,
  OIDC_DISABLED: 404,
  LOCAL_LOGIN_DISABLED: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  REQUEST_TIMEOUT: 408,
  // 409: the resource's state does not allow it (now).
  CONFLICT: 409,
  TASK_NOT_FOUND: 409,
  TASK_NOT_OPEN: 409,
  TASK_PAUSED: 409,
  TASK_CLAIMED: 409,
  TASK_CHANGED: 409,
  NOT_WITHDRAWABLE: 409,
  PROPOSAL_NOT_RUNNING: 409,
  NO_INCIDENT: 409,
  INCIDENT_NOT_OPEN: 409,
  SUBSTITUTION_OVERLAP: 409,
  POLICY_VERSION_EXISTS: 409,
  PROVINCE_EXISTS: 409,
  EMAIL_TAKEN: 409,
  REPORT_CYCLE_ALREADY_OPEN: 409,
  REPORT_CYCLE_CONSOLIDATED: 409,
  COMMITMENTS_SYNC_OFF: 409,
  DOCUMENT_NOT_ISSUED: 409,
  DOCUMENT_ALREADY_SIGNED: 409,
  DOCUMENT_NOT_EXCHANGEABLE: 409,
  INCOMING_DOCUMENT_ANSWERED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  SIGNED_COPY_INVALID: 422,
  SIGNED_COPY_UNSIGNED: 422,
  SIGNED_COPY_TAMPERED: 422,
  SIGNED_COPY_CERTIFICATE_INVALID: 422,
  SIGNED_COPY_NOT_THIS_DOCUMENT: 422,
  // 429: retry after the Retry-After header's seconds.
  TOO_MANY_REQUESTS: 429,
  LOGIN_THROTTLED: 429,
  AUDIT_VERIFY_BUSY: 429,
  ARCHIVE_BUSY: 429,
  // 5xx: the server's side; 503s changed nothing and may be retried (Retry-After).
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  WORKFLOW_ENGINE_UNAVAILABLE: 503,
  ROUTING_POLICY_MISSING: 503,
  FOLLOW_UP_PENDING: 503,
  ATTACHMENT_CONTENT_UNAVAILABLE: 503,
  COMMITMENTS_SYNC_NOT_READY: 503,
  OIDC_PROVIDER_UNAVAILABLE: 503,
  EDXML_NOT_CONFIGURED: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes whose status is S: `notFound(detail, code)` only takes a 404 code, so a helper cannot contradict the table. */
export type ErrorCodeFor<S extends number> = { [C in ErrorCode]: (typeof ERROR_CODES)[C] extends S ? C : never }[ErrorCode];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, value);
}

/** The generic code of each status, for refusals nobody named (Nest's own exceptions, body-parser errors). */
const GENERIC_CODES: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  401: 'AUTHENTICATION_REQUIRED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

/** The generic code for a status; a status the table does not list falls back to BAD_REQUEST (4xx) or INTERNAL_ERROR. */
export function genericErrorCode(status: number): ErrorCode {
  // By the hundreds digit rather than `status >= 400 && status < 500`: 400 and 500 are in the table, so those bounds
  // could be moved by one without any status noticing (mutants no test can kill).
  return GENERIC_CODES[status] ?? (Math.floor(status / 100) === 4 ? 'BAD_REQUEST' : 'INTERNAL_ERROR');
}
