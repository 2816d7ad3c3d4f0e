import { Injectable, Logger } from '@nestjs/common';
import { WorkflowNotFoundError } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { DataSource } from 'typeorm';
import { appendAudit, findAttachment, findSignedCopy, listProposalAuditRows, listProposalDocuments } from '@accord/persistence';
import { archivedAuditEvent, buildCaseArchive, type CaseArchive, type CaseArchiveInput } from '@accord/records/archive';
import { renderDocumentPdf } from '@accord/records/render';
import { AttachmentStorage } from '../attachments/attachment-storage';
import type { AuthUser } from '../auth/auth-user';
import { seesAllProposals } from '../common/access-policy';
import { forbidden, notFound, ProblemException, unavailable } from '../common/problem-details.filter';
import { renderableDocument } from '../documents/document-rendering';
import { presentDocument } from '../documents/documents.service';
import { TemporalClientService } from '../temporal/temporal-client.module';
import { ProposalsService } from '../proposals/proposals.service';

type ProposalRow = NonNullable<Awaited<ReturnType<ProposalsService['row']>>>;

/** Case archives one api process builds at the same time; how many may wait for a turn, and how long. */
export const ARCHIVES_AT_ONCE = 2;
export const ARCHIVE_WAIT = { maxQueued: 16, maxWaitMs: 30_000 };

/** How long the archive waits for Temporal's history before answering 503. */
const HISTORY_DEADLINE_MS = 15_000;

const { History } = temporal.api.history.v1;

/**
 * The case archive of a proposal (issue 17, item 7; docs/records.md "Case archive"): gathers the case (the proposal,
 * its dossier versions and their files, tasks, official documents with their renderings and signed copies, its audit
 * events, the workflow's Temporal history), writes the ZIP with libs/records and records ARCHIVE_EXPORTED with the
 * manifest's sha256 in the audit chain. All or nothing: when a file or Temporal's history is unavailable the answer is
 * a 503, never an archive with parts missing.
 */
@Injectable()
export class CaseArchiveService {
  private readonly logger = new Logger(CaseArchiveService.name);

  constructor(
    private readonly db: DataSource,
    private readonly proposals: ProposalsService,
    private readonly storage: AttachmentStorage,
    private readonly temporal: TemporalClientService,
  ) {}

  /** Archives being built in this process now (each holds its files in memory until it is sent), and those waiting. */
  private building = 0;
  private readonly waiting: (() => void)[] = [];

  /** How many archives this process is building and how many wait for a turn. */
  get load(): { building: number; waiting: number } {
    return { building: this.building, waiting: this.waiting.length };
  }

  async export(user: AuthUser, id: string): Promise<CaseArchive & { reference: string }> {
    // Who may first (403/404 never wait), then a building slot.
    const row = await this.proposals.row(id, user);
    if (!row) throw notFound(`No proposal ${id} that you may see`, 'PROPOSAL_NOT_FOUND');
    if (!seesAllProposals(user) && user.agencyCode !== row.submitting_agency_code)
      throw forbidden(
        `Only LEADER, ADMIN, AUDITOR and the submitting agency ${row.submitting_agency_code} export the case archive`,
        'archive-reader',
        'NOT_ARCHIVE_READER',
      );
    await this.slot();
    try {
      return await this.build(user, id, row);
    } finally {
      this.building--;
      this.waiting.shift()?.();
    }
  }

  /**
   * An archive is built in memory (every dossier file, up to ATTACHMENT_MAX_BYTES each, and every rendering), so a
   * process builds ARCHIVES_AT_ONCE at a time. Others wait their turn, in order, for up to ARCHIVE_WAIT.maxWaitMs; at
   * most ARCHIVE_WAIT.maxQueued wait; beyond either, 429 ARCHIVE_BUSY (Retry-After): repeated requests cannot exhaust
   * the api's memory, and several people asking at once are each served one after the other.
   */
  private async slot(): Promise<void> {
    if (this.building < ARCHIVES_AT_ONCE) {
      this.building++;
      return;
    }
    const busy = () => new ProblemException('ARCHIVE_BUSY', `${ARCHIVES_AT_ONCE} case archives are being built; try again shortly`);
    if (this.waiting.length >= ARCHIVE_WAIT.maxQueued) throw busy();
    await new Promise<void>((resolve, reject) => {
      const turn = () => {
        clearTimeout(timer);
        this.building++;
        resolve();
      };
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(turn);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(busy());
      }, ARCHIVE_WAIT.maxWaitMs);
      this.waiting.push(turn);
    });
  }

  private async build(user: AuthUser, id: string, row: ProposalRow): Promise<CaseArchive & { reference: string }> {
    const { dossierVersions, tasks, decisions, ...proposal } = await this.proposals.detail(user, id);
    const [attachments, documents, auditRows, temporalHistory] = await Promise.all([
      this.attachments(id, dossierVersions, tasks),
      this.documents(id),
      listProposalAuditRows(this.db, id),
      this.history(row.workflow_id),
    ]);
    const input: CaseArchiveInput = {
      proposal,
      dossierVersions,
      attachments,
      tasks: { tasks, decisions },
      documents,
      auditEvents: auditRows.map(archivedAuditEvent),
      temporalHistory,
    };
    const archive = await buildCaseArchive(input);
    await this.db.transaction((m) =>
      appendAudit(m, [
        {
          at: new Date().toISOString(),
          actor: { id: user.id, name: user.fullName, type: 'USER' },
          action: 'ARCHIVE_EXPORTED',
          proposalId: id,
          stage: null,
          workflowId: row.workflow_id,
          payload: {
            reference: row.reference,
            manifestSha256: archive.manifestSha256,
            files: archive.manifest.files.length,
            size: archive.bytes.length,
            auditEvents: auditRows.length,
          },
        },
      ]),
    );
    return { ...archive, reference: row.reference };
  }

  /** Every file a dossier version pins or a task carries, with its bytes from the attachment store. */
  private async attachments(
    proposalId: string,
    versions: { attachments: unknown }[],
    tasks: { attachmentIds?: string[] }[],
  ): Promise<CaseArchiveInput['attachments']> {
    const ids = new Set<string>();
    for (const v of versions)
      for (const a of Array.isArray(v.attachments) ? (v.attachments as { id?: unknown }[]) : [])
        if (typeof a?.id === 'string') ids.add(a.id);
    for (const t of tasks) for (const a of t.attachmentIds ?? []) ids.add(a);
    const files: CaseArchiveInput['attachments'] = [];
    for (const attachmentId of [...ids].sort()) {
      const meta = await findAttachment(this.db, attachmentId);
      if (!meta) throw this.missing(proposalId, `attachment ${attachmentId} has no record`);
      files.push({
        id: meta.id,
        filename: meta.filename,
        content: await this.stored(proposalId, meta.storage_key, `attachment ${meta.id}`),
      });
    }
    return files;
  }

  /** Each official document: what GET /documents/:id shows, its rendering, and its signed copy when there is one. */
  private async documents(proposalId: string): Promise<CaseArchiveInput['documents']> {
    const rows = await listProposalDocuments(this.db, proposalId);
    const documents: CaseArchiveInput['documents'] = [];
    for (const row of rows) {
      const copy = row.status === 'SIGNED' ? await findSignedCopy(this.db, row.id) : null;
      documents.push({
        id: row.id,
        metadata: presentDocument(row),
        pdf: await renderDocumentPdf(await renderableDocument(this.db, row)),
        signedCopy: copy ? await this.stored(proposalId, copy.signed_storage_key, `the signed copy of document ${row.id}`) : null,
      });
    }
    return documents;
  }

  private async stored(proposalId: string, key: string, what: string): Promise<Buffer> {
    try {
      return await this.storage.get(key);
    } catch (err) {
      throw this.missing(proposalId, `${what} is missing from storage (${(err as Error).message})`);
    }
  }

  private missing(proposalId: string, why: string) {
    this.logger.error(`Case archive of ${proposalId}: ${why}`);
    return unavailable(`The case archive of proposal ${proposalId} cannot be complete: ${why}`, 'ATTACHMENT_CONTENT_UNAVAILABLE');
  }

  /**
   * The workflow's event history (its run: the proposal workflow does not continue as new), as lossless JSON: longs as strings, bytes
   * as base64. A workflow the server no longer has (removed after the namespace's retention) is recorded as such.
   * Failures keep their message and type but not their `stackTrace`: the archive goes to the submitting agency, and
   * a stack trace shows the servers' paths and code (they stay in Temporal, for ADMIN's /admin/proposals/:id/history).
   */
  private async history(workflowId: string): Promise<unknown> {
    try {
      const history = await this.temporal.connection.withDeadline(Date.now() + HISTORY_DEADLINE_MS, () =>
        this.temporal.client.workflow.getHandle(workflowId).fetchHistory(),
      );
      const object = History.toObject(History.fromObject(history as Record<string, unknown>), {
        longs: String,
        bytes: String,
        defaults: false,
      });
      return { workflowId, history: withoutStackTraces(object), stackTracesRemoved: true };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError)
        return {
          workflowId,
          history: null,
          missing: 'The Temporal server has no such workflow (not started yet, or removed after the namespace retention period)',
        };
      throw unavailable(`Temporal did not answer with the workflow history: ${(err as Error).message}`, 'WORKFLOW_ENGINE_UNAVAILABLE');
    }
  }
}

/** A copy of `value` without any `stackTrace` property, at any depth. */
export function withoutStackTraces(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutStackTraces);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => key !== 'stackTrace')
      .map(([key, v]) => [key, withoutStackTraces(v)]),
  );
}
