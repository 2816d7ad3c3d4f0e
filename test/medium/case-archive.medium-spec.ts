/**
 * The case archive's service (issue 17, item 7; docs/records.md "Case archive") against real Postgres as the app role:
 * the audit events as the database stores them (timestamptz, jsonb) recompute offline; the export is audited with the
 * manifest's sha256 and the next archive holds that event; nothing partial: Temporal down or a file lost from storage
 * is a 503 and no export is recorded; a workflow Temporal no longer has is recorded as missing; who may export.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowNotFoundError } from '@temporalio/client';
import JSZip from 'jszip';
import { ARCHIVE_WAIT, ARCHIVES_AT_ONCE, CaseArchiveService } from '../../apps/api/src/archive/case-archive.service';
import { LocalDiskAttachmentStorage } from '../../apps/api/src/attachments/attachment-storage';
import type { AuthUser } from '../../apps/api/src/auth/auth-user';
import { CalendarService } from '../../apps/api/src/calendar/calendar.service';
import { PolicyService } from '../../apps/api/src/policies/policy.service';
import { ProposalsService } from '../../apps/api/src/proposals/proposals.service';
import type { TemporalClientService } from '../../apps/api/src/temporal/temporal-client.module';
import { appendAudit, insertAttachment, insertDossierVersion, runInProvince } from '@accord/persistence';
import { verifyCaseArchive } from '@accord/records/archive';
import { demoEmail } from '../support/demo-users';
import { waitFor } from '../support/eventually';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { insertProposal } from '../support/medium-rows';
import { seededUser } from '../support/medium-users';

jest.setTimeout(90_000);

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('case archive (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  let dir: string;
  let storage: LocalDiskAttachmentStorage;
  let archives: CaseArchiveService;
  /** What Temporal answers for the history: set per test. */
  let fetchHistory: (workflowId: string) => Promise<unknown>;
  let submitter: AuthUser; // HT-SCT
  let officer: AuthUser; // HT-SNGV, reviews the proposal
  let otherAgency: AuthUser; // HT-SGDDT
  let auditor: AuthUser;
  let dnAdmin: AuthUser;

  const temporal = {
    connection: { withDeadline: (_deadline: number, fn: () => Promise<unknown>) => fn() },
    client: { workflow: { getHandle: (workflowId: string) => ({ fetchHistory: () => fetchHistory(workflowId) }) } },
  } as unknown as TemporalClientService;

  /** A proposal of HT-SCT reviewed by HT-SNGV, with one dossier file in storage and its submission audited. */
  async function caseWithFile(): Promise<{ id: string; reference: string; workflowId: string; file: Buffer; attachmentId: string }> {
    const proposal = await insertProposal(db.dataSource, {
      agencyCode: 'HT-SCT',
      submittedBy: submitter.id,
      tasks: [{ agencyCode: 'HT-SNGV', status: 'COMPLETED' }],
    });
    const file = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(128), Buffer.from('\n%%EOF\n')]);
    const attachmentId = randomUUID();
    const now = new Date().toISOString();
    await insertAttachment(db.dataSource.manager, {
      id: attachmentId,
      filename: 'Dự thảo.pdf',
      size: file.length,
      sha256: sha256(file),
      mediaType: 'application/pdf',
      storageKey: sha256(file),
      uploadedBy: submitter.id,
      createdAt: now,
    });
    await storage.put(sha256(file), file);
    await insertDossierVersion(db.dataSource.manager, {
      id: randomUUID(),
      proposalId: proposal.id,
      version: 1,
      content: { title: 'Đề xuất', attachmentIds: [attachmentId] },
      attachments: [{ id: attachmentId, sha256: sha256(file), filename: 'Dự thảo.pdf' }],
      hash: 'd'.repeat(64),
      createdBy: submitter.id,
      createdAt: now,
    });
    await db.appDataSource.transaction((m) =>
      appendAudit(m, [
        {
          at: now,
          actor: { id: submitter.id, name: submitter.fullName, type: 'USER' },
          action: 'PROPOSAL_SUBMITTED',
          proposalId: proposal.id,
          stage: null,
          workflowId: proposal.workflowId,
          payload: { reference: proposal.reference, note: 'Hồ sơ “đầy đủ”', nested: { b: 1, a: [1, 'x', null] } },
        },
      ]),
    );
    return { ...proposal, file, attachmentId };
  }

  const exportsOf = (proposalId: string): Promise<{ payload: { manifestSha256: string } }[]> =>
    db.dataSource.query(`SELECT payload FROM audit_event WHERE proposal_id = $1 AND action = 'ARCHIVE_EXPORTED' ORDER BY seq`, [
      proposalId,
    ]);

  beforeAll(async () => {
    db = await mediumDatabase();
    dir = await mkdtemp(join(tmpdir(), 'accord-case-archive-'));
    storage = new LocalDiskAttachmentStorage(join(dir, 'store'));
    const proposals = new ProposalsService(
      db.appDataSource,
      temporal,
      new CalendarService(db.appDataSource),
      new PolicyService(db.appDataSource),
    );
    archives = new CaseArchiveService(db.appDataSource, proposals, storage, temporal);
    [submitter, officer, otherAgency, auditor, dnAdmin] = await Promise.all([
      seededUser(db.dataSource, demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' })),
      seededUser(db.dataSource, demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' })),
      seededUser(db.dataSource, demoEmail({ agency: 'HT-SGDDT', role: 'SUBMITTER' })),
      seededUser(db.dataSource, demoEmail({ agency: null, role: 'AUDITOR' })),
      seededUser(db.dataSource, 'admin@dongnai.gov.vn'),
    ]);
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('archives the case with events that recompute offline, audits the export, and holds it in the next archive', async () => {
    const c = await caseWithFile();
    // An activity failure with its stack trace: the archive keeps the message, not the servers' paths.
    fetchHistory = async () => ({
      events: [
        { eventId: 1, eventType: 1 },
        {
          eventId: 2,
          eventType: 14,
          activityTaskFailedEventAttributes: { failure: { message: 'projection failed', stackTrace: 'at /srv/accord/dist/x.js:1' } },
        },
      ],
    });
    const first = await archives.export(submitter, c.id);
    expect(first.reference).toBe(c.reference);
    const verdict = await verifyCaseArchive(first.bytes);
    expect(verdict).toMatchObject({ ok: true, eventsChecked: 1, manifestSha256: first.manifestSha256 });
    const zip = await JSZip.loadAsync(first.bytes);
    expect((await zip.file(`attachments/${c.attachmentId}-Dự thảo.pdf`)!.async('nodebuffer')).equals(c.file)).toBe(true);
    expect(JSON.parse(await zip.file('temporal/history.json')!.async('string'))).toEqual({
      workflowId: c.workflowId,
      history: {
        events: [
          { eventId: '1', eventType: 1 },
          { eventId: '2', eventType: 14, activityTaskFailedEventAttributes: { failure: { message: 'projection failed' } } },
        ],
      },
      stackTracesRemoved: true,
    });
    expect(await exportsOf(c.id)).toEqual([
      { payload: expect.objectContaining({ reference: c.reference, manifestSha256: first.manifestSha256, auditEvents: 1 }) },
    ]);

    const second = await archives.export(auditor, c.id);
    const again = await verifyCaseArchive(second.bytes);
    // The two events were appended one after the other: their link is checked too.
    expect(again).toMatchObject({ ok: true, eventsChecked: 2 });
    const events = JSON.parse(await (await JSZip.loadAsync(second.bytes)).file('audit/events.json')!.async('string')).events;
    expect(events.map((e: { action: string }) => e.action)).toEqual(['PROPOSAL_SUBMITTED', 'ARCHIVE_EXPORTED']);
    expect(events[1].payload.manifestSha256).toBe(first.manifestSha256);
  });

  it('records a workflow Temporal no longer has as missing', async () => {
    const c = await caseWithFile();
    fetchHistory = async (workflowId) => {
      throw new WorkflowNotFoundError('not found', workflowId, undefined);
    };
    const archive = await archives.export(submitter, c.id);
    expect((await verifyCaseArchive(archive.bytes)).ok).toBe(true);
    const history = JSON.parse(await (await JSZip.loadAsync(archive.bytes)).file('temporal/history.json')!.async('string'));
    expect(history).toMatchObject({ workflowId: c.workflowId, history: null, missing: expect.stringContaining('retention') });
  });

  it('answers 503 rather than a partial archive, and records no export', async () => {
    const c = await caseWithFile();
    fetchHistory = async () => {
      throw new Error('14 UNAVAILABLE: No connection established');
    };
    await expect(archives.export(submitter, c.id)).rejects.toMatchObject({ code: 'WORKFLOW_ENGINE_UNAVAILABLE' });

    fetchHistory = async () => ({ events: [] });
    await db.dataSource.query('UPDATE attachment SET storage_key = $2 WHERE id = $1', [c.attachmentId, 'e'.repeat(64)]);
    await expect(archives.export(submitter, c.id)).rejects.toMatchObject({ code: 'ATTACHMENT_CONTENT_UNAVAILABLE' });
    expect(await exportsOf(c.id)).toEqual([]);
  });

  it('lets LEADER, ADMIN, AUDITOR and the submitting agency export; a reviewing agency 403, others and another province 404', async () => {
    const c = await caseWithFile();
    fetchHistory = async () => ({ events: [] });
    await expect(archives.export(officer, c.id)).rejects.toMatchObject({ code: 'NOT_ARCHIVE_READER' });
    await expect(archives.export(otherAgency, c.id)).rejects.toMatchObject({ code: 'PROPOSAL_NOT_FOUND' });
    await expect(runInProvince('DN', () => archives.export(dnAdmin, c.id))).rejects.toMatchObject({ code: 'PROPOSAL_NOT_FOUND' });
    expect(await exportsOf(c.id)).toEqual([]);
    await expect(archives.export(auditor, c.id)).resolves.toMatchObject({ reference: c.reference });
  });

  it('builds ARCHIVES_AT_ONCE archives at a time: others wait their turn, too many waiting are told to come back (429)', async () => {
    const c = await caseWithFile();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let fetched = 0;
    fetchHistory = async () => {
      fetched++;
      await held;
      return { events: [] };
    };
    const asked = ARCHIVES_AT_ONCE + ARCHIVE_WAIT.maxQueued;
    const served = Array.from({ length: asked }, () => archives.export(submitter, c.id));
    // Past the who-may check, only ARCHIVES_AT_ONCE are built; the rest wait, and one more than may wait is refused.
    await waitFor(
      'every export at the gate',
      async () => archives.load,
      (l) => l.waiting === ARCHIVE_WAIT.maxQueued,
    );
    expect(archives.load).toEqual({ building: ARCHIVES_AT_ONCE, waiting: ARCHIVE_WAIT.maxQueued });
    await expect(archives.export(submitter, c.id)).rejects.toMatchObject({ status: 429, code: 'ARCHIVE_BUSY' });
    expect(fetched).toBe(ARCHIVES_AT_ONCE);
    // A caller who may not export is answered at once, never queued.
    await expect(archives.export(officer, c.id)).rejects.toMatchObject({ code: 'NOT_ARCHIVE_READER' });
    release();
    expect((await Promise.all(served)).map((a) => a.reference)).toEqual(Array(asked).fill(c.reference));
    expect(fetched).toBe(asked);
  });
});
