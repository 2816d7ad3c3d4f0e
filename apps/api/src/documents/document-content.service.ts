import { Injectable, Logger, StreamableFile } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { findSignedCopy, setDocumentRenderingSha256 } from '@accord/persistence';
import { documentFileStem, renderDocumentDocx, renderDocumentPdf } from '@accord/records/render';
import { AttachmentStorage } from '../attachments/attachment-storage';
import type { AuthUser } from '../auth/auth-user';
import { unavailable } from '../common/problem-details.filter';
import { renderableDocument, sha256Hex } from './document-rendering';
import { DocumentsService } from './documents.service';

export type DocumentContentFormat = 'pdf' | 'docx';

const MEDIA_TYPES: Record<DocumentContentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/**
 * The official document as a file (issue 17, item 3; docs/api.md "Official documents"): rendered in the Decree 30
 * layout (libs/records render), or once it is SIGNED, as PDF, the signed copy from the attachment store. The DOCX is
 * always the rendering: the editable copy, which a signature does not cover.
 */
@Injectable()
export class DocumentContentService {
  private readonly logger = new Logger(DocumentContentService.name);

  constructor(
    private readonly db: DataSource,
    private readonly documents: DocumentsService,
    private readonly storage: AttachmentStorage,
  ) {}

  async content(user: AuthUser, id: string, format: DocumentContentFormat): Promise<StreamableFile> {
    const row = await this.documents.visible(user, id);
    const renderable = await renderableDocument(this.db, row);
    const filename = `${documentFileStem(renderable)}.${format}`;
    const file = (bytes: Buffer) =>
      new StreamableFile(bytes, { type: MEDIA_TYPES[format], length: bytes.length, disposition: `attachment; filename="${filename}"` });
    if (format === 'docx') return file(await renderDocumentDocx(renderable));

    const copy = row.status === 'SIGNED' ? await findSignedCopy(this.db, id) : null;
    if (copy) {
      try {
        return file(await this.storage.get(copy.signed_storage_key));
      } catch (err) {
        this.logger.error(`Document ${id}: signed copy ${copy.signed_storage_key} missing from storage (${(err as Error).message})`);
        throw unavailable(`The signed copy of document ${id} is not available from storage`, 'ATTACHMENT_CONTENT_UNAVAILABLE');
      }
    }
    const pdf = await renderDocumentPdf(renderable);
    if (row.status === 'ISSUED') {
      const sha256 = sha256Hex(pdf);
      // Issued before the hash was recorded at issue (or its recording failed): record what is served now.
      if (row.sha256 === null) await setDocumentRenderingSha256(this.db, id, sha256);
      // The same row renders to the same bytes unless the renderer, its font or a printed name (agency, province)
      // changed since issue; a copy signed from this file is then still recognised by its marker.
      else if (row.sha256.trim() !== sha256)
        this.logger.warn(`Document ${id}: the rendering differs from the one recorded at issue (${row.sha256.trim()} -> ${sha256})`);
    }
    return file(pdf);
  }
}
