import JSZip from 'jszip';
import { auditHash, GENESIS_HASH } from '@accord/persistence/audit/audit-chain';
import {
  AUDIT_EVENTS_FILE,
  MANIFEST_DIGEST_FILE,
  MANIFEST_FILE,
  archiveFileName,
  auditRowOf,
  buildCaseArchive,
  manifestDigestLine,
  manifestOf,
  sha256Of,
  writeZip,
  type ArchivedAuditEvent,
  type CaseArchiveInput,
} from './case-archive';
import { formatCaseArchiveVerdict, verifyCaseArchive } from './verify-case-archive';

const PROPOSAL = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
const ATTACHMENT = '11111111-2222-4333-8444-555555555555';
const DOCUMENT = '99999999-8888-4777-8666-555555555555';

/** A chain of the proposal's events at seq 10, 11 and 15 (12-14 another proposal's), hashed by the chain's own rule. */
function chain(): ArchivedAuditEvent[] {
  const events: ArchivedAuditEvent[] = [];
  let prevHash = 'a'.repeat(64);
  for (const [seq, action, payload] of [
    [10, 'PROPOSAL_SUBMITTED', { reference: 'MOU-2026-00001', dossierVersion: 1 }],
    [11, 'TASK_COMPLETED', { decision: 'AGREE', comment: 'Đồng ý' }],
    [15, 'DOCUMENT_ISSUED', { documentId: DOCUMENT, number: 15 }],
  ] as const) {
    if (seq === 15) prevHash = 'b'.repeat(64);
    const e: Omit<ArchivedAuditEvent, 'hash'> = {
      seq,
      id: `00000000-0000-4000-8000-0000000000${seq}`,
      at: `2026-12-04T0${seq - 9}:00:00.000Z`,
      actor: { id: 'u1', name: 'Nguyễn Văn A', type: 'USER' },
      action,
      proposalId: PROPOSAL,
      stage: null,
      workflowId: `proposal-HT-${PROPOSAL}`,
      runId: null,
      payload: { ...payload },
      prevHash,
    };
    const hash = auditHash(prevHash, auditRowOf({ ...e, hash: '' }));
    events.push({ ...e, hash });
    prevHash = hash;
  }
  return events;
}

function input(): CaseArchiveInput {
  return {
    proposal: { id: PROPOSAL, reference: 'MOU-2026-00001', title: 'Hợp tác thương mại', status: 'SIGNED' },
    dossierVersions: [{ version: 1, hash: 'c'.repeat(64), content: { title: 'Hợp tác thương mại' } }],
    attachments: [{ id: ATTACHMENT, filename: 'Dự thảo/../bản 1.pdf', content: Buffer.from('%PDF-1.7\nthe draft\n%%EOF\n') }],
    tasks: { tasks: [{ id: 't1', kind: 'OPINION', decision: 'AGREE', comment: 'Đồng ý' }], decisions: [] },
    documents: [
      {
        id: DOCUMENT,
        metadata: { id: DOCUMENT, codeNumber: '15/QĐ-UBND', status: 'SIGNED' },
        pdf: Buffer.from('%PDF-1.7\nrendering\n%%EOF\n'),
        signedCopy: Buffer.from('%PDF-1.7\nrendering\n%%EOF\nsigned\n'),
      },
    ],
    auditEvents: chain(),
    temporalHistory: { workflowId: `proposal-HT-${PROPOSAL}`, history: { events: [{ eventId: '1' }] } },
  };
}

const ATTACHMENT_PATH = `attachments/${ATTACHMENT}-Dự thảo_.._bản 1.pdf`;

/** The archive's files, `change`d, written back with a manifest (and its digest) recomputed when `remanifest`. */
async function repack(
  bytes: Buffer,
  change: (files: Map<string, Buffer>) => void,
  { remanifest = false }: { remanifest?: boolean } = {},
): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const files = new Map<string, Buffer>();
  for (const path of Object.keys(zip.files)) files.set(path, await zip.file(path)!.async('nodebuffer'));
  change(files);
  if (remanifest) {
    const listed = [...files]
      .filter(([p]) => p !== MANIFEST_FILE && p !== MANIFEST_DIGEST_FILE)
      .map(([path, content]) => ({ path, content }));
    const manifest = Buffer.from(`${JSON.stringify(manifestOf({ id: PROPOSAL, reference: 'MOU-2026-00001' }, listed), null, 2)}\n`);
    files.set(MANIFEST_FILE, manifest);
    files.set(MANIFEST_DIGEST_FILE, Buffer.from(manifestDigestLine(sha256Of(manifest))));
  }
  return writeZip([...files].map(([path, content]) => ({ path, content })));
}

describe('case archive', () => {
  it('lists every file in the manifest with its sha256 and verifies', async () => {
    const archive = await buildCaseArchive(input());
    const zip = await JSZip.loadAsync(archive.bytes);
    expect(Object.keys(zip.files)).toEqual([
      'proposal.json',
      'dossier/v1.json',
      ATTACHMENT_PATH,
      'tasks.json',
      `documents/${DOCUMENT}.json`,
      `documents/${DOCUMENT}.pdf`,
      `documents/${DOCUMENT}-signed.pdf`,
      AUDIT_EVENTS_FILE,
      'temporal/history.json',
      MANIFEST_FILE,
      MANIFEST_DIGEST_FILE,
    ]);
    const manifestBytes = await zip.file(MANIFEST_FILE)!.async('nodebuffer');
    expect(sha256Of(manifestBytes)).toBe(archive.manifestSha256);
    expect(await zip.file(MANIFEST_DIGEST_FILE)!.async('string')).toBe(`${archive.manifestSha256}  manifest.json\n`);
    const attachment = archive.manifest.files.find((f) => f.path === ATTACHMENT_PATH)!;
    expect(attachment).toEqual({ path: ATTACHMENT_PATH, sha256: sha256Of(input().attachments[0]!.content), size: 25 });

    const verdict = await verifyCaseArchive(archive.bytes);
    expect(verdict).toMatchObject({ ok: true, problems: [], filesChecked: 9, eventsChecked: 3, chainGaps: 1 });
    expect(formatCaseArchiveVerdict(verdict)).toMatch(/^OK case archive of MOU-2026-00001/);
  });

  it('gives the same bytes for the same case', async () => {
    const [a, b] = await Promise.all([buildCaseArchive(input()), buildCaseArchive(input())]);
    expect(a.bytes.equals(b.bytes)).toBe(true);
  });

  it('fails after any one byte of the ZIP changes', async () => {
    const { bytes } = await buildCaseArchive(input());
    const passed: number[] = [];
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i] = changed[i]! ^ 0x01;
      if ((await verifyCaseArchive(changed)).ok) passed.push(i);
    }
    expect(passed).toEqual([]);
  });

  it('names the attachment whose content changed', async () => {
    const { bytes } = await buildCaseArchive(input());
    const changed = await repack(bytes, (files) => {
      const content = Buffer.from(files.get(ATTACHMENT_PATH)!);
      content[10] = content[10]! ^ 0x20;
      files.set(ATTACHMENT_PATH, content);
    });
    const verdict = await verifyCaseArchive(changed);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems).toEqual([
      expect.stringMatching(new RegExp(`^${ATTACHMENT_PATH.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: sha256 `)),
    ]);
    expect(formatCaseArchiveVerdict(verdict)).toContain(`FAIL case archive of MOU-2026-00001`);
  });

  it('refuses a file the manifest does not list, and one it lists that is missing', async () => {
    const { bytes } = await buildCaseArchive(input());
    const extra = await repack(bytes, (files) => files.set('attachments/extra.pdf', Buffer.from('%PDF-1.7\n')));
    expect((await verifyCaseArchive(extra)).problems).toEqual(['attachments/extra.pdf: not listed in the manifest']);
    const missing = await repack(bytes, (files) => files.delete(`documents/${DOCUMENT}-signed.pdf`));
    expect((await verifyCaseArchive(missing)).problems).toEqual([
      `documents/${DOCUMENT}-signed.pdf: listed in the manifest but missing from the archive`,
    ]);
  });

  it('refuses a manifest that is not the one manifest.sha256 records', async () => {
    const { bytes } = await buildCaseArchive(input());
    const changed = await repack(bytes, (files) => {
      const manifest = JSON.parse(files.get(MANIFEST_FILE)!.toString('utf8'));
      manifest.proposal.reference = 'MOU-2026-00002';
      files.set(MANIFEST_FILE, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    });
    expect((await verifyCaseArchive(changed)).problems).toEqual([
      expect.stringMatching(/^manifest\.json: its sha256 [0-9a-f]{64} is not the one manifest\.sha256 records$/),
    ]);
  });

  it('recomputes the audit chain: an edited event fails even with a recomputed manifest', async () => {
    const { bytes } = await buildCaseArchive(input());
    const edit = (change: (events: ArchivedAuditEvent[]) => void) =>
      repack(
        bytes,
        (files) => {
          const file = JSON.parse(files.get(AUDIT_EVENTS_FILE)!.toString('utf8'));
          change(file.events);
          files.set(AUDIT_EVENTS_FILE, Buffer.from(`${JSON.stringify(file, null, 2)}\n`));
        },
        { remanifest: true },
      );

    const edited = await verifyCaseArchive(await edit((events) => (events[1]!.payload.comment = 'Không đồng ý')));
    expect(edited.ok).toBe(false);
    expect(edited.problems).toEqual([
      'audit/events.json: event 2 (seq 11, TASK_COMPLETED): its hash does not recompute from its fields (the event was changed)',
    ]);

    // Rehashing the edited event is not enough: the next event's prevHash no longer links to it.
    const rehashed = await verifyCaseArchive(
      await edit((events) => {
        events[0]!.payload.dossierVersion = 2;
        events[0]!.hash = auditHash(events[0]!.prevHash, auditRowOf(events[0]!));
      }),
    );
    expect(rehashed.problems).toEqual([
      'audit/events.json: event 2 (seq 11, TASK_COMPLETED): its prevHash is not the hash of event seq 10 before it (the chain is broken)',
    ]);

    const removed = await verifyCaseArchive(await edit((events) => events.splice(2, 1, { ...events[2]!, proposalId: 'other' })));
    expect(removed.problems).toEqual([
      `audit/events.json: event 3 (seq 15, DOCUMENT_ISSUED): belongs to proposal other, not ${PROPOSAL}`,
      'audit/events.json: event 3 (seq 15, DOCUMENT_ISSUED): its hash does not recompute from its fields (the event was changed)',
    ]);
  });

  it('refuses audit events that are not a list, even with a recomputed manifest', async () => {
    const { bytes } = await buildCaseArchive(input());
    const emptied = await repack(bytes, (files) => files.set(AUDIT_EVENTS_FILE, Buffer.from('null\n')), { remanifest: true });
    expect((await verifyCaseArchive(emptied)).problems).toEqual(['audit/events.json: has no event list']);
  });

  it('refuses what is not an archive', async () => {
    const verdict = await verifyCaseArchive(Buffer.from('not a zip'));
    expect(verdict.ok).toBe(false);
    expect(verdict.problems[0]).toMatch(/^not a readable ZIP archive/);
  });

  it('makes file names one safe path segment', () => {
    expect(archiveFileName('../../etc/passwd')).toBe('_.._etc_passwd');
    expect(archiveFileName('..hidden')).toBe('hidden');
    expect(archiveFileName('a\u0000b:c?.pdf')).toBe('a_b_c_.pdf');
    expect(archiveFileName('')).toBe('file');
    expect(GENESIS_HASH).toHaveLength(64);
  });
});
