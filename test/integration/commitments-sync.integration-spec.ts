/**
 * The commitments-database sync (Res. 250/2025/QH15 Art 6) against a fake national endpoint on 127.0.0.1 that
 * fails for a while: the sync workflow retries with backoff, every agreement version arrives exactly once, and
 * administrators see the sync status per agreement.
 */
import { createServer, type Server } from 'node:http';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { driveMou } from '../support/drive';
import { mouBody } from '../support/fixtures';
import { login, type ApiClient } from '../support/http';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl, commitmentsSyncUrl, temporalAddress } = stack();

/**
 * Ends the sync runs another suite started while no endpoint listened: deep in their backoff (30 s between
 * attempts), they would meet this suite's failing endpoint at that pace, and the run asked for below would wait
 * behind them (overlap BUFFER_ONE). A Schedule names its runs `commitments-sync-<time>`, so they are found by type.
 * Ending a run half way must lose and repeat nothing, which the exactly-once checks below then also cover.
 */
async function terminateRunningSyncs(): Promise<number> {
  const connection = await Connection.connect({ address: temporalAddress });
  try {
    const client = new Client({ connection });
    let ended = 0;
    for await (const run of client.workflow.list({ query: "WorkflowType = 'commitmentsSyncWorkflow' AND ExecutionStatus = 'Running'" })) {
      try {
        await client.workflow.getHandle(run.workflowId, run.runId).terminate('commitments-sync suite: start from a fresh backoff');
        ended += 1;
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err; // it ended on its own meanwhile
      }
    }
    return ended;
  } finally {
    await connection.close();
  }
}
const V1 = '/api/v1';

interface Received {
  key: string | undefined;
  agreementId: string;
  version: number;
  title: string;
  accepted: boolean;
}

/** The national database, faked: answers 503 to the first `failures` requests, then 201; keeps what it accepted. */
function fakeEndpoint(url: string, failures: number): Promise<{ server: Server; received: Received[] }> {
  const received: Received[] = [];
  let refused = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { agreementId: string; version: number; record: { title: string } };
      const accepted = req.method === 'POST' && req.url === new URL(url).pathname && refused >= failures;
      if (!accepted) refused += 1;
      received.push({
        key: req.headers['idempotency-key'] as string | undefined,
        agreementId: parsed.agreementId,
        version: parsed.version,
        title: parsed.record.title,
        accepted,
      });
      res.writeHead(accepted ? 201 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: accepted }));
    });
  });
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => server.listen(Number(port), hostname, () => resolve({ server, received })));
}

type SyncItem = {
  agreementId: string;
  title: string;
  version: number | null;
  status: string;
  attempts: number;
  deliveredVersion: number | null;
  lastError: string | null;
};

describe('commitments database sync', () => {
  let admin: ApiClient, auditor: ApiClient, submitter: ApiClient;
  let endpoint: { server: Server; received: Received[] } | undefined;

  beforeAll(async () => {
    [admin, auditor, submitter] = await Promise.all(
      [
        demoEmail({ agency: null, role: 'ADMIN' }),
        demoEmail({ agency: null, role: 'AUDITOR' }),
        demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
      ].map((e) => login(apiUrl, e)),
    );
  });

  afterAll(async () => {
    await new Promise((resolve) => (endpoint ? endpoint.server.close(resolve) : resolve(undefined)));
  });

  it('delivers every agreement version exactly once, through a while of endpoint failures', async () => {
    expect(commitmentsSyncUrl).toBeDefined();
    const title = `MoU for the commitments database ${Date.now()}`;
    const { id: proposalId } = await driveMou(apiUrl, { until: 'IN_FORCE', body: mouBody({ title }) });

    expect((await submitter.get(`${V1}/admin/commitments-sync`)).status).toBe(403);
    expect((await submitter.post(`${V1}/admin/commitments-sync/run`)).status).toBe(403);
    const before = await auditor.get(`${V1}/admin/commitments-sync`);
    expect(before.body).toMatchObject({ enabled: true, endpoint: commitmentsSyncUrl });
    expect(before.body.items.find((i: SyncItem) => i.title === title)).toMatchObject({
      status: expect.stringMatching(/NOT_SYNCED|PENDING/),
    });

    await terminateRunningSyncs();
    endpoint = await fakeEndpoint(commitmentsSyncUrl!, 4);
    const run = await admin.post(`${V1}/admin/commitments-sync/run`);
    expect(run.status).toBe(202);

    // Other suites register agreements meanwhile: keep asking for runs until every agreement's latest version is delivered.
    const until = Date.now() + 200_000;
    let items: SyncItem[] = [];
    for (;;) {
      items = (await admin.get(`${V1}/admin/commitments-sync`)).body.items;
      if (items.length && items.every((i) => i.status === 'DELIVERED' && i.deliveredVersion === i.version)) break;
      if (Date.now() > until) throw new Error(`not all delivered: ${JSON.stringify(items.filter((i) => i.status !== 'DELIVERED'))}`);
      await new Promise((r) => setTimeout(r, 1500));
      if (items.some((i) => i.status === 'NOT_SYNCED')) await admin.post(`${V1}/admin/commitments-sync/run`);
    }

    const received = endpoint.received;
    const accepted = received.filter((r) => r.accepted);
    // It failed for a while, and the sync waited it out.
    expect(received.filter((r) => !r.accepted).length).toBe(4);
    expect(items.some((i) => i.attempts > 1)).toBe(true);
    // Exactly once: one accepted delivery per agreement version, none twice; the idempotency key names the version.
    const keys = accepted.map((r) => `${r.agreementId}:${r.version}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(accepted.every((r) => r.key === `${r.agreementId}:${r.version}`)).toBe(true);
    for (const item of items) expect(keys.filter((k) => k === `${item.agreementId}:${item.version}`)).toHaveLength(1);
    const mine = items.find((i) => i.title === title)!;
    expect(accepted.find((r) => r.agreementId === mine.agreementId)).toMatchObject({ version: 1, title });
    expect(mine).toMatchObject({ status: 'DELIVERED', version: 1, lastError: null });
    expect(proposalId).toBeTruthy();

    // Runs are idempotent: running again sends nothing that was delivered already.
    const count = accepted.length;
    await admin.post(`${V1}/admin/commitments-sync/run`);
    await new Promise((r) => setTimeout(r, 4000));
    const after = endpoint.received.filter((r) => r.accepted).map((r) => `${r.agreementId}:${r.version}`);
    expect(new Set(after).size).toBe(after.length);
    expect(after.slice(0, count)).toEqual(keys);
  }, 300_000);
});
