/** Each kind, level and procedure walked from submission to its end over HTTP, every task decided by its candidate. */
import { login, type ApiClient } from '../support/http';
import { ACTOR_BY_AGENCY, YES } from '../support/drive';
import { mechanismBody, mouBody, officeBody } from '../support/fixtures';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl } = stack();
const V1 = '/api/v1';

// The decisions and the people who take them are the MoU driver's (test/support/drive.ts).
const ACTOR = ACTOR_BY_AGENCY;

describe('each kind end to end', () => {
  const clients = new Map<string, ApiClient>();
  const as = async (email: string) => {
    if (!clients.has(email)) clients.set(email, await login(apiUrl, email));
    return clients.get(email)!;
  };

  /** Decides every open task the "yes" way; returns the statuses passed and the task kinds seen, in order. */
  async function walk(submitterEmail: string, body: Record<string, unknown>) {
    const submitter = await as(submitterEmail);
    const admin = await as(demoEmail({ agency: null, role: 'ADMIN' }));
    const created = await submitter.post(`${V1}/proposals`, body);
    expect(created.status).toBe(201);
    const statuses: string[] = [created.body.status];
    const kinds: string[] = [];
    for (let step = 0; step < 40; step++) {
      const open = (await admin.get(`${V1}/tasks?proposalId=${created.body.id}&status=OPEN&limit=200`)).body.items as {
        id: string;
        kind: string;
        candidateAgency: { code: string };
        externalBody?: string;
      }[];
      if (!open.length) break;
      const task = open[0]!;
      kinds.push(task.externalBody ? `${task.kind}:${task.externalBody}` : `${task.kind}:${task.candidateAgency.code}`);
      const actor = await as(task.externalBody ? demoEmail({ agency: 'HT-SNGV', role: 'AGENCY_HEAD' }) : ACTOR[task.candidateAgency.code]!);
      const decision = {
        decision: YES[task.kind],
        ...(task.kind === 'SIGNING'
          ? { signing: { signedAt: new Date().toISOString(), place: 'Hà Tĩnh', signatories: [{ name: 'A', title: 'B', party: 'C' }] } }
          : {}),
      };
      const done = await actor.post(`${V1}/tasks/${task.id}/complete`, decision);
      expect(done.status).toBe(200);
      if (statuses.at(-1) !== done.body.proposal.status) statuses.push(done.body.proposal.status);
    }
    return { id: created.body.id as string, statuses, kinds };
  }

  it('MECHANISM_PARTICIPATION: intake, consultation with MOFA, absorption, decision -> APPROVED', async () => {
    const { statuses, kinds } = await walk(
      demoEmail({ agency: 'HT-SGDDT', role: 'SUBMITTER' }),
      mechanismBody(`Kinds network ${Date.now()}`),
    );
    expect(statuses).toEqual(['INTAKE', 'CONSULTATION', 'ABSORPTION', 'DECISION', 'APPROVED']);
    expect(kinds).toEqual(expect.arrayContaining(['EXTERNAL_OPINION:MOFA', 'DECISION:HT-UBND']));
  });

  it('OVERSEAS_OFFICE: ... decision, then the Government decision recorded by SNGV -> APPROVED', async () => {
    const { statuses, kinds } = await walk(demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }), officeBody());
    expect(statuses).toEqual(['INTAKE', 'CONSULTATION', 'ABSORPTION', 'APPRAISAL', 'DECISION', 'AWAITING_CENTRAL_DECISION', 'APPROVED']);
    expect(kinds.at(-1)).toBe('CENTRAL_DECISION:GOV');
  });

  it.each([
    ['DEPARTMENT', 'STANDARD'],
    ['BORDER_COMMUNE', 'STANDARD'],
    ['PROVINCIAL_COMMITTEE', 'SHORTENED'],
  ])('INTERNATIONAL_AGREEMENT at %s level, %s procedure -> IN_FORCE', async (level, procedure) => {
    const shortened = procedure === 'SHORTENED' ? { shortenedReason: 'Đối tác đề nghị ký trong chuyến thăm sắp tới' } : {};
    const { statuses } = await walk(
      demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
      mouBody({ title: `Agreement ${level} ${procedure}`, procedure, ...shortened }, { level }),
    );
    expect(statuses[0]).toBe('INTAKE');
    expect(statuses.slice(-3)).toEqual(['APPROVED', 'SIGNED', 'IN_FORCE']);
  });
});
