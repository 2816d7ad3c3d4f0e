/**
 * Attachments (upload, type and size checks, pinning, access), task claim / unclaim / assign, and the registry
 * export — black-box over HTTP against the real api, worker, Temporal and Postgres.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { ApiClient, login } from '../support/http';
import { mouBody } from '../support/fixtures';
import { driveMou } from '../support/drive';
import { waitFor } from '../support/eventually';
import { ROOT } from '../support/processes';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl } = stack();
const V1 = '/api/v1';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Small files that begin the way real ones do; random tails keep their hashes apart. */
const fakePdf = () => Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n'), randomBytes(256), Buffer.from('\n%%EOF\n')]);
const fakePng = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);
const fakeJpeg = () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]);
const fakeZip = () => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(64)]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Uploaded {
  status: number;
  body: any;
  contentType: string | null;
}

async function upload(
  client: ApiClient,
  filename: string,
  type: string,
  bytes: Buffer,
  field = 'file',
  headers: Record<string, string> = {},
): Promise<Uploaded> {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type }), filename);
  const res = await fetch(`${apiUrl}${V1}/attachments`, {
    method: 'POST',
    headers: { ...(client.token ? { authorization: `Bearer ${client.token}` } : {}), ...headers },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, contentType: res.headers.get('content-type') };
}

async function download(client: ApiClient, id: string): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const res = await fetch(`${apiUrl}${V1}/attachments/${id}/content`, { headers: { authorization: `Bearer ${client.token}` } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

function expectFileError(res: Uploaded) {
  expect({ status: res.status, body: res.body }).toMatchObject({
    status: 400,
    body: { status: 400, errors: [expect.objectContaining({ field: 'file' })] },
  });
  expect(res.contentType).toMatch(/application\/problem\+json/);
}

type Task = {
  id: string;
  kind: string;
  status: string;
  candidateAgency: { code: string };
  assignee: { id: string; fullName: string } | null;
};

describe('attachments, task claims and the registry export', () => {
  let submitter: ApiClient,
    otherSubmitter: ApiClient,
    officer: ApiClient,
    sngvHead: ApiClient,
    ca: ApiClient,
    chairman: ApiClient,
    admin: ApiClient,
    auditor: ApiClient;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const emails = {
      submitter: demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
      otherSubmitter: demoEmail({ agency: 'HT-SGDDT', role: 'SUBMITTER' }),
      officer: demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
      sngvHead: demoEmail({ agency: 'HT-SNGV', role: 'AGENCY_HEAD' }),
      ca: demoEmail({ agency: 'HT-CA', role: 'REVIEWER' }),
      chairman: demoEmail({ agency: 'HT-UBND', role: 'LEADER' }),
      admin: demoEmail({ agency: null, role: 'ADMIN' }),
      auditor: demoEmail({ agency: null, role: 'AUDITOR' }),
    };
    const clients = await Promise.all(Object.values(emails).map((e) => login(apiUrl, e)));
    [submitter, otherSubmitter, officer, sngvHead, ca, chairman, admin, auditor] = clients as [
      ApiClient,
      ApiClient,
      ApiClient,
      ApiClient,
      ApiClient,
      ApiClient,
      ApiClient,
      ApiClient,
    ];
    const names = Object.keys(emails);
    for (const [i, c] of clients.entries()) ids[names[i]!] = (await c.get(`${V1}/me`)).body.id;
  });

  async function openTasks(client: ApiClient, proposalId: string): Promise<Task[]> {
    const res = await client.get(`${V1}/tasks?proposalId=${proposalId}&status=OPEN`);
    expect(res.status).toBe(200);
    return res.body.items;
  }

  describe('attachments', () => {
    it('accepts PDF, DOCX, XLSX, PNG and JPEG, answering {id, filename, size, sha256, mediaType}', async () => {
      const pdf = fakePdf();
      const res = await upload(submitter, 'Dự thảo thỏa thuận hợp tác.pdf', 'application/pdf', pdf);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        filename: 'Dự thảo thỏa thuận hợp tác.pdf',
        size: pdf.length,
        sha256: sha256(pdf),
        mediaType: 'application/pdf',
      });

      for (const [name, type, bytes, stored] of [
        ['Bản đồ.png', 'image/png', fakePng(), 'image/png'],
        ['photo.JPG', 'image/jpeg', fakeJpeg(), 'image/jpeg'],
        ['Thuyết minh.docx', DOCX, fakeZip(), DOCX],
        ['Dự toán.xlsx', XLSX, fakeZip(), XLSX],
      ] as const) {
        const ok = await upload(officer, name, type, bytes);
        expect({ name, status: ok.status }).toEqual({ name, status: 201 });
        expect(ok.body).toMatchObject({ filename: name, size: bytes.length, sha256: sha256(bytes), mediaType: stored });
      }
    });

    it('refuses other types, mismatched content, names or declared types, and missing files with 400 on `file`', async () => {
      expectFileError(await upload(submitter, 'notes.txt', 'text/plain', Buffer.from('hello')));
      expectFileError(await upload(submitter, 'scan.pdf', 'application/octet-stream', fakePdf()));
      expectFileError(await upload(submitter, 'fake.pdf', 'application/pdf', fakePng())); // declared PDF, bytes PNG
      expectFileError(await upload(submitter, 'plan.exe', 'application/pdf', fakePdf())); // PDF content, wrong extension
      expectFileError(await upload(submitter, 'budget.docx', XLSX, fakeZip())); // extension says DOCX, type says XLSX
      expectFileError(await upload(submitter, 'budget.xlsx', XLSX, Buffer.from('not a zip at all'))); // not a zip package
      expectFileError(await upload(submitter, 'empty.pdf', 'application/pdf', Buffer.alloc(0)));
      expectFileError(await upload(submitter, 'other-field.pdf', 'application/pdf', fakePdf(), 'document'));
      const json = await submitter.post(`${V1}/attachments`, { file: 'x' });
      expect(json.status).toBe(400);
      expect(json.body.errors).toEqual([expect.objectContaining({ field: 'file' })]);
      expect((await upload(new ApiClient(apiUrl), 'a.pdf', 'application/pdf', fakePdf())).status).toBe(401);
    });

    it('refuses a file over the 25 MiB limit with 400 (not 413)', async () => {
      const big = Buffer.alloc(25 * 1024 * 1024 + 1, 0x20);
      big.write('%PDF-1.7\n', 0, 'latin1');
      const res = await upload(submitter, 'huge.pdf', 'application/pdf', big);
      expectFileError(res);
      expect(res.body.errors[0].message).toMatch(/larger than/);
    });

    it('streams an upload to a temporary file while it arrives, and leaves no temporary file behind', async () => {
      // Uploads are no longer held whole in memory (issue 12, item 12): multer writes the part to ATTACHMENT_DIR/.incoming
      // as it arrives, the api hashes that file as a stream and moves it into the content-addressed store.
      const incoming = join(ROOT, '.data', 'attachments', '.incoming');
      const sizes = () => (existsSync(incoming) ? readdirSync(incoming).map((f) => statSync(join(incoming, f)).size) : []);
      const boundary = `accord${randomBytes(8).toString('hex')}`;
      const mib = () => randomBytes(1024 * 1024);
      const parts = [Buffer.from('%PDF-1.7\n'), mib(), mib(), mib()];
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const body = new ReadableStream<Uint8Array>({
        async start(c) {
          c.enqueue(
            Buffer.from(
              `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="streamed.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
            ),
          );
          for (const part of parts.slice(0, 3)) c.enqueue(part);
          await gate; // the rest only once the test has seen the first two MiB on disk
          c.enqueue(parts[3]!);
          c.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`));
          c.close();
        },
      });
      const pending = fetch(`${apiUrl}${V1}/attachments`, {
        method: 'POST',
        body,
        duplex: 'half',
        headers: { authorization: `Bearer ${submitter.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      } as RequestInit & { duplex: 'half' });
      try {
        await waitFor(
          'the upload written to a temporary file as it arrives',
          async () => sizes(),
          (s) => s.some((n) => n >= 1024 * 1024),
          20_000,
        );
      } finally {
        release();
      }
      const res = await pending;
      expect(res.status).toBe(201);
      const whole = Buffer.concat(parts);
      expect(await res.json()).toMatchObject({ size: whole.length, sha256: sha256(whole) });
      expect(sizes()).toEqual([]);

      // Refused uploads (too large, wrong type) leave nothing behind either.
      const big = Buffer.alloc(25 * 1024 * 1024 + 1, 0x20);
      big.write('%PDF-1.7\n', 0, 'latin1');
      expectFileError(await upload(submitter, 'huge.pdf', 'application/pdf', big));
      expectFileError(await upload(submitter, 'fake.pdf', 'application/pdf', fakePng()));
      expect(sizes()).toEqual([]);
    });

    it('stores identical bytes once but records every upload, and honours Idempotency-Key', async () => {
      const bytes = fakePdf();
      const [a, b] = [
        await upload(submitter, 'a.pdf', 'application/pdf', bytes),
        await upload(submitter, 'b.pdf', 'application/pdf', bytes),
      ];
      expect(a.body.id).not.toBe(b.body.id);
      expect(a.body.sha256).toBe(b.body.sha256);
      expect((await download(submitter, b.body.id)).bytes.equals(bytes)).toBe(true);

      const key = `upload-${Date.now()}`;
      const first = await upload(submitter, 'keyed.pdf', 'application/pdf', fakePdf(), 'file', { 'Idempotency-Key': key });
      const again = await upload(submitter, 'keyed.pdf', 'application/pdf', fakePdf(), 'file', { 'Idempotency-Key': key });
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body).toEqual(first.body);

      const audit = await auditor.get(`${V1}/audit?action=ATTACHMENT_UPLOADED&actorId=${ids.submitter}&limit=200`);
      expect(audit.status).toBe(200);
      const recorded = audit.body.items.map((e: { payload: { attachmentId: string } }) => e.payload.attachmentId);
      expect(recorded).toEqual(expect.arrayContaining([a.body.id, b.body.id, first.body.id]));
      expect(audit.body.items.find((e: { payload: { attachmentId: string } }) => e.payload.attachmentId === a.body.id).payload).toEqual({
        attachmentId: a.body.id,
        filename: 'a.pdf',
        size: bytes.length,
        sha256: sha256(bytes),
        mediaType: 'application/pdf',
      });
    });

    it('pins an uploaded PDF in the dossier and serves it to who may see the proposal, byte-identical', async () => {
      const pdf = fakePdf();
      const filename = 'Tờ trình đề nghị ký kết "MoU".pdf';
      const up = await upload(submitter, filename, 'application/pdf', pdf);
      expect(up.status).toBe(201);
      const attachmentId: string = up.body.id;

      // Before any proposal refers to it, only the uploader may read it.
      const own = await download(submitter, attachmentId);
      expect(own.status).toBe(200);
      expect(own.bytes.equals(pdf)).toBe(true);
      expect(own.headers.get('content-type')).toBe('application/pdf');
      expect(own.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(filename).replace(/'/g, '%27')}`);
      expect(own.headers.get('content-disposition')).toMatch(/^attachment; filename="[\x20-\x7e]+"/);
      expect((await download(officer, attachmentId)).status).toBe(404);

      const created = await submitter.post(`${V1}/proposals`, mouBody({ title: 'MoU with a dossier file', attachmentIds: [attachmentId] }));
      expect(created.status).toBe(201);
      const proposalId: string = created.body.id;
      const detail = await submitter.get(`${V1}/proposals/${proposalId}`);
      expect(detail.status).toBe(200);
      expect(detail.body.dossierVersions[0].attachments).toEqual([{ id: attachmentId, sha256: sha256(pdf), filename }]);
      expect(detail.body.dossierVersions[0].content.attachmentIds).toEqual([attachmentId]);

      // Routed (INTAKE_CHECK for SNGV) and leaders may now read it; others still may not.
      for (const reader of [officer, chairman, auditor]) {
        const got = await download(reader, attachmentId);
        expect(got.status).toBe(200);
        expect(sha256(got.bytes)).toBe(sha256(pdf));
      }
      expect((await download(otherSubmitter, attachmentId)).status).toBe(404);
      expect((await download(ca, attachmentId)).status).toBe(404); // not consulted yet

      // An attachment given with a task decision becomes readable by whoever sees the proposal.
      const note = fakePdf();
      const noteUp = await upload(officer, 'Phiếu kiểm tra hồ sơ.pdf', 'application/pdf', note);
      expect((await download(submitter, noteUp.body.id)).status).toBe(404);
      const [intake] = await openTasks(officer, proposalId);
      const done = await officer.post(`${V1}/tasks/${intake!.id}/complete`, { decision: 'COMPLETE', attachmentIds: [noteUp.body.id] });
      expect(done.status).toBe(200);
      expect(done.body.task.attachmentIds).toEqual([noteUp.body.id]);
      // The answer is the task as it is now stored: unclaimed before, it is now the officer's.
      expect((await officer.get(`${V1}/tasks/${intake!.id}`)).body).toEqual(done.body.task);
      expect(done.body.task.assignee).toMatchObject({ id: expect.any(String) });
      const noteBack = await download(submitter, noteUp.body.id);
      expect(noteBack.status).toBe(200);
      expect(noteBack.bytes.equals(note)).toBe(true);
      expect((await download(ca, attachmentId)).status).toBe(200); // consulted now

      expect((await download(submitter, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await download(submitter, 'not-a-uuid')).status).toBe(400);
    });
  });

  describe('claim, unclaim and assign', () => {
    it('lets a candidate claim, holds others off, and lets the holder or the head release it', async () => {
      const created = await submitter.post(`${V1}/proposals`, mouBody({ title: 'MoU claims' }));
      expect(created.status).toBe(201);
      const proposalId: string = created.body.id;
      const [intake] = await openTasks(officer, proposalId);
      expect(intake).toMatchObject({ kind: 'INTAKE_CHECK', assignee: null });
      const taskId = intake!.id;

      expect((await submitter.post(`${V1}/tasks/${taskId}/claim`)).status).toBe(403);
      expect((await chairman.post(`${V1}/tasks/${taskId}/claim`)).status).toBe(403);
      expect((await officer.post(`${V1}/tasks/00000000-0000-4000-8000-000000000000/claim`)).status).toBe(404);

      const claimed = await officer.post(`${V1}/tasks/${taskId}/claim`);
      expect(claimed.status).toBe(200);
      expect(claimed.body).toMatchObject({
        id: taskId,
        proposalId,
        kind: 'INTAKE_CHECK',
        status: 'OPEN',
        candidateAgency: { code: 'HT-SNGV' },
        assignee: { id: ids.officer, fullName: expect.any(String) },
      });
      expect(claimed.body.allowedDecisions).toEqual(['COMPLETE', 'REQUEST_SUPPLEMENT']);
      expect((await officer.post(`${V1}/tasks/${taskId}/claim`)).status).toBe(200); // again, by the holder

      const taken = await sngvHead.post(`${V1}/tasks/${taskId}/claim`);
      expect(taken.status).toBe(409);
      expect(taken.contentType).toMatch(/application\/problem\+json/);
      // Out of the head's inbox, and not the head's to complete.
      expect((await sngvHead.get(`${V1}/tasks`)).body.items.map((t: Task) => t.id)).not.toContain(taskId);
      expect((await officer.get(`${V1}/tasks?assignee=me`)).body.items.map((t: Task) => t.id)).toContain(taskId);
      expect((await sngvHead.post(`${V1}/tasks/${taskId}/complete`, { decision: 'COMPLETE' })).status).toBe(409);

      const released = await officer.post(`${V1}/tasks/${taskId}/unclaim`);
      expect(released.status).toBe(200);
      expect(released.body.assignee).toBeNull();
      expect((await officer.post(`${V1}/tasks/${taskId}/unclaim`)).status).toBe(200); // nobody holds it: nothing to do

      // A plain member cannot take it off the head; the head can take it off a member.
      expect((await sngvHead.post(`${V1}/tasks/${taskId}/claim`)).status).toBe(200);
      expect((await officer.post(`${V1}/tasks/${taskId}/unclaim`)).status).toBe(409);
      expect((await submitter.post(`${V1}/tasks/${taskId}/unclaim`)).status).toBe(403);
      expect((await sngvHead.post(`${V1}/tasks/${taskId}/unclaim`)).status).toBe(200);
      expect((await officer.post(`${V1}/tasks/${taskId}/claim`)).status).toBe(200);
      const byHead = await sngvHead.post(`${V1}/tasks/${taskId}/unclaim`);
      expect(byHead.status).toBe(200);
      expect(byHead.body.assignee).toBeNull();
      expect((await officer.post(`${V1}/tasks/${taskId}/claim`)).status).toBe(200);
      expect((await admin.post(`${V1}/tasks/${taskId}/unclaim`)).status).toBe(200);

      // Completing goes to the holder; afterwards nothing can be claimed.
      expect((await officer.post(`${V1}/tasks/${taskId}/claim`)).status).toBe(200);
      expect((await officer.post(`${V1}/tasks/${taskId}/complete`, { decision: 'COMPLETE' })).status).toBe(200);
      expect((await officer.post(`${V1}/tasks/${taskId}/claim`)).status).toBe(409);
      expect((await officer.post(`${V1}/tasks/${taskId}/unclaim`)).status).toBe(409);
      expect((await sngvHead.post(`${V1}/tasks/${taskId}/assign`, { userId: ids.officer })).status).toBe(409);

      const timeline = await submitter.get(`${V1}/proposals/${proposalId}/timeline`);
      const events = timeline.body.events.filter((e: { action: string }) =>
        ['TASK_CLAIMED', 'TASK_UNCLAIMED', 'TASK_ASSIGNED'].includes(e.action),
      );
      expect(events.map((e: { action: string }) => e.action)).toEqual([
        'TASK_CLAIMED',
        'TASK_UNCLAIMED',
        'TASK_CLAIMED',
        'TASK_UNCLAIMED',
        'TASK_CLAIMED',
        'TASK_UNCLAIMED',
        'TASK_CLAIMED',
        'TASK_UNCLAIMED',
        'TASK_CLAIMED',
      ]);
      expect(events[0]).toMatchObject({
        actor: { id: ids.officer, type: 'USER' },
        stage: 'INTAKE',
        details: { taskId, assignee: { id: ids.officer } },
      });
      expect(events[5]).toMatchObject({
        actor: { id: ids.sngvHead },
        details: { taskId, assignee: null, previousAssigneeId: ids.officer },
      });
      expect(events[7]).toMatchObject({ actor: { id: ids.admin }, details: { previousAssigneeId: ids.officer } });
    });

    it('gives exactly one of two racing claims the task', async () => {
      const created = await submitter.post(`${V1}/proposals`, mouBody({ title: 'MoU claim race' }));
      const [intake] = await openTasks(officer, created.body.id);
      const results = await Promise.all([
        officer.post(`${V1}/tasks/${intake!.id}/claim`),
        sngvHead.post(`${V1}/tasks/${intake!.id}/claim`),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = results.find((r) => r.status === 200)!;
      const task = await officer.get(`${V1}/tasks/${intake!.id}`);
      expect(task.body.assignee.id).toBe(winner.body.assignee.id);
      const claims = (await submitter.get(`${V1}/proposals/${created.body.id}/timeline`)).body.events.filter(
        (e: { action: string }) => e.action === 'TASK_CLAIMED',
      );
      expect(claims).toHaveLength(1);
    });

    it('lets the agency head or an administrator assign to a member of the candidate agency', async () => {
      const created = await submitter.post(`${V1}/proposals`, mouBody({ title: 'MoU assignment' }));
      const proposalId: string = created.body.id;
      const [intake] = await openTasks(officer, proposalId);
      const taskId = intake!.id;

      expect((await officer.post(`${V1}/tasks/${taskId}/assign`, { userId: ids.officer })).status).toBe(403); // not the head
      expect((await submitter.post(`${V1}/tasks/${taskId}/assign`, { userId: ids.submitter })).status).toBe(403);
      const outsider = await sngvHead.post(`${V1}/tasks/${taskId}/assign`, { userId: ids.submitter });
      expect(outsider.status).toBe(400);
      expect(outsider.body.errors).toEqual([expect.objectContaining({ field: 'userId' })]);
      const nobody = await sngvHead.post(`${V1}/tasks/${taskId}/assign`, { userId: '00000000-0000-4000-8000-000000000000' });
      expect(nobody.status).toBe(400);
      expect(nobody.body.errors).toEqual([expect.objectContaining({ field: 'userId' })]);
      const malformed = await sngvHead.post(`${V1}/tasks/${taskId}/assign`, { userId: 'someone' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors.map((e: { field: string }) => e.field)).toEqual(['userId']);
      expect((await sngvHead.post(`${V1}/tasks/00000000-0000-4000-8000-000000000000/assign`, { userId: ids.officer })).status).toBe(404);

      const assigned = await sngvHead.post(`${V1}/tasks/${taskId}/assign`, { userId: ids.officer });
      expect(assigned.status).toBe(200);
      expect(assigned.body.assignee).toMatchObject({ id: ids.officer });
      // The administrator may reassign a held task.
      const reassigned = await admin.post(`${V1}/tasks/${taskId}/assign`, { userId: ids.sngvHead });
      expect(reassigned.status).toBe(200);
      expect(reassigned.body.assignee.id).toBe(ids.sngvHead);
      expect((await officer.post(`${V1}/tasks/${taskId}/complete`, { decision: 'COMPLETE' })).status).toBe(409);
      expect((await sngvHead.post(`${V1}/tasks/${taskId}/assign`, { userId: ids.officer })).status).toBe(200);
      expect((await officer.post(`${V1}/tasks/${taskId}/complete`, { decision: 'COMPLETE' })).status).toBe(200);

      // A head of another agency may not assign; members of that agency may claim.
      const consult = await openTasks(ca, proposalId);
      const caTask = consult.find((t) => t.candidateAgency.code === 'HT-CA')!;
      expect((await sngvHead.post(`${V1}/tasks/${caTask.id}/assign`, { userId: ids.ca })).status).toBe(403);
      expect((await officer.post(`${V1}/tasks/${caTask.id}/claim`)).status).toBe(403);
      expect((await admin.post(`${V1}/tasks/${caTask.id}/assign`, { userId: ids.ca })).body.assignee.id).toBe(ids.ca);

      const audit = await auditor.get(`${V1}/audit?proposalId=${proposalId}&action=TASK_ASSIGNED`);
      expect(
        audit.body.items.map((e: { payload: { taskId: string; assignee: { id: string } } }) => [e.payload.taskId, e.payload.assignee.id]),
      ).toEqual([
        [taskId, ids.officer],
        [taskId, ids.sngvHead],
        [taskId, ids.officer],
        [caTask.id, ids.ca],
      ]);
      expect((await auditor.get(`${V1}/audit/verify`)).body.ok).toBe(true);
    });
  });

  describe('registry export', () => {
    it('exports every agreement as JSON, as CSV with a BOM for Excel, and as an official DOCX', async () => {
      const number = `HT-LA-EXP-${Date.now()}`;
      const title = 'Thỏa thuận hợp tác giáo dục với tỉnh Savannakhet';
      const { id, reference } = await driveMou(apiUrl, {
        until: 'SIGNED',
        body: mouBody({ title }, { fields: ['EDUCATION', 'CULTURE'], termMonths: 24 }),
        signing: {
          place: 'Thành phố Hà Tĩnh',
          agreementNumber: number,
          signatories: [
            { name: 'Bùi Thanh Minh', title: 'Chủ tịch UBND tỉnh', party: 'Hà Tĩnh' },
            { name: 'Phouthone Sengdala', title: 'Governor', party: 'Savannakhet' },
          ],
        },
      });
      const registry = await submitter.get(`${V1}/agreements?limit=200`);
      const registered = registry.body.items.find((a: { proposalId: string }) => a.proposalId === id);
      // The signing date is the civil date in Viet Nam (UTC+7) of the signing instant.
      const signedOn = new Date(Date.parse(registered.signedAt) + 7 * 3600_000).toISOString().slice(0, 10);

      const json = await submitter.get(`${V1}/agreements/export`);
      expect(json.status).toBe(200);
      expect(json.contentType).toMatch(/application\/json/);
      const item = json.body.items.find((a: { proposalReference: string }) => a.proposalReference === reference);
      expect(item).toMatchObject({
        number,
        title,
        parties: {
          vietnamese: { code: 'HT-UBND', name: 'Ủy ban nhân dân tỉnh Hà Tĩnh' },
          counterpart: { name: 'Savannakhet Province', country: 'LA', type: 'FOREIGN_LOCAL_GOVERNMENT' },
        },
        country: 'LA',
        countryName: 'Lào',
        fields: ['EDUCATION', 'CULTURE'],
        signedOn,
        place: 'Thành phố Hà Tĩnh',
        termMonths: 24,
        status: 'IN_FORCE',
        signatories: [expect.objectContaining({ name: 'Bùi Thanh Minh' }), expect.objectContaining({ name: 'Phouthone Sengdala' })],
        leadAgency: { code: 'HT-SCT', name: 'Sở Công Thương' },
        proposalReference: reference,
      });
      expect(item.expiresOn).toBe(registered.expiresAt);
      expect(item.signedAt).toBe(registered.signedAt);
      expect(item.expiresOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect((await submitter.get(`${V1}/agreements/export?format=json`)).body.items).toHaveLength(json.body.items.length);

      const res = await fetch(`${apiUrl}${V1}/agreements/export?format=csv`, { headers: { authorization: `Bearer ${chairman.token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="agreements-\d{4}-\d{2}-\d{2}\.csv"$/);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.subarray(3).toString('utf8').split('\r\n');
      expect(lines[0]).toBe(
        'number,title,vietnameseParty,counterpart,counterpartType,country,countryName,fields,signedOn,place,signatories,termMonths,expiresOn,status,leadAgencyCode,leadAgencyName,proposalReference',
      );
      expect(lines.filter((l) => l.length)).toHaveLength(json.body.items.length + 1);
      const row = lines.find((l) => l.startsWith(`${number},`));
      expect(row).toBe(
        [
          number,
          title,
          'Ủy ban nhân dân tỉnh Hà Tĩnh',
          'Savannakhet Province',
          'FOREIGN_LOCAL_GOVERNMENT',
          'LA',
          'Lào',
          'EDUCATION; CULTURE',
          signedOn,
          'Thành phố Hà Tĩnh',
          '"Bùi Thanh Minh (Chủ tịch UBND tỉnh, Hà Tĩnh); Phouthone Sengdala (Governor, Savannakhet)"',
          '24',
          item.expiresOn,
          'IN_FORCE',
          'HT-SCT',
          'Sở Công Thương',
          reference,
        ].join(','),
      );

      const bad = await submitter.get(`${V1}/agreements/export?format=xml`);
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'format' })]);
      expect((await new ApiClient(apiUrl).get(`${V1}/agreements/export`)).status).toBe(401);

      // format=docx: the registry as an official document for people to read, names instead of codes (issue 17, item 6).
      const docxRes = await fetch(`${apiUrl}${V1}/agreements/export?format=docx`, {
        headers: { authorization: `Bearer ${submitter.token}` },
      });
      expect(docxRes.status).toBe(200);
      expect(docxRes.headers.get('content-type')).toBe(DOCX);
      expect(docxRes.headers.get('content-disposition')).toMatch(/^attachment; filename="agreements-\d{4}-\d{2}-\d{2}\.docx"$/);
      const docXml = await (await JSZip.loadAsync(Buffer.from(await docxRes.arrayBuffer()))).file('word/document.xml')!.async('string');
      const paras = docXml
        .split('</w:p>')
        .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!.replace(/&amp;/g, '&')).join(''))
        .filter((t) => t.length > 0);
      // Today in Viet Nam, as Decree 30 writes it (a leading zero for days below 10 and for January and February).
      const [y, m, d] = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10).split('-').map(Number) as [number, number, number];
      for (const part of [
        'UBND TỈNH HÀ TĨNH',
        'SỞ NGOẠI VỤ',
        'Số:      /BC-SNgV',
        `Hà Tĩnh, ngày ${String(d).padStart(2, '0')} tháng ${m <= 2 ? String(m).padStart(2, '0') : m} năm ${y}`,
        'DANH MỤC THỎA THUẬN QUỐC TẾ',
        'GIÁM ĐỐC',
        number,
        title,
        'Lào',
        'Sở Công Thương',
        'Còn hiệu lực',
      ])
        expect(paras).toContain(part);
      const docText = paras.join('\n');
      for (const code of ['HT-SCT', 'HT-SNGV', 'HT-UBND', 'IN_FORCE']) expect(docText).not.toContain(code);
      expect(paras).not.toContain('LA');
      expect((await new ApiClient(apiUrl).get(`${V1}/agreements/export?format=docx`)).status).toBe(401);
    });
  });

  it('describes the new endpoints in the OpenAPI document', async () => {
    const doc = (await new ApiClient(apiUrl).get('/api/docs-json')).body;
    for (const path of [
      '/api/v1/attachments',
      '/api/v1/attachments/{id}/content',
      '/api/v1/tasks/{id}/claim',
      '/api/v1/tasks/{id}/unclaim',
      '/api/v1/tasks/{id}/assign',
      '/api/v1/agreements/export',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(doc.paths['/api/v1/attachments'].post.requestBody.content['multipart/form-data'].schema).toMatchObject({
      properties: { file: { type: 'string', format: 'binary' } },
    });
    expect(doc.paths['/api/v1/tasks/{id}/assign'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/agreements/export'].get.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'format', in: 'query', schema: expect.objectContaining({ enum: ['json', 'csv', 'docx'] }) }),
      ]),
    );
  });
});
