import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { Injectable, Logger, StreamableFile } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appendAudit } from '../../../../libs/persistence/src';
import type { AuthUser } from '../auth/auth-user';
import { seesAgencyReportContent, visibleProposalsSql } from '../common/access-policy';
import type { ErrorCodeFor } from '../../../../libs/domain/src';
import { badRequest, notFound, unavailable, type ProblemException } from '../common/problem-details.filter';
import { AttachmentStorage } from './attachment-storage';
import { checkAttachmentType, cleanFilename, contentDisposition } from './attachment-types';
import { UPLOAD_FIELD } from './attachment-upload.interceptor';

/** What multer hands over for the `file` part (disk storage: the bytes are in a temporary file at `path`). */
export interface UploadedPart {
  originalname: string;
  mimetype: string;
  size: number;
  path: string;
}

/** Enough leading bytes for every type's signature (attachment-types.ts). */
const HEAD_BYTES = 16;

interface AttachmentRow {
  id: string;
  filename: string;
  size: string;
  sha256: string;
  media_type: string;
  storage_key: string;
  uploaded_by: string;
}

const IDEMPOTENCY_SCOPE = 'attachment';

const fileError = (message: string, code: ErrorCodeFor<400> = 'UPLOAD_INVALID'): ProblemException => badRequest(message, [{ field: UPLOAD_FIELD, message }], code);

@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger('Attachments');

  constructor(private readonly db: DataSource, private readonly storage: AttachmentStorage) {}

  /** Checks the type, stores the bytes by their hash, records the row and its audit event in one transaction. */
  async upload(user: AuthUser, file: UploadedPart | undefined, idempotencyKey?: string) {
    try {
      return await this.store(user, file, idempotencyKey);
    } finally {
      // The temporary file is gone once moved into the store; on every other path (refused, replayed, failed) delete it.
      if (file?.path) await unlink(file.path).catch(() => undefined);
    }
  }

  private async store(user: AuthUser, file: UploadedPart | undefined, idempotencyKey?: string) {
    if (idempotencyKey !== undefined && (idempotencyKey.length < 1 || idempotencyKey.length > 255)) {
      throw badRequest('Invalid Idempotency-Key', [{ field: 'Idempotency-Key', message: 'must be 1-255 characters' }], 'IDEMPOTENCY_KEY_INVALID');
    }
    if (idempotencyKey) {
      const existing = await this.byIdempotencyKey(user.id, idempotencyKey);
      if (existing) return present(existing);
    }
    if (!file) throw fileError(`Send the file as multipart/form-data in the field "${UPLOAD_FIELD}"`);
    if (!file.size) throw fileError('The file is empty');
    const filename = cleanFilename(file.originalname);
    if (!filename) throw fileError('The file needs a name');
    const type = checkAttachmentType(filename, file.mimetype, await readHead(file.path, HEAD_BYTES));
    if (!type.ok) throw fileError(type.message, 'FILE_TYPE_NOT_ALLOWED');

    // Hashed as a stream: memory stays flat whatever the size.
    const sha256 = await hashFile(file.path);
    // Bytes first: if the transaction below fails, an unreferenced content-addressed file is harmless
    // (a later upload of the same bytes reuses it), whereas a row without bytes would be a broken download.
    await this.storage.putFile(sha256, file.path);
    const id = randomUUID();
    const now = new Date().toISOString();
    try {
      await this.db.transaction(async (m) => {
        await m.query(
          `INSERT INTO attachment (id, filename, size, sha256, media_type, storage_key, uploaded_by, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
          [id, filename, file.size, sha256, type.mediaType, sha256, user.id, now],
        );
        if (idempotencyKey) {
          await m.query('INSERT INTO idempotency_record (user_id, scope, key, resource_id) VALUES ($1,$2,$3,$4)', [user.id, IDEMPOTENCY_SCOPE, idempotencyKey, id]);
        }
        await appendAudit(m, [{
          at: now, actor: { id: user.id, name: user.fullName, type: 'USER' }, action: 'ATTACHMENT_UPLOADED', proposalId: null, stage: null,
          payload: { attachmentId: id, filename, size: file.size, sha256, mediaType: type.mediaType },
        }]);
      });
    } catch (err) {
      // Two uploads with one Idempotency-Key raced: the loser answers with the winner's attachment.
      if (idempotencyKey && (err as { code?: string }).code === '23505') {
        const existing = await this.byIdempotencyKey(user.id, idempotencyKey);
        if (existing) return present(existing);
      }
      throw err;
    }
    return { id, filename, size: file.size, sha256, mediaType: type.mediaType };
  }

  private async byIdempotencyKey(userId: string, key: string): Promise<AttachmentRow | null> {
    const [row]: AttachmentRow[] = await this.db.query(
      `SELECT a.* FROM idempotency_record r JOIN attachment a ON a.id = r.resource_id WHERE r.user_id = $1 AND r.scope = $2 AND r.key = $3`,
      [userId, IDEMPOTENCY_SCOPE, key],
    );
    return row ?? null;
  }

  /**
   * The bytes, to the uploader, to anyone who may see a proposal that refers to the attachment (pinned in one of its
   * dossier versions or attached to one of its tasks), or to whoever may read the periodic report or plan-item update
   * it is attached to. Everyone else gets 404, so ids reveal nothing.
   */
  async content(user: AuthUser, id: string): Promise<StreamableFile> {
    // Attached to a periodic report or a plan-item update: readable by whoever may see that agency's report content
    // (its members, HT-SNGV, LEADER, ADMIN, AUDITOR: seesAgencyReportContent), the same readers GET /report-cycles/:id
    // and GET /plans/:id show the ids to.
    const seesEveryAgency = seesAgencyReportContent(user, null);
    const visible = visibleProposalsSql(user, 5);
    const [row]: AttachmentRow[] = await this.db.query(
      `SELECT a.* FROM attachment a
       WHERE a.id = $1 AND (a.uploaded_by = $2
         OR EXISTS (SELECT 1 FROM task tr WHERE tr.report_cycle_id IS NOT NULL AND a.id = ANY(tr.attachment_ids)
                    AND ($3::boolean OR tr.candidate_agency_code = $4::text))
         OR EXISTS (SELECT 1 FROM plan_item_update pu WHERE a.id = ANY(pu.attachment_ids) AND ($3::boolean OR pu.agency_code = $4::text))
         OR EXISTS (
         SELECT 1 FROM proposal p
         WHERE ${visible.sql} AND (
           EXISTS (SELECT 1 FROM dossier_version d WHERE d.proposal_id = p.id AND d.attachments @> jsonb_build_array(jsonb_build_object('id', a.id::text)))
           OR EXISTS (SELECT 1 FROM task ta WHERE ta.proposal_id = p.id AND a.id = ANY(ta.attachment_ids)))))`,
      [id, user.id, seesEveryAgency, user.agencyCode, ...visible.params],
    );
    if (!row) throw notFound(`No attachment ${id} that you may read`, 'ATTACHMENT_NOT_FOUND');
    let stream;
    try {
      stream = await this.storage.stream(row.storage_key);
    } catch (err) {
      this.logger.error(`Attachment ${id}: bytes ${row.storage_key} missing from storage (${(err as Error).message})`);
      throw unavailable(`The content of attachment ${id} is not available from storage`, 'ATTACHMENT_CONTENT_UNAVAILABLE');
    }
    return new StreamableFile(stream, { type: row.media_type, length: Number(row.size), disposition: contentDisposition(row.filename) });
  }
}

async function readHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function present(row: AttachmentRow) {
  return { id: row.id, filename: row.filename, size: Number(row.size), sha256: row.sha256, mediaType: row.media_type };
}
