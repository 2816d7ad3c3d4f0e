import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { LocalDiskAttachmentStorage } from '../../apps/api/src/attachments/attachment-storage';
import { AttachmentsService, type UploadedPart } from '../../apps/api/src/attachments/attachments.service';
import type { AuthUser } from '../../apps/api/src/auth/auth-user';
import { DEMO_USERS } from '@accord/persistence';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { seededUser } from '../support/medium-users';

const email = (agency: string | null, role: string) =>
  DEMO_USERS.find((u) => u.agency === agency && (u.roles as readonly string[]).includes(role))!.email;

describe('AttachmentsService (medium: real Postgres, app role, files on a temporary disk)', () => {
  let db: MediumDatabase;
  let dir: string;
  let service: AttachmentsService;
  let sct: AuthUser;
  let sgddt: AuthUser;
  let leader: AuthUser;

  /** What multer would hand over: the bytes in a temporary file. */
  const part = (bytes: Buffer, originalname = 'Dự thảo.pdf', mimetype = 'application/pdf'): UploadedPart => {
    const path = join(dir, `incoming-${randomUUID()}`);
    writeFileSync(path, bytes);
    return { originalname, mimetype, size: bytes.length, path };
  };
  const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`, 'latin1');
  const count = async (table: string): Promise<number> => (await db.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  const written = async () => ({
    attachments: await count('attachment'),
    keys: await count('idempotency_record'),
    audit: await count('audit_event'),
  });
  const read = async (stream: Readable): Promise<string> => {
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('latin1');
  };

  beforeAll(async () => {
    db = await mediumDatabase();
    dir = mkdtempSync(join(tmpdir(), 'accord-medium-attachments-'));
    service = new AttachmentsService(db.appDataSource, new LocalDiskAttachmentStorage(join(dir, 'store')));
    [sct, sgddt, leader] = await Promise.all([
      seededUser(db.dataSource, email('HT-SCT', 'SUBMITTER')),
      seededUser(db.dataSource, email('HT-SGDDT', 'SUBMITTER')),
      seededUser(db.dataSource, email('HT-UBND', 'LEADER')),
    ]);
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores the bytes by their hash, records the row and its audit event, and deletes the temporary file', async () => {
    const upload = part(pdf('one'));
    const stored = await service.upload(sct, upload);
    expect(stored).toEqual({
      id: expect.any(String),
      filename: 'Dự thảo.pdf',
      size: upload.size,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      mediaType: 'application/pdf',
    });
    expect(existsSync(upload.path)).toBe(false);
    const [row] = await db.dataSource.query('SELECT uploaded_by, storage_key FROM attachment WHERE id = $1', [stored.id]);
    expect(row).toEqual({ uploaded_by: sct.id, storage_key: stored.sha256 });
    const [audit] = await db.dataSource.query(
      `SELECT payload FROM audit_event WHERE action = 'ATTACHMENT_UPLOADED' AND payload->>'attachmentId' = $1`,
      [stored.id],
    );
    expect(audit.payload).toMatchObject({ filename: 'Dự thảo.pdf', sha256: stored.sha256 });
    expect(await read((await service.content(sct, stored.id)).getStream())).toContain('one');
  });

  it('returns the first attachment for a repeated Idempotency-Key, even with other bytes, and writes once', async () => {
    const first = await service.upload(sct, part(pdf('first')), 'upload-1');
    const before = await written();
    const second = part(pdf('second'));
    await expect(service.upload(sct, second, 'upload-1')).resolves.toEqual(first);
    expect(await written()).toEqual(before);
    expect(existsSync(second.path)).toBe(false);
  });

  it('answers two racing uploads with one key with one attachment', async () => {
    const before = await count('attachment');
    const [a, b] = await Promise.all([service.upload(sct, part(pdf('race a')), 'race'), service.upload(sct, part(pdf('race b')), 'race')]);
    expect(a.id).toBe(b.id);
    expect(await count('attachment')).toBe(before + 1);
  });

  it.each([
    ['a too long Idempotency-Key', () => part(pdf('x')), 'k'.repeat(256), 'Idempotency-Key'],
    ['a file whose bytes are not its declared type', () => part(Buffer.from('MZ not a pdf at all'), 'x.pdf'), undefined, 'file'],
    ['an empty file', () => part(Buffer.alloc(0)), undefined, 'file'],
  ])('refuses %s with 400, writing nothing and leaving no temporary file', async (_, make, key, field) => {
    const before = await written();
    const upload = make();
    await expect(service.upload(sct, upload, key)).rejects.toMatchObject({ status: 400, errors: [expect.objectContaining({ field })] });
    expect(await written()).toEqual(before);
    expect(existsSync(upload.path)).toBe(false);
  });

  it('serves the bytes to the uploader and to whoever sees a proposal that pins them, and 404 to everyone else', async () => {
    const stored = await service.upload(sct, part(pdf('pinned')));
    await expect(service.content(sgddt, stored.id)).rejects.toMatchObject({ status: 404 });
    await expect(service.content(leader, stored.id)).rejects.toMatchObject({ status: 404 });
    await expect(service.content(sct, randomUUID())).rejects.toMatchObject({ status: 404 });
    // Pinned in a dossier version of an HT-SCT proposal: a leader sees every proposal, HT-SGDDT still does not see it.
    const proposal = randomUUID();
    await db.dataSource.query(
      `INSERT INTO proposal (id, reference, kind, title, summary, details, procedure, urgency, status, submitting_agency_code, submitted_by, plan, policy_version, workflow_id, created_at, updated_at)
       VALUES ($1, 'TTQT-2031-00001', 'INTERNATIONAL_AGREEMENT', 't', 's', '{}', 'STANDARD', 'NORMAL', 'SUBMITTED', 'HT-SCT', $2, '{}', '2026.1', $3, now(), now())`,
      [proposal, sct.id, `proposal-${proposal}`],
    );
    await db.dataSource.query(
      `INSERT INTO dossier_version (id, proposal_id, version, content, attachments, hash, created_by, created_at) VALUES ($1,$2,1,'{}',$3,'h',$4,now())`,
      [randomUUID(), proposal, JSON.stringify([{ id: stored.id, sha256: stored.sha256, filename: stored.filename }]), sct.id],
    );
    expect(await read((await service.content(leader, stored.id)).getStream())).toContain('pinned');
    await expect(service.content(sgddt, stored.id)).rejects.toMatchObject({ status: 404 });
  });
});
