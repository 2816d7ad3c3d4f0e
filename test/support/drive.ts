/**
 * Walks an MoU (or any proposal the demo users can carry) through its tasks over HTTP, deciding each one the
 * "yes" way, until the proposal reaches a given status. For suites that need a proposal at some stage, e.g. an
 * agreement in the registry, without repeating the whole path test.
 */
import { ApiClient, login } from './http';
import { mouBody } from './fixtures';
import { DN_DEMO_USERS } from '@accord/persistence';
import { demoEmail } from './demo-users';

const V1 = '/api/v1';

/** Statuses an MoU passes on the straight path, in order. */
export const MOU_PATH = ['INTAKE', 'CONSULTATION', 'ABSORPTION', 'APPRAISAL', 'DECISION', 'APPROVED', 'SIGNED', 'IN_FORCE'] as const;
export type MouStatus = (typeof MOU_PATH)[number];

/** Who acts for each candidate agency; the submitting agency acts through the submitter given to driveMou. */
export const ACTOR_BY_AGENCY: Record<string, string> = {
  'HT-SNGV': demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
  'HT-STP': demoEmail({ agency: 'HT-STP', role: 'REVIEWER' }),
  'HT-BCHQS': demoEmail({ agency: 'HT-BCHQS', role: 'REVIEWER' }),
  'HT-CA': demoEmail({ agency: 'HT-CA', role: 'REVIEWER' }),
  'HT-UBND': demoEmail({ agency: 'HT-UBND', role: 'LEADER' }),
  'HT-SCT': demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
  'HT-SGDDT': demoEmail({ agency: 'HT-SGDDT', role: 'SUBMITTER' }),
  'HT-BDBP': demoEmail({ agency: 'HT-BDBP', role: 'REVIEWER' }),
  'HT-VPUBND': demoEmail({ agency: 'HT-VPUBND', role: 'REVIEWER' }),
  'HT-SNV': demoEmail({ agency: 'HT-SNV', role: 'REVIEWER' }),
  'HT-STC': demoEmail({ agency: 'HT-STC', role: 'REVIEWER' }),
  // Đồng Nai (docs/provinces.md): no border guard user, so its MoUs in these suites are not in a border area.
  ...Object.fromEntries(DN_DEMO_USERS.filter((u) => u.agency).map((u) => [u.agency!, u.email])),
};
/** Central bodies' answers are recorded by SNGV's head, so the officer's own opinion stays separate. */
export const RECORDER = demoEmail({ agency: 'HT-SNGV', role: 'AGENCY_HEAD' });
export const RECORDED = ['EXTERNAL_OPINION', 'PM_CONSENT', 'CENTRAL_DECISION'];

/** Per province: who sees every task (its ADMIN) and who records central bodies' answers (its SNGV). */
const PROVINCE_STAFF: Record<string, { admin: string; recorder: string }> = {
  HT: { admin: demoEmail({ agency: null, role: 'ADMIN' }), recorder: RECORDER },
  DN: { admin: 'admin@dongnai.gov.vn', recorder: 'officer@sngv.dongnai.gov.vn' },
};

export const YES: Record<string, string> = {
  INTAKE_CHECK: 'COMPLETE',
  OPINION: 'AGREE',
  EXTERNAL_OPINION: 'AGREE',
  ABSORPTION: 'SUBMIT',
  APPRAISAL: 'CONFORMS',
  DECISION: 'APPROVE',
  PM_CONSENT: 'CONSENT',
  CENTRAL_DECISION: 'APPROVE',
  SIGNING: 'SIGNED',
  POST_SIGNING_REPORT: 'SUBMITTED',
};

/** The "yes" body of a decision on a task of `kind`; SIGNED carries the signing record (now, in Hà Tĩnh, by the Chairman, unless `signing` says otherwise). */
export function yesBody(kind: string, signing: Partial<Signing> = {}): Record<string, unknown> {
  const decision = YES[kind];
  if (!decision) throw new Error(`cannot decide a ${kind} task`);
  const body: Record<string, unknown> = { decision };
  if (decision === 'SIGNED') {
    body.signing = {
      signedAt: new Date().toISOString(),
      place: 'Hà Tĩnh',
      signatories: [{ name: 'Bùi Thanh Minh', title: 'Chủ tịch UBND tỉnh', party: 'Hà Tĩnh' }],
      ...signing,
    };
  }
  return body;
}

export interface Signing {
  signedAt: string;
  place: string;
  signatories: { name: string; title: string; party: string }[];
  agreementNumber?: string;
}

export interface DriveOptions {
  until: MouStatus;
  /** The proposal body (default: mouBody()). */
  body?: Record<string, unknown>;
  submitter?: string;
  /** The signing record for SIGNED (default: now, in Hà Tĩnh, signed by the Chairman). */
  signing?: Partial<Signing>;
}

type OpenTask = { id: string; kind: string; candidateAgency: { code: string } };

const clients = new Map<string, Promise<ApiClient>>();
function as(apiUrl: string, email: string): Promise<ApiClient> {
  const key = `${apiUrl} ${email}`;
  if (!clients.has(key)) clients.set(key, login(apiUrl, email));
  return clients.get(key)!;
}

/** Creates a proposal and completes its open tasks until it has status `until`; returns its id, reference and status. */
export async function driveMou(apiUrl: string, options: DriveOptions): Promise<{ id: string; reference: string; status: string }> {
  const submitter = await as(apiUrl, options.submitter ?? demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }));
  const created = await submitter.post(`${V1}/proposals`, options.body ?? mouBody());
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  return continueMou(apiUrl, created.body as { id: string; reference: string; status: string }, options);
}

/** Completes the open tasks of a proposal already on the MoU path until it has status `until`. */
export async function continueMou(
  apiUrl: string,
  proposal: { id: string; reference: string; status: string },
  options: Omit<DriveOptions, 'body'>,
): Promise<{ id: string; reference: string; status: string }> {
  const submitterEmail = options.submitter ?? demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' });
  const submitter = await as(apiUrl, submitterEmail);
  const me = (await submitter.get(`${V1}/me`)).body as { agency: { code: string }; province: string };
  const submitterAgency = me.agency.code;
  const staff = PROVINCE_STAFF[me.province]!;
  const admin = await as(apiUrl, staff.admin);
  const { id, reference } = proposal;
  let status: string = proposal.status;
  const target = MOU_PATH.indexOf(options.until);
  for (let step = 0; step < 40; step++) {
    if (status === options.until) return { id, reference, status };
    const at = MOU_PATH.indexOf(status as MouStatus);
    if (at < 0 || at > target) throw new Error(`${reference} went to ${status}, not on the way to ${options.until}`);
    const open = await admin.get(`${V1}/tasks?proposalId=${id}&status=OPEN&limit=200`);
    const tasks: OpenTask[] = open.body.items;
    if (!tasks.length) throw new Error(`${reference} is ${status} with no open task`);
    const task = tasks[0]!;
    const code = task.candidateAgency.code;
    const email = RECORDED.includes(task.kind) ? staff.recorder : code === submitterAgency ? submitterEmail : ACTOR_BY_AGENCY[code];
    if (!email) throw new Error(`driveMou has no demo user for ${code}`);
    const actor = await as(apiUrl, email);
    const body = yesBody(task.kind, options.signing);
    const decision = body.decision;
    const done = await actor.post(`${V1}/tasks/${task.id}/complete`, body);
    if (done.status !== 200)
      throw new Error(`${reference}: ${email} completing ${task.kind} with ${decision}: ${done.status} ${JSON.stringify(done.body)}`);
    status = done.body.proposal.status;
  }
  throw new Error(`${reference} did not reach ${options.until} (stuck at ${status})`);
}
