import type { ErrorCodeFor } from '@accord/domain';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { Injectable, Logger, StreamableFile } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appendAudit, findAttachment, findReadableAttachment, insertAttachment, type AttachmentRow } from '@accord/persistence';
import type { AuthUser } from '../auth/auth-user';
import { seesAgencyReportContent, visibleProposalsSql } from '../common/access-policy';
import { idempotent } from '../common/idempotency';
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

const IDEMPOTENCY_SCOPE = 'attachment';

const fileError = (message: string, code: ErrorCodeFor<400> = 'UPLOAD_INVALID'): ProblemException =>
  badRequest(message, [{ field: UPLOAD_FIELD, message }], code);

@Injectable()
export class AttachmentsService {
  private readonly logger = new Logger('Attachments');

  constructor(
    private readonly db: DataSource,
    private readonly storage: AttachmentStorage,
  ) {}

  /** Checks the type, stores the bytes by their hash, records the row and its audit event in one transaction. */
  async upload(user: AuthUser, file: UploadedPart | undefined, idempotencyKey?: string) {
    try {
      return await this.store(user, file, idempotencyKey);
    } finally {
      // The temporary file is gone once moved into the store; on every other path (refused, replayed, failed) delete it.
      if (file?.path) await unlink(file.path).catch(() => undefined);
    }
  }

  private store(user: AuthUser, file: UploadedPart | undefined, idempotencyKey?: string) {
    return idempotent(
      this.db,
      { userId: user.id, scope: IDEMPOTENCY_SCOPE, key: idempotencyKey },
      {
        replay: async (id) => {
          const existing = await findAttachment(this.db, id);
          return existing && present(existing);
        },
        work: async (recordKey) => {
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
          // A duplicate Idempotency-Key fails this transaction: idempotent() answers with the winner's attachment.
          await this.db.transaction(async (m) => {
            await insertAttachment(m, {
              id,
              filename,
              size: file.size,
              sha256,
              mediaType: type.mediaType,
              storageKey: sha256,
              uploadedBy: user.id,
              createdAt: now,
            });
            await recordKey(m, id);
            await appendAudit(m, [
              {
                at: now,
                actor: { id: user.id, name: user.fullName, type: 'USER' },
                action: 'ATTACHMENT_UPLOADED',
                proposalId: null,
                stage: null,
                payload: { attachmentId: id, filename, size: file.size, sha256, mediaType: type.mediaType },
              },
            ]);
          });
          return { id, filename, size: file.size, sha256, mediaType: type.mediaType };
        },
      },
    );
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
    const row = await findReadableAttachment(this.db, id, {
      userId: user.id,
      agencyCode: user.agencyCode,
      seesEveryAgency,
      visible: (from) => visibleProposalsSql(user, from),
    });
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
