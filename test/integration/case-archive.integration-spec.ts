/**
 * The case archive over HTTP (issue 17, item 7; docs/records.md "Case archive"): a signed MoU with a dossier file and
 * a signed decision is downloaded by its submitter, verified offline with the code `npm run verify-archive` runs (and
 * once through the script itself), found intact with every part of the case in it, and refused once one byte changes.
 * The export is anchored in the audit chain (ARCHIVE_EXPORTED with the manifest's sha256). Another agency that does
 * not see the proposal and another province get 404, an agency that sees it without being its submitter 403.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { sha256Of, verifyCaseArchive } from '@accord/records/archive';
import { createTestCa, issueTestCertificate, signPdf } from '@accord/records/signature/test-signing';
import { DEMO_CAST } from '../support/demo-users';
import { driveMou } from '../support/drive';
import { mouBody } from '../support/fixtures';
import type { ApiClient } from '../support/http';
import { signInAll, type Session } from '../support/sessions';
import { stack } from './stack';

const { apiUrl, databaseUrl } = stack();
const V1 = '/api/v1';
const REPO = join(__dirname, '..', '..');

async function download(client: ApiClient, path: string) {
  const res = await fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${client.token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, json: () => JSON.parse(bytes.toString('utf8')) };
}

async function upload(client: ApiClient, path: string, bytes: Buffer, filename: string) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), filename);
  const res = await fetch(`${apiUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${client.token}` }, body: form });
  return { status: res.status, body: (await res.json()) as { id: string } };
}

function verifyArchiveScript(file: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', 'scripts/verify-archive.ts', file],
      { cwd: REPO, timeout: 60_000 },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('case archive', () => {
  let users: Record<'sct' | 'sgddt' | 'officer' | 'chairman' | 'auditor' | 'dnSct' | 'dnAdmin', Session>;
  let proposal: { id: string; reference: string };
  let attachment: { id: string; bytes: Buffer; filename: string };
  let document: { id: string; signed: Buffer };
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'accord-archive-'));
    users = await signInAll(apiUrl, databaseUrl, {
      sct: DEMO_CAST.sct,
      sgddt: DEMO_CAST.sgddt,
      officer: DEMO_CAST.officer,
      chairman: DEMO_CAST.chairman,
      auditor: DEMO_CAST.auditor,
      dnSct: 'submitter@sct.dongnai.gov.vn',
      dnAdmin: 'admin@dongnai.gov.vn',
    });
    const bytes = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n'), randomBytes(256), Buffer.from('\n%%EOF\n')]);
    const filename = 'Dự thảo biên bản ghi nhớ.pdf';
    const uploaded = await upload(users.sct.client, `${V1}/attachments`, bytes, filename);
    expect(uploaded.status).toBe(201);
    attachment = { id: uploaded.body.id, bytes, filename };
    proposal = await driveMou(apiUrl, {
      until: 'SIGNED',
      body: mouBody({ title: 'Lưu trữ hồ sơ: biên bản ghi nhớ', attachmentIds: [attachment.id] }),
    });

    // The Chairman's decision: issued, then its externally signed copy recorded.
    const docs = await users.chairman.client.get(`${V1}/proposals/${proposal.id}/documents`);
    const decision = docs.body.items.find((d: { type: string }) => d.type === 'DECISION');
    expect((await users.chairman.client.post(`${V1}/documents/${decision.id}/issue`)).status).toBe(200);
    const rendering = await download(users.chairman.client, `${V1}/documents/${decision.id}/content?format=pdf`);
    expect(rendering.status).toBe(200);
    const ca = await createTestCa({ commonName: 'Test Root CA', organization: 'Ban Cơ yếu Chính phủ (thử)' });
    const signer = await issueTestCertificate(ca, { commonName: 'Bùi Thanh Minh', organization: 'UBND tỉnh Hà Tĩnh' });
    const signed = await signPdf(rendering.bytes, signer);
    const recorded = await upload(users.chairman.client, `${V1}/documents/${decision.id}/signed-copy`, signed, 'qd-ky-so.pdf');
    expect(recorded.status).toBe(200);
    document = { id: decision.id, signed };
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the submitting agency a ZIP of the whole case that verifies offline and fails after one byte changes', async () => {
    const res = await download(users.sct.client, `${V1}/proposals/${proposal.id}/archive`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${proposal.reference}.zip"`);

    const verdict = await verifyCaseArchive(res.bytes);
    expect(verdict).toMatchObject({ ok: true, problems: [], proposal: { id: proposal.id, reference: proposal.reference } });
    expect(res.headers.get('x-accord-manifest-sha256')).toBe(verdict.manifestSha256);

    const zip = await JSZip.loadAsync(res.bytes);
    const text = (path: string) => zip.file(path)!.async('string');
    const paths = Object.keys(zip.files);
    expect(JSON.parse(await text('proposal.json'))).toMatchObject({ id: proposal.id, reference: proposal.reference, status: 'SIGNED' });
    expect(JSON.parse(await text('dossier/v1.json'))).toMatchObject({ version: 1, attachments: [{ id: attachment.id }] });
    const attachmentPath = `attachments/${attachment.id}-${attachment.filename}`;
    expect(paths).toContain(attachmentPath);
    expect((await zip.file(attachmentPath)!.async('nodebuffer')).equals(attachment.bytes)).toBe(true);
    const tasks = JSON.parse(await text('tasks.json'));
    expect(tasks.decisions.map((d: { kind: string; decision: string }) => `${d.kind}:${d.decision}`)).toEqual(
      expect.arrayContaining(['INTAKE_CHECK:COMPLETE', 'OPINION:AGREE', 'DECISION:APPROVE', 'SIGNING:SIGNED']),
    );
    expect(JSON.parse(await text(`documents/${document.id}.json`))).toMatchObject({ type: 'DECISION', status: 'SIGNED' });
    expect((await zip.file(`documents/${document.id}-signed.pdf`)!.async('nodebuffer')).equals(document.signed)).toBe(true);
    expect((await zip.file(`documents/${document.id}.pdf`)!.async('string')).startsWith('%PDF-')).toBe(true);
    const audit = JSON.parse(await text('audit/events.json'));
    expect(audit.events.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['PROPOSAL_SUBMITTED', 'DOCUMENT_ISSUED', 'DOCUMENT_SIGNED']),
    );
    expect(
      audit.events.every((e: { proposalId: string; hash: string }) => e.proposalId === proposal.id && /^[0-9a-f]{64}$/.test(e.hash)),
    ).toBe(true);
    const history = JSON.parse(await text('temporal/history.json'));
    expect(history.workflowId).toMatch(new RegExp(`${proposal.id}$`));
    expect(history.history.events.length).toBeGreaterThan(5);
    const manifest = JSON.parse(await text('manifest.json'));
    expect(manifest.files.map((f: { path: string }) => f.path).sort()).toEqual(
      paths.filter((p) => p !== 'manifest.json' && p !== 'manifest.sha256').sort(),
    );

    // The export is anchored in the chain: its ARCHIVE_EXPORTED event records this manifest's sha256.
    const exported = await users.auditor.client.get(`${V1}/audit?proposalId=${proposal.id}&action=ARCHIVE_EXPORTED&limit=200`);
    expect(exported.body.items.map((e: { payload: { manifestSha256: string } }) => e.payload.manifestSha256)).toContain(
      verdict.manifestSha256,
    );
    expect((await users.auditor.client.get(`${V1}/audit/verify`)).body.ok).toBe(true);

    // The script, as an operator runs it, on the archive and on a copy with one byte of the attachment's entry changed.
    const good = join(dir, `${proposal.reference}.zip`);
    writeFileSync(good, res.bytes);
    const ok = await verifyArchiveScript(good);
    expect(ok).toMatchObject({ code: 0, stderr: '' });
    expect(ok.stdout).toMatch(new RegExp(`^OK case archive of ${proposal.reference}`));

    const at = res.bytes.indexOf(Buffer.from(attachmentPath)) + Buffer.byteLength(attachmentPath) + 20;
    const changed = Buffer.from(res.bytes);
    changed[at] = changed[at]! ^ 0x01;
    expect(sha256Of(changed)).not.toBe(sha256Of(res.bytes));
    const bad = join(dir, 'changed.zip');
    writeFileSync(bad, changed);
    const failed = await verifyArchiveScript(bad);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^FAIL case archive/);
    expect((await verifyCaseArchive(changed)).ok).toBe(false);
  });

  it('gives LEADER and AUDITOR the archive, the next one holding the earlier export in its audit events', async () => {
    for (const who of ['chairman', 'auditor'] as const) {
      const res = await download(users[who].client, `${V1}/proposals/${proposal.id}/archive`);
      expect(res.status).toBe(200);
      expect((await verifyCaseArchive(res.bytes)).ok).toBe(true);
      const audit = JSON.parse(await (await JSZip.loadAsync(res.bytes)).file('audit/events.json')!.async('string'));
      expect(audit.events.filter((e: { action: string }) => e.action === 'ARCHIVE_EXPORTED').length).toBeGreaterThan(0);
    }
  });

  it('answers 404 to another agency and another province, 403 to an agency that sees the proposal without having submitted it', async () => {
    const path = `${V1}/proposals/${proposal.id}/archive`;
    for (const who of ['sgddt', 'dnSct', 'dnAdmin'] as const) {
      const res = await users[who].client.get(path);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('PROPOSAL_NOT_FOUND');
    }
    const officer = await users.officer.client.get(path);
    expect(officer.status).toBe(403);
    expect(officer.body.code).toBe('NOT_ARCHIVE_READER');
    expect(officer.contentType).toMatch(/^application\/problem\+json/);
  });
});
