/**
 * Incoming edXML documents and their answers (issue 17, item 5) against real Postgres as the app role: the foreign-affairs
 * department lists what came in, accepts or rejects each once (409 after, the same answer again), every answer audited;
 * the QCVN 102 status message read back says RECEIVED, then ACCEPTED, or REJECTED with the reason, about the sender's
 * document; who may read and answer (403), and another province's 404.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '@accord/config';
import type { AuthUser } from '../../apps/api/src/auth/auth-user';
import { LocalDiskAttachmentStorage } from '../../apps/api/src/attachments/attachment-storage';
import { DocumentsService } from '../../apps/api/src/documents/documents.service';
import { EdxmlService } from '../../apps/api/src/documents/edxml.service';
import { IncomingDocumentsService } from '../../apps/api/src/documents/incoming-documents.service';
import { runInProvince } from '@accord/persistence';
import { isEdxmlErrors, parseEdxmlStatus } from '@accord/records/edxml';
import { demoEmail } from '../support/demo-users';
import { HT_ORGANS as HT, MOFA_ORGAN as MOFA, mofaPackage } from '../support/edxml-fixtures';
import { mediumDatabase, type MediumDatabase } from '../support/medium-db';
import { seededUser } from '../support/medium-users';

jest.setTimeout(60_000);

describe('incoming edXML documents (medium: real Postgres, app role)', () => {
  let db: MediumDatabase;
  let dir: string;
  let edxml: EdxmlService;
  let incoming: IncomingDocumentsService;
  let officer: AuthUser; // HT-SNGV
  let admin: AuthUser;
  let auditor: AuthUser;
  let submitter: AuthUser; // HT-SCT
  let dnAdmin: AuthUser;

  /** Registers a package MOFA sent to HT-SNGV; returns the incoming document's id and the sender's DocumentId. */
  async function received(codeNumber = '1234'): Promise<{ id: string; documentId: string }> {
    const { xml, documentId } = mofaPackage({ codeNumber });
    return { id: (await edxml.receive(officer, xml)).id, documentId };
  }

  const statusOf = async (user: AuthUser, id: string) => {
    const parsed = parseEdxmlStatus((await incoming.statusMessage(user, id)).xml);
    if (isEdxmlErrors(parsed)) throw new Error(JSON.stringify(parsed.errors));
    return parsed;
  };

  beforeAll(async () => {
    db = await mediumDatabase();
    dir = await mkdtemp(join(tmpdir(), 'accord-incoming-'));
    const config = { NODE_ENV: 'test' } as AppConfig;
    const documents = new DocumentsService(db.appDataSource);
    edxml = new EdxmlService(db.appDataSource, documents, new LocalDiskAttachmentStorage(join(dir, 'store')), config);
    incoming = new IncomingDocumentsService(db.appDataSource, edxml);
    [officer, admin, auditor, submitter, dnAdmin] = await Promise.all([
      seededUser(db.dataSource, demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' })),
      seededUser(db.dataSource, demoEmail({ agency: null, role: 'ADMIN' })),
      seededUser(db.dataSource, demoEmail({ agency: null, role: 'AUDITOR' })),
      seededUser(db.dataSource, demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' })),
      seededUser(db.dataSource, 'admin@dongnai.gov.vn'),
    ]);
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers RECEIVED, then accepts once: ACCEPTED in the document, the audit and the status message', async () => {
    const { id, documentId } = await received();
    const before = await statusOf(officer, id);
    expect(before).toMatchObject({
      status: 'RECEIVED',
      from: { organId: HT['HT-SNGV']!.organId },
      responseFor: { organId: MOFA.organId, code: '1234/BNG-LPQT', promulgationDate: '2026-12-01', documentId },
    });

    const accepted = await incoming.accept(officer, id);
    expect(accepted).toMatchObject({ id, status: 'ACCEPTED', statusReason: null, statusBy: { id: officer.id, name: officer.fullName } });
    expect(await incoming.accept(admin, id)).toEqual(accepted);
    await expect(incoming.reject(officer, id, 'Gửi nhầm')).rejects.toMatchObject({ status: 409, code: 'INCOMING_DOCUMENT_ANSWERED' });
    expect(await statusOf(auditor, id)).toMatchObject({ status: 'ACCEPTED', responseFor: { documentId } });
    const audits = await db.dataSource.query(`SELECT action FROM audit_event WHERE payload->>'incomingDocumentId' = $1 ORDER BY seq`, [id]);
    expect(audits.map((a: { action: string }) => a.action)).toEqual(['EDXML_RECEIVED', 'EDXML_ACCEPTED']);
  });

  it('rejects with the reason the sender gets back; once, whoever asks at the same moment', async () => {
    const { id } = await received('77');
    const answers = await Promise.allSettled([incoming.reject(officer, id, 'Văn bản gửi nhầm cơ quan'), incoming.accept(admin, id)]);
    const won = answers.filter((a) => a.status === 'fulfilled');
    expect(won).toHaveLength(1);
    const lost = answers.find((a) => a.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ status: 409, code: 'INCOMING_DOCUMENT_ANSWERED' });
    const now = await incoming.get(auditor, id);
    const message = await statusOf(officer, id);
    if (now.status === 'REJECTED') {
      expect(now.statusReason).toBe('Văn bản gửi nhầm cơ quan');
      expect(message).toMatchObject({ status: 'REJECTED', description: 'Văn bản gửi nhầm cơ quan' });
    } else {
      expect(message).toMatchObject({ status: 'ACCEPTED' });
    }
    const answered = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_event WHERE payload->>'incomingDocumentId' = $1 AND action <> 'EDXML_RECEIVED'`,
      [id],
    );
    expect(answered[0].n).toBe(1);
  });

  it('lists newest first, by status, a page at a time', async () => {
    const a = await received('901');
    const b = await received('902');
    await incoming.reject(officer, b.id, 'Không thuộc thẩm quyền');
    const first = await incoming.list(officer, { limit: 1 });
    expect(first.items.map((d) => d.id)).toEqual([b.id]);
    const second = await incoming.list(officer, { limit: 1, cursor: first.nextCursor! });
    expect(second.items.map((d) => d.id)).toEqual([a.id]);
    const rejected = await incoming.list(auditor, { status: 'REJECTED', limit: 200 });
    expect(rejected.items.every((d) => d.status === 'REJECTED')).toBe(true);
    expect(rejected.items.map((d) => d.id)).toContain(b.id);
    expect(rejected.items.map((d) => d.id)).not.toContain(a.id);
  });

  it('lets SNGV and ADMIN answer, AUDITOR only read, nobody else either, and hides them from another province', async () => {
    const { id } = await received('555');
    await expect(incoming.get(submitter, id)).rejects.toMatchObject({ status: 403, code: 'NOT_EDXML_RECEIVER' });
    await expect(incoming.list(submitter, {})).rejects.toMatchObject({ status: 403 });
    await expect(incoming.accept(auditor, id)).rejects.toMatchObject({ status: 403 });
    await expect(incoming.reject(submitter, id, 'x')).rejects.toMatchObject({ status: 403 });
    await expect(runInProvince('DN', () => incoming.get(dnAdmin, id))).rejects.toMatchObject({ status: 404 });
    await expect(runInProvince('DN', () => incoming.accept(dnAdmin, id))).rejects.toMatchObject({ status: 404 });
    const dnList = await runInProvince('DN', () => incoming.list(dnAdmin, { limit: 200 }));
    expect(dnList.items.map((d) => d.id)).not.toContain(id);
    expect((await incoming.get(officer, id)).status).toBe('RECEIVED');
  });
});
