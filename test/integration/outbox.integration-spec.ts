/**
 * No stranded submission (docs/reliability.md): an api that dies right after committing a proposal, before it could
 * start the workflow, leaves a command in the outbox that the worker's relay sends; the proposal is routed without
 * any client retry, once, and an Idempotency-Key retry afterwards returns the same proposal.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { mouBody } from '../support/fixtures';
import { ApiClient, DEMO_PASSWORD } from '../support/http';
import { freePort, startChild, stopChild, waitUntil } from '../support/processes';
import { signIn } from '../support/sessions';
import { waitFor } from '../support/eventually';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

describe('outbox: a submission survives the api dying between its commit and the workflow start', () => {
  const s = stack();
  let faulty: ReturnType<typeof startChild>;
  let faultyUrl: string;

  beforeAll(async () => {
    const port = await freePort();
    faultyUrl = `http://127.0.0.1:${port}`;
    // A second api on the same database and Temporal, armed to SIGKILL itself right after the proposal's commit.
    faulty = startChild('api-faulty', process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
      ...s.env,
      PORT: String(port),
      ACCORD_FAULT_POINT: 'after-proposal-commit',
      OTEL_EXPORTER_OTLP_ENDPOINT: '',
    });
    await waitUntil('faulty api /health', async () => (await fetch(`${faultyUrl}/health`)).ok, 180_000);
  });
  afterAll(() => stopChild(faulty));

  it('routes the proposal through the relay, exactly once, and an Idempotency-Key retry returns it', async () => {
    const login = await new ApiClient(faultyUrl).post('/api/v1/auth/login', {
      email: demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
      password: DEMO_PASSWORD,
    });
    expect(login.status).toBe(200);
    const title = `Outbox drill ${randomUUID()}`;
    const key = randomUUID();
    // The process dies before answering: the client sees the connection drop, not a status.
    await expect(
      new ApiClient(faultyUrl, login.body.accessToken).post('/api/v1/proposals', mouBody({ title }), { 'Idempotency-Key': key }),
    ).rejects.toThrow();
    await new Promise<void>((resolve) =>
      faulty.exitCode !== null || faulty.signalCode !== null ? resolve() : faulty.once('exit', () => resolve()),
    );
    expect(faulty.signalCode).toBe('SIGKILL');

    const submitter = await signIn(s.apiUrl, s.databaseUrl, demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }));
    const [saved] = (await submitter.client.get(`/api/v1/proposals?q=${encodeURIComponent(title)}`)).body.items as {
      id: string;
      status: string;
    }[];
    expect(saved).toBeDefined();

    // Nobody retries: the relay starts the workflow, which takes the proposal to intake.
    const routed = await waitFor(
      'proposal routed by the relay',
      async () => (await submitter.client.get(`/api/v1/proposals/${saved!.id}`)).body,
      (p: { status: string; tasks: { kind: string }[] }) => p.status !== 'SUBMITTED',
      60_000,
    );
    expect(routed.status).toBe('INTAKE');
    expect(routed.tasks.filter((t) => t.kind === 'INTAKE_CHECK')).toHaveLength(1);

    const db = new Client({ connectionString: s.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT done_at, attempts FROM command_outbox WHERE proposal_id = $1`, [saved!.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0].done_at).not.toBeNull();
    } finally {
      await db.end();
    }

    // The client's retry with the same key (what a careful client does after a dropped connection) gets the same proposal.
    const again = await submitter.client.post('/api/v1/proposals', mouBody({ title }), { 'Idempotency-Key': key });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(saved!.id);
    const list = (await submitter.client.get(`/api/v1/proposals?q=${encodeURIComponent(title)}`)).body.items;
    expect(list).toHaveLength(1);
  });
});
