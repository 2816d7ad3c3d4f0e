import { createHash } from 'node:crypto';
import JSZip from 'jszip';
import { GENESIS_HASH, type AuditRow } from '@accord/persistence/audit/audit-chain';

/**
 * The case archive of a proposal (issue 17, item 7; docs/records.md "Case archive"): one ZIP holding everything the
 * case consists of, with a manifest of every file's sha256 that `verifyCaseArchive` (and `npm run verify-archive`)
 * checks offline. Pure: the api gathers the content, this writes the bytes; the same content always gives the same
 * bytes (fixed file dates, fixed order, fixed compression).
 */
export const CASE_ARCHIVE_FORMAT = 'accord-case-archive/1';
export const MANIFEST_FILE = 'manifest.json';
/** `<sha256 of manifest.json>  manifest.json`, as `sha256sum` writes it. */
export const MANIFEST_DIGEST_FILE = 'manifest.sha256';
export const AUDIT_EVENTS_FILE = 'audit/events.json';

/** Every entry's date: the DOS epoch, so nothing in the container depends on when it was written. */
export const ARCHIVE_FILE_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

/** An audit event as the archive holds it: every field its hash covers, its place in the chain and its hashes. */
export interface ArchivedAuditEvent {
  seq: number;
  id: string;
  at: string;
  actor: { id: string; name: string; type: string };
  action: string;
  proposalId: string | null;
  stage: string | null;
  workflowId: string | null;
  runId: string | null;
  payload: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export interface CaseArchiveInput {
  /** proposal.json: the proposal as GET /proposals/:id shows it, without its dossier versions and tasks. */
  proposal: { id: string; reference: string } & Record<string, unknown>;
  /** dossier/v<version>.json each. */
  dossierVersions: ({ version: number } & Record<string, unknown>)[];
  /** attachments/<id>-<filename>: the bytes of every file a dossier version or a task refers to. */
  attachments: { id: string; filename: string; content: Buffer }[];
  /** tasks.json: the tasks (opinions, decisions, with their comments) and the decisions. */
  tasks: unknown;
  /** documents/<id>.json, documents/<id>.pdf (the rendering) and documents/<id>-signed.pdf (the signed copy, if any). */
  documents: { id: string; metadata: unknown; pdf: Buffer; signedCopy: Buffer | null }[];
  /** audit/events.json: the proposal's audit events in chain order. */
  auditEvents: ArchivedAuditEvent[];
  /** temporal/history.json: the workflow's event history (or why there is none). */
  temporalHistory: unknown;
}

export interface ManifestEntry {
  path: string;
  sha256: string;
  size: number;
}

export interface CaseArchiveManifest {
  format: typeof CASE_ARCHIVE_FORMAT;
  proposal: { id: string; reference: string };
  files: ManifestEntry[];
}

export interface CaseArchive {
  bytes: Buffer;
  manifest: CaseArchiveManifest;
  /** sha256 of manifest.json: what the ARCHIVE_EXPORTED audit event records. */
  manifestSha256: string;
}

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

const json = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

/** A file name that is one safe path segment: no separators, control characters or leading dots; at most 120 characters. */
export function archiveFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, '_')
    .trim()
    .replace(/^\.+/, '');
  return Array.from(cleaned).slice(0, 120).join('') || 'file';
}

/** How audit/events.json says to recompute each hash (the chain of libs/persistence/src/audit/audit-chain.ts). */
export const AUDIT_CHAIN_RULE = {
  algorithm: 'sha256',
  hash:
    'hex(sha256(prevHash + canonicalJson({id, at, actorId, actorName, actorType, action, proposalId, stage, workflowId, runId, payload}))), ' +
    'at as an ISO 8601 instant with milliseconds (UTC), canonicalJson = JSON with object keys sorted at every level, no whitespace',
  genesisHash: GENESIS_HASH,
  links:
    "an event's prevHash is the hash of the event before it in the province's chain: checked here between events with consecutive seq; " +
    "across a gap (other proposals' events) compare the hashes with GET /audit on the live chain",
};

/** The files of the archive in their fixed order, manifest excluded. */
export function caseArchiveFiles(input: CaseArchiveInput): { path: string; content: Buffer }[] {
  const files: { path: string; content: Buffer }[] = [{ path: 'proposal.json', content: json(input.proposal) }];
  for (const v of [...input.dossierVersions].sort((a, b) => a.version - b.version)) {
    files.push({ path: `dossier/v${v.version}.json`, content: json(v) });
  }
  for (const a of [...input.attachments].sort((x, y) => x.id.localeCompare(y.id))) {
    files.push({ path: `attachments/${a.id}-${archiveFileName(a.filename)}`, content: a.content });
  }
  files.push({ path: 'tasks.json', content: json(input.tasks) });
  for (const d of [...input.documents].sort((x, y) => x.id.localeCompare(y.id))) {
    files.push({ path: `documents/${d.id}.json`, content: json(d.metadata) });
    files.push({ path: `documents/${d.id}.pdf`, content: d.pdf });
    if (d.signedCopy) files.push({ path: `documents/${d.id}-signed.pdf`, content: d.signedCopy });
  }
  const events = [...input.auditEvents].sort((a, b) => a.seq - b.seq);
  files.push({ path: AUDIT_EVENTS_FILE, content: json({ chain: AUDIT_CHAIN_RULE, events }) });
  files.push({ path: 'temporal/history.json', content: json(input.temporalHistory) });
  return files;
}

/** Writes the entries in the given order with the fixed date and compression: the only way archives are written. */
export async function writeZip(files: { path: string; content: Buffer }[]): Promise<Buffer> {
  const zip = new JSZip();
  for (const f of files) zip.file(f.path, f.content, { date: ARCHIVE_FILE_DATE, createFolders: false, binary: true });
  return zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    compressionOptions: { level: 6 },
    platform: 'DOS',
    streamFiles: false,
  });
}

export function manifestOf(proposal: { id: string; reference: string }, files: { path: string; content: Buffer }[]): CaseArchiveManifest {
  return {
    format: CASE_ARCHIVE_FORMAT,
    proposal: { id: proposal.id, reference: proposal.reference },
    files: files.map((f) => ({ path: f.path, sha256: sha256Of(f.content), size: f.content.length })),
  };
}

export const manifestDigestLine = (sha256: string): string => `${sha256}  ${MANIFEST_FILE}\n`;

/** Builds the archive: the files, manifest.json listing each with its sha256 and size, and manifest.sha256. */
export async function buildCaseArchive(input: CaseArchiveInput): Promise<CaseArchive> {
  const files = caseArchiveFiles(input);
  const manifest = manifestOf(input.proposal, files);
  const manifestBytes = json(manifest);
  const manifestSha256 = sha256Of(manifestBytes);
  const bytes = await writeZip([
    ...files,
    { path: MANIFEST_FILE, content: manifestBytes },
    { path: MANIFEST_DIGEST_FILE, content: Buffer.from(manifestDigestLine(manifestSha256), 'utf8') },
  ]);
  return { bytes, manifest, manifestSha256 };
}

/** An audit_event row (with its seq) as the archive holds it. */
export function archivedAuditEvent(row: AuditRow & { seq: string | number }): ArchivedAuditEvent {
  return {
    seq: Number(row.seq),
    id: row.id,
    at: new Date(row.at).toISOString(),
    actor: { id: row.actor_id, name: row.actor_name, type: row.actor_type },
    action: row.action,
    proposalId: row.proposal_id,
    stage: row.stage,
    workflowId: row.workflow_id,
    runId: row.run_id,
    payload: row.payload,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The fields of an archived event in the row shape `auditHash` recomputes from. */
export function auditRowOf(e: ArchivedAuditEvent): Omit<AuditRow, 'hash' | 'prev_hash'> {
  return {
    id: e.id,
    at: e.at,
    actor_id: e.actor?.id,
    actor_name: e.actor?.name,
    actor_type: e.actor?.type,
    action: e.action,
    proposal_id: e.proposalId,
    stage: e.stage,
    workflow_id: e.workflowId,
    run_id: e.runId,
    payload: e.payload,
  };
}
