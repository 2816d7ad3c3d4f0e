/**
 * Authorisation matrix: one row per endpoint of the contract implemented so far, one column per demo user
 * (docs/api.md "Demo data") plus an anonymous caller, each cell the status the endpoint answers that caller.
 * Bodies are chosen so that only authorisation varies between callers: requests that would change something are
 * sent against a state that refuses them after the authorisation check (a decided proposal, a completed task, a
 * decision the task does not allow) or with a body the validation refuses after the role guard.
 *
 * The table must list every /api/v1 operation of the OpenAPI document: a new endpoint fails this suite until it
 * gets its row.
 */
import { randomBytes } from 'node:crypto';
import { addDays, isoDateInVietnam } from '@accord/domain';
import { ApiClient } from '../support/http';
import { mouBody } from '../support/fixtures';
import { driveMou } from '../support/drive';
import { signIn, signInAll, type Session } from '../support/sessions';
import { stack } from './stack';
import { DEMO_CAST } from '../support/demo-users';

const { apiUrl, databaseUrl } = stack();
const V1 = '/api/v1';

const USERS = ['sct', 'sgddt', 'officer', 'head', 'stp', 'bchqs', 'ca', 'chairman', 'vicechair', 'admin', 'auditor'] as const;
type User = (typeof USERS)[number];
type Caller = User | 'anonymous';
const CALLERS: readonly Caller[] = [...USERS, 'anonymous'];

const EMAILS: Record<User, string> = DEMO_CAST;

interface Fixtures {
  /** A proposal of HT-SCT at INTAKE, with `attachment` pinned in its dossier. */
  intake: { id: string; taskId: string };
  /** A proposal of HT-SCT that is SIGNED (decided: no longer withdrawable), its completed intake check and its agreement. */
  signed: { id: string; doneTaskId: string; agreementId: string };
  /** The signed proposal's DECISION document (the Chairman's approval, issue 17). */
  decisionDocument: string;
  attachment: string;
  /** A notification of the officer's (the new intake task). */
  notification: string;
  /** A (far future) substitution of the SNGV head's, naming the officer. */
  substitution: string;
  policyVersion: string;
  ids: Record<User, string>;
}

interface Call {
  path: string;
  body?: unknown;
  /** multipart/form-data with one (unsigned) PDF in `file`, to `path`. */
  upload?: boolean;
  /** Sent on a session of its own (signed in for this call), because the call ends the session it is made on. */
  ownSession?: boolean;
}

interface Row {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** As in the OpenAPI document. */
  path: string;
  call: (f: Fixtures, caller: Caller) => Call;
  /** Columns: sct, sgddt, officer, head, stp, bchqs, ca, chairman, vicechair, admin, auditor, anonymous. */
  expect: [number, number, number, number, number, number, number, number, number, number, number, number];
}

const row = (method: Row['method'], path: string, call: Row['call'], expect: Row['expect']): Row => ({ method, path, call, expect });
const at = (path: string) => () => ({ path });

const today = isoDateInVietnam(new Date());
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

//                                                                                                   sct sgddt offcr head stp bchqs  ca chair vice admin audit anon
const TABLE: Row[] = [
  row('GET', '/health', at('/health'), [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
  // Only the scraper's METRICS_TOKEN opens /metrics: no user's access token does (the metrics suite shows the token works).
  row('GET', '/metrics', at('/metrics'), [401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401]),
  // Public: the caller's token does not matter; an unknown account is refused alike for everyone.
  row(
    'POST',
    `${V1}/auth/login`,
    (_, c) => ({
      path: `${V1}/auth/login`,
      body: { email: `matrix-${c}-${randomBytes(3).toString('hex')}@example.org`, password: 'not-the-password' },
    }),
    [401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401],
  ),
  row(
    'POST',
    `${V1}/auth/refresh`,
    () => ({ path: `${V1}/auth/refresh`, body: { refreshToken: 'not-a-refresh-token' } }),
    [401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401],
  ),
  // Any signed-in user ends their own session.
  row(
    'POST',
    `${V1}/auth/logout`,
    () => ({ path: `${V1}/auth/logout`, ownSession: true }),
    [204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 401],
  ),
  // Public: which sign-ins exist. Single sign-on is off on the stack's api (no OIDC_ISSUER): 404 for everyone (the oidc suite runs it on).
  row('GET', `${V1}/auth/providers`, at(`${V1}/auth/providers`), [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
  row('GET', `${V1}/auth/oidc/login`, at(`${V1}/auth/oidc/login`), [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404]),
  row(
    'GET',
    `${V1}/auth/oidc/callback`,
    at(`${V1}/auth/oidc/callback?code=x&state=y`),
    [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  ),
  // The group mapping is ADMIN's: an empty body is 400 and an unknown group 404 once the role allows the call.
  row(
    'GET',
    `${V1}/admin/oidc/group-mappings`,
    at(`${V1}/admin/oidc/group-mappings`),
    [403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 401],
  ),
  row(
    'PUT',
    `${V1}/admin/oidc/group-mappings/{group}`,
    () => ({ path: `${V1}/admin/oidc/group-mappings/matrix-group`, body: {} }),
    [403, 403, 403, 403, 403, 403, 403, 403, 403, 400, 403, 401],
  ),
  row(
    'DELETE',
    `${V1}/admin/oidc/group-mappings/{group}`,
    () => ({ path: `${V1}/admin/oidc/group-mappings/matrix-no-such-group` }),
    [403, 403, 403, 403, 403, 403, 403, 403, 403, 404, 403, 401],
  ),
  // Provinces are the platform administrator's (the provinces suite shows platform@accord.local may): no province's user.
  row('GET', `${V1}/platform/provinces`, at(`${V1}/platform/provinces`), [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401]),
  row(
    'POST',
    `${V1}/platform/provinces`,
    () => ({ path: `${V1}/platform/provinces`, body: {} }),
    [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401],
  ),
  row('GET', `${V1}/me`, at(`${V1}/me`), [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
  row('GET', `${V1}/me/substitutes`, at(`${V1}/me/substitutes`), [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
  // Naming oneself is refused (400) to an agency member; a user of no agency may not name anyone (403).
  row(
    'POST',
    `${V1}/me/substitutes`,
    (f, c) => ({
      path: `${V1}/me/substitutes`,
      body: { substituteId: c === 'anonymous' ? UNKNOWN_ID : f.ids[c], startsOn: today, endsOn: today },
    }),
    [400, 400, 400, 400, 400, 400, 400, 400, 400, 403, 403, 401],
  ),
  row(
    'DELETE',
    `${V1}/me/substitutes/{id}`,
    (f) => ({ path: `${V1}/me/substitutes/${f.substitution}` }),
    [404, 404, 404, 204, 404, 404, 404, 404, 404, 404, 404, 401],
  ),
  // The users directory: everyone signed in (each sees whom their role and agency allow).
  row('GET', `${V1}/users`, at(`${V1}/users`), [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
  row(
    'POST',
    `${V1}/proposals/preview`,
    () => ({ path: `${V1}/proposals/preview`, body: mouBody() }),
    [200, 200, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401],
  ),
  // An empty body: 400 once the role guard lets the caller through, so nothing is created.
  row(
    'POST',
    `${V1}/proposals`,
    () => ({ path: `${V1}/proposals`, body: {} }),
    [400, 400, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401],
  ),
  row('GET', `${V1}/proposals`, at(`${V1}/proposals`), [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
  // Visibility: the submitting agency, agencies with a task of it (only HT-SNGV at INTAKE), LEADER/ADMIN/AUDITOR; others 404.
  row(
    'GET',
    `${V1}/proposals/{id}`,
    (f) => ({ path: `${V1}/proposals/${f.intake.id}` }),
    [200, 404, 200, 200, 404, 404, 404, 200, 200, 200, 200, 401],
  ),
  row(
    'GET',
    `${V1}/proposals/{id}/timeline`,
    (f) => ({ path: `${V1}/proposals/${f.intake.id}/timeline` }),
    [200, 404, 200, 200, 404, 404, 404, 200, 200, 200, 200, 401],
  ),
  // Against a signed proposal: the submitting agency gets 409 (decided), those who see it 403, the rest 404.
  row(
    'POST',
    `${V1}/proposals/{id}/withdraw`,
    (f) => ({ path: `${V1}/proposals/${f.signed.id}/withdraw`, body: { reason: 'Ma trận phân quyền' } }),
    [409, 404, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401],
  ),
  row(
    'POST',
    `${V1}/attachments`,
    () => ({ path: `${V1}/attachments`, upload: true }),
    [201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 401],
  ),
  // The uploader and whoever may see a proposal pinning it; others 404 (ids reveal nothing).
  row(
    'GET',
    `${V1}/attachments/{id}/content`,
    (f) => ({ path: `${V1}/attachments/${f.attachment}/content` }),
    [200, 404, 200, 200, 404, 404, 404, 200, 200, 200, 200, 401],
  ),
  row('GET', `${V1}/tasks`, at(`${V1}/tasks`), [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
  // The intake check (candidate HT-SNGV): candidates, LEADER, ADMIN, AUDITOR.
  row(
    'GET',
    `${V1}/tasks/{id}`,
    (f) => ({ path: `${V1}/tasks/${f.intake.taskId}` }),
    [403, 403, 200, 200, 403, 403, 403, 200, 200, 200, 200, 401],
  ),
  // Against a completed HT-SNGV task: members of the agency (and, to unclaim or assign, ADMIN; to assign, its head) get 409.
  row(
    'POST',
    `${V1}/tasks/{id}/claim`,
    (f) => ({ path: `${V1}/tasks/${f.signed.doneTaskId}/claim` }),
    [403, 403, 409, 409, 403, 403, 403, 403, 403, 403, 403, 401],
  ),
  row(
    'POST',
    `${V1}/tasks/{id}/unclaim`,
    (f) => ({ path: `${V1}/tasks/${f.signed.doneTaskId}/unclaim` }),
    [403, 403, 409, 409, 403, 403, 403, 403, 403, 409, 403, 401],
  ),
  row(
    'POST',
    `${V1}/tasks/{id}/assign`,
    (f) => ({ path: `${V1}/tasks/${f.signed.doneTaskId}/assign`, body: { userId: f.ids.officer } }),
    [403, 403, 403, 409, 403, 403, 403, 403, 403, 409, 403, 401],
  ),
  // A decision the intake check does not allow: 400 for the candidates, 403 for everyone else.
  row(
    'POST',
    `${V1}/tasks/{id}/complete`,
    (f) => ({ path: `${V1}/tasks/${f.intake.taskId}/complete`, body: { decision: 'APPROVE' } }),
    [403, 403, 400, 400, 403, 403, 403, 403, 403, 403, 403, 401],
  ),
  row('GET', `${V1}/audit`, at(`${V1}/audit?limit=1`), [403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 401]),
  row('GET', `${V1}/audit/verify`, at(`${V1}/audit/verify`), [403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 401]),
  row(
    'GET',
    `${V1}/admin/proposals/{id}/history`,
    (f) => ({ path: `${V1}/admin/proposals/${f.intake.id}/history` }),
    [403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 401],
  ),
  row(
    'POST',
    `${V1}/admin/proposals/{id}/cancel`,
    (f) => ({ path: `${V1}/admin/proposals/${f.intake.id}/cancel`, body: {} }),
    [403, 403, 403, 403, 403, 403, 403, 403, 403, 400, 403, 401],
  ),
  row(
    'POST',
    `${V1}/admin/calendar/recompute-deadlines`,
    () => ({ path: `${V1}/admin/calendar/recompute-deadlines`, body: {} }),
    [403, 403, 403, 403, 403, 403, 403, 403, 403, 400, 403, 401],
  ),
  row('GET', `${V1}/admin/incidents`, at(`${V1}/admin/incidents`), [403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 401]),
  // No incident has this id: 404 once the role allows the call.
  row(
    'GET',
    `${V1}/admin/incidents/{id}`,
    () => ({ path: `${V1}/admin/incidents/00000000-0000-4000-8000-000000000001` }),
    [403, 403, 403, 403, 403, 403, 403, 403, 403, 404, 404, 401],
  ),
  row(
    'POST',
    `${V1}/admin/incidents/{id}/retry`,
    () => ({ path: `${V1}/admin/incidents/00000000-0000-4000-8000-000000000001/retry`, body: {} }),
    [403, 403, 403, 403, 403, 403, 403, 403, 403, 404, 403, 401],
  ),
  row('GET', `${V1}/admin/stats`, at(`${V1}/admin/stats`), [403, 403, 403, 403, 403, 403, 403, 200, 200, 200, 200, 401]),
  row('GET', `${V1}/agreements`, at(`${V1}/agreements?country=LA`), [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
  row(
    'GET',
    `${V1}/agreements/export`,
    at(`${V1}/agreements/export?format=json`),
    [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401],
  ),
  row(
    'GET',
    `${V1}/calendar/holidays`,
    at(`${V1}/calendar/holidays?year=2026`),
    [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401],
  ),
  row(
    'PUT',
    `${V1}/calendar/holidays/{date}`,
    () => ({ path: `${V1}/calendar/holidays/2098-01-07`, body: {} }),
    [403, 403, 403, 403, 403, 403, 403, 403, 403, 400, 403, 401],
  ),
  row(
    'DELETE',
    `${V1}/calendar/holidays/{date}`,
    () => ({ path: `${V1}/calendar/holidays/2098-01-07` }),
    [403, 403, 403, 403, 403, 403, 403, 403, 403, 404, 403, 401],
  ),
  row(
    'GET',
    `${V1}/calendar/deadline`,
    at(`${V1}/calendar/deadline?from=2026-02-13&workingDays=7`),
    [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401],
  ),
  row('GET', `${V1}/policies`, at(`${V1}/policies`), [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
  row('GET', `${V1}/policies/current`, at(`${V1}/policies/current`), [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
  row(
    'GET',
    `${V1}/policies/{version}`,
    (f) => ({ path: `${V1}/policies/${f.policyVersion}` }),
    [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401],
  ),
  row('POST', `${V1}/policies`, () => ({ path: `${V1}/policies`, body: {} }), [403, 403, 403, 403, 403, 403, 403, 403, 403, 400, 403, 401]),
  row('GET', `${V1}/notifications`, at(`${V1}/notifications`), [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
  // The officer's own notification: only the officer may mark it (404 for everyone else).
  row(
    'POST',
    `${V1}/notifications/{id}/read`,
    (f) => ({ path: `${V1}/notifications/${f.notification}/read` }),
    [404, 404, 200, 404, 404, 404, 404, 404, 404, 404, 404, 401],
  ),
  // Marks the caller's own notifications read: any user (there is no neutral way to call it).
  row(
    'POST',
    `${V1}/notifications/read-all`,
    at(`${V1}/notifications/read-all`),
    [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401],
  ),
  // Plans: ADMIN and HT-SNGV import (an empty body: 400 past the check); an unknown item is 404 before the lead-agency check.
  row('GET', `${V1}/plans`, at(`${V1}/plans`), [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
  row('GET', `${V1}/plans/{id}`, at(`${V1}/plans/${UNKNOWN_ID}`), [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 401]),
  row('POST', `${V1}/plans`, () => ({ path: `${V1}/plans`, body: {} }), [403, 403, 400, 400, 403, 403, 403, 403, 403, 400, 403, 401]),
  row(
    'POST',
    `${V1}/plans/{id}/items/{itemId}/updates`,
    () => ({ path: `${V1}/plans/${UNKNOWN_ID}/items/${UNKNOWN_ID}/updates`, body: { status: 'DONE', note: 'Ma trận' } }),
    [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 401],
  ),
  // Reporting cycles: ADMIN opens by hand (a bad kind: 400 past the role guard); the report is for HT-SNGV, LEADER, ADMIN.
  row('GET', `${V1}/report-cycles`, at(`${V1}/report-cycles`), [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
  row(
    'POST',
    `${V1}/report-cycles`,
    () => ({ path: `${V1}/report-cycles`, body: { kind: 'WEEKLY' } }),
    [403, 403, 403, 403, 403, 403, 403, 403, 403, 400, 403, 401],
  ),
  row(
    'GET',
    `${V1}/report-cycles/{id}`,
    at(`${V1}/report-cycles/${UNKNOWN_ID}`),
    [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 401],
  ),
  row(
    'GET',
    `${V1}/report-cycles/{id}/report`,
    at(`${V1}/report-cycles/${UNKNOWN_ID}/report?format=docx`),
    [403, 403, 404, 404, 403, 403, 403, 404, 404, 404, 403, 401],
  ),
  row(
    'POST',
    `${V1}/report-cycles/{id}/consolidate`,
    at(`${V1}/report-cycles/${UNKNOWN_ID}/consolidate`),
    [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 401],
  ),
  // Official documents (issue 17): the signed proposal's decision, seen by whoever sees the proposal (all but HT-SGDDT).
  row(
    'GET',
    `${V1}/proposals/{id}/documents`,
    (f) => ({ path: `${V1}/proposals/${f.signed.id}/documents` }),
    [200, 404, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401],
  ),
  row(
    'GET',
    `${V1}/documents/{id}`,
    (f) => ({ path: `${V1}/documents/${f.decisionDocument}` }),
    [200, 404, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401],
  ),
  // LEADER or CLERK of the issuer (HT-UBND) issues; issuing is idempotent, so both leaders get the same number.
  row(
    'POST',
    `${V1}/documents/{id}/issue`,
    (f) => ({ path: `${V1}/documents/${f.decisionDocument}/issue` }),
    [403, 404, 403, 403, 403, 403, 403, 200, 200, 403, 403, 401],
  ),
  // The signed copy: the issuer's LEADER or CLERK, whose unsigned PDF is refused (422) past the checks; others who see it 403.
  row(
    'POST',
    `${V1}/documents/{id}/signed-copy`,
    (f) => ({ path: `${V1}/documents/${f.decisionDocument}/signed-copy`, upload: true }),
    [403, 404, 403, 403, 403, 403, 403, 422, 422, 403, 403, 401],
  ),
  // The document rendered in the Decree 30 layout (the signed copy once signed): whoever sees it.
  row(
    'GET',
    `${V1}/documents/{id}/content`,
    (f) => ({ path: `${V1}/documents/${f.decisionDocument}/content?format=pdf` }),
    [200, 404, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401],
  ),
  // The issued decision as edXML: whoever sees it.
  row(
    'GET',
    `${V1}/documents/{id}/edxml`,
    (f) => ({ path: `${V1}/documents/${f.decisionDocument}/edxml` }),
    [200, 404, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401],
  ),
  // The edXML inbox: HT-SNGV and ADMIN, refused as not a package (400) past the role check.
  row(
    'POST',
    `${V1}/edxml/inbox`,
    () => ({ path: `${V1}/edxml/inbox`, body: { xml: '<not-a-package/>' } }),
    [403, 403, 400, 400, 403, 403, 403, 403, 403, 400, 403, 401],
  ),
  // Incoming edXML documents: SNGV and ADMIN read and answer, AUDITOR reads; an unknown id is 404 once the role allows.
  row('GET', `${V1}/incoming-documents`, at(`${V1}/incoming-documents`), [403, 403, 200, 200, 403, 403, 403, 403, 403, 200, 200, 401]),
  row(
    'GET',
    `${V1}/incoming-documents/{id}`,
    at(`${V1}/incoming-documents/${UNKNOWN_ID}`),
    [403, 403, 404, 404, 403, 403, 403, 403, 403, 404, 404, 401],
  ),
  row(
    'GET',
    `${V1}/incoming-documents/{id}/edxml-status`,
    at(`${V1}/incoming-documents/${UNKNOWN_ID}/edxml-status`),
    [403, 403, 404, 404, 403, 403, 403, 403, 403, 404, 404, 401],
  ),
  row(
    'POST',
    `${V1}/incoming-documents/{id}/accept`,
    at(`${V1}/incoming-documents/${UNKNOWN_ID}/accept`),
    [403, 403, 404, 404, 403, 403, 403, 403, 403, 404, 403, 401],
  ),
  row(
    'POST',
    `${V1}/incoming-documents/{id}/reject`,
    () => ({ path: `${V1}/incoming-documents/${UNKNOWN_ID}/reject`, body: { reason: 'Gửi nhầm cơ quan' } }),
    [403, 403, 404, 404, 403, 403, 403, 403, 403, 404, 403, 401],
  ),
  // The case archive: LEADER, ADMIN, AUDITOR and the submitting agency; agencies that see the proposal otherwise 403, the rest 404.
  row(
    'GET',
    `${V1}/proposals/{id}/archive`,
    (f) => ({ path: `${V1}/proposals/${f.signed.id}/archive` }),
    [200, 404, 403, 403, 403, 403, 403, 200, 200, 200, 200, 401],
  ),
  // The register: members of the agency and AUDITOR.
  row(
    'GET',
    `${V1}/registers/{agency}/{year}`,
    at(`${V1}/registers/HT-UBND/${today.slice(0, 4)}?format=csv`),
    [403, 403, 403, 403, 403, 403, 403, 200, 200, 403, 200, 401],
  ),
  // The commitments sync: status for ADMIN and AUDITOR; ADMIN runs it (202; the sync is on in the test stack).
  row(
    'GET',
    `${V1}/admin/commitments-sync`,
    at(`${V1}/admin/commitments-sync`),
    [403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 200, 401],
  ),
  row(
    'POST',
    `${V1}/admin/commitments-sync/run`,
    at(`${V1}/admin/commitments-sync/run`),
    [403, 403, 403, 403, 403, 403, 403, 403, 403, 202, 403, 401],
  ),
];

const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

describe('authorisation matrix', () => {
  let users: Record<User, Session>;
  let fixtures: Fixtures;

  const client = (caller: Caller): ApiClient => (caller === 'anonymous' ? new ApiClient(apiUrl) : users[caller].client);

  async function upload(c: ApiClient, filename: string, path = `${V1}/attachments`): Promise<{ status: number; body: { id: string } }> {
    const form = new FormData();
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n'), randomBytes(64), Buffer.from('\n%%EOF\n')]);
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), filename);
    const res = await fetch(`${apiUrl}${path}`, {
      method: 'POST',
      headers: c.token ? { authorization: `Bearer ${c.token}` } : {},
      body: form,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  async function send(r: Row, caller: Caller): Promise<number> {
    const call = r.call(fixtures, caller);
    const c = call.ownSession && caller !== 'anonymous' ? (await signIn(apiUrl, databaseUrl, EMAILS[caller])).client : client(caller);
    if (call.upload) return (await upload(c, `matrix-${caller}.pdf`, call.path)).status;
    return (await c.request(r.method, call.path, call.body)).status;
  }

  beforeAll(async () => {
    users = await signInAll(apiUrl, databaseUrl, EMAILS);
    const { sct, officer, head, admin } = users;
    const ids = Object.fromEntries(USERS.map((u) => [u, users[u].id])) as Record<User, string>;

    const attached = await upload(sct.client, 'Dự thảo — ma trận phân quyền.pdf');
    expect(attached.status).toBe(201);
    const created = await sct.client.post(
      `${V1}/proposals`,
      mouBody({ title: 'Ma trận phân quyền: tiếp nhận', attachmentIds: [attached.body.id] }),
    );
    expect(created.status).toBe(201);
    const [intakeTask] = (await admin.client.get(`${V1}/tasks?proposalId=${created.body.id}&status=OPEN`)).body.items;
    expect(intakeTask).toMatchObject({ kind: 'INTAKE_CHECK', candidateAgency: { code: 'HT-SNGV' }, assignee: null });

    const signed = await driveMou(apiUrl, { until: 'SIGNED', body: mouBody({ title: 'Ma trận phân quyền: đã ký' }) });
    const [doneIntake] = (await admin.client.get(`${V1}/tasks?proposalId=${signed.id}&status=COMPLETED&kind=INTAKE_CHECK`)).body.items;
    expect(doneIntake).toMatchObject({ status: 'COMPLETED', candidateAgency: { code: 'HT-SNGV' } });
    const agreement = (await sct.client.get(`${V1}/agreements?limit=200`)).body.items.find(
      (a: { proposalId: string }) => a.proposalId === signed.id,
    );
    expect(agreement).toBeDefined();

    const notification = (await officer.client.get(`${V1}/notifications?limit=200`)).body.items.find(
      (n: { proposal: { id: string } | null }) => n.proposal?.id === created.body.id,
    );
    expect(notification).toBeDefined();
    const substitution = await head.client.post(`${V1}/me/substitutes`, {
      substituteId: ids.officer,
      startsOn: addDays(today, 300),
      endsOn: addDays(today, 301),
    });
    expect(substitution.status).toBe(201);
    const policy = await sct.client.get(`${V1}/policies/current`);
    // The worker projects the Chairman's approval into a DRAFT decision in the same step as the task's completion.
    const documents = await admin.client.get(`${V1}/proposals/${signed.id}/documents`);
    const decisionDocument = documents.body.items.find((d: { type: string }) => d.type === 'DECISION');
    expect(decisionDocument).toBeDefined();

    fixtures = {
      intake: { id: created.body.id, taskId: intakeTask.id },
      signed: { id: signed.id, doneTaskId: doneIntake.id, agreementId: agreement.id },
      decisionDocument: decisionDocument.id,
      attachment: attached.body.id,
      notification: notification.id,
      substitution: substitution.body.id,
      policyVersion: policy.body.version,
      ids,
    };
  });

  afterAll(async () => {
    // The intake proposal's open task would otherwise sit in HT-SNGV's inbox.
    if (fixtures) await users.admin.client.post(`${V1}/admin/proposals/${fixtures.intake.id}/cancel`, { reason: 'Dọn dữ liệu thử' });
  });

  it('has a row for every operation of the OpenAPI document, and no other', async () => {
    const doc = await new ApiClient(apiUrl).get<{ paths: Record<string, Record<string, unknown>> }>('/api/docs-json');
    expect(doc.status).toBe(200);
    const methods = ['get', 'post', 'put', 'patch', 'delete'];
    const documented = Object.entries(doc.body.paths)
      .filter(([path]) => path === '/health' || path === '/metrics' || path.startsWith(`${V1}/`))
      .flatMap(([path, ops]) =>
        Object.keys(ops)
          .filter((m) => methods.includes(m))
          .map((m) => key(m, path)),
      );
    const tabled = TABLE.map((r) => key(r.method, r.path));
    expect(new Set(tabled).size).toBe(tabled.length);
    expect({
      missingFromTable: documented.filter((k) => !tabled.includes(k)).sort(),
      notInDocument: tabled.filter((k) => !documented.includes(k)).sort(),
    }).toEqual({ missingFromTable: [], notInDocument: [] });
  });

  it('answers every endpoint as the table says, for every demo user and an anonymous caller', async () => {
    const expected: Record<string, Record<Caller, number>> = {};
    const actual: Record<string, Record<Caller, number>> = {};
    for (const r of TABLE) {
      const k = key(r.method, r.path);
      expected[k] = Object.fromEntries(CALLERS.map((c, i) => [c, r.expect[i]!])) as Record<Caller, number>;
      const statuses = await Promise.all(CALLERS.map((c) => send(r, c)));
      actual[k] = Object.fromEntries(CALLERS.map((c, i) => [c, statuses[i]!])) as Record<Caller, number>;
    }
    expect(actual).toEqual(expected);
  });

  it('changed nothing it was not meant to change', async () => {
    const { admin, sct } = users;
    expect((await admin.client.get(`${V1}/proposals/${fixtures.intake.id}`)).body.status).toBe('INTAKE');
    expect((await admin.client.get(`${V1}/tasks/${fixtures.intake.taskId}`)).body).toMatchObject({ status: 'OPEN', assignee: null });
    expect((await admin.client.get(`${V1}/proposals/${fixtures.signed.id}`)).body.status).toBe('SIGNED');
    expect((await admin.client.get(`${V1}/tasks/${fixtures.signed.doneTaskId}`)).body.assignee.id).toBe(fixtures.ids.officer);
    expect((await sct.client.get(`${V1}/calendar/holidays?year=2098`)).body).toEqual([]);
  });
});
