import { Module } from '@nestjs/common';
import { AppConfig } from '@accord/config';
import { AttachmentStorage, LocalDiskAttachmentStorage } from '../attachments/attachment-storage';
import { DocumentContentController } from './document-content.controller';
import { DocumentContentService } from './document-content.service';
import { DocumentSignedCopyController } from './document-signed-copy.controller';
import { DocumentSignedCopyService } from './document-signed-copy.service';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';
import { EdxmlController } from './edxml.controller';
import { EdxmlService } from './edxml.service';
import { IncomingDocumentsController } from './incoming-documents.controller';
import { IncomingDocumentsService } from './incoming-documents.service';

/**
 * Official documents and their registers (Decree 30/2020/NĐ-CP, issue 17), their rendering, signed copies and edXML exchange.
 * Signed copies and received packages' files go to the attachment store (ATTACHMENT_DIR, by sha256).
 */
@Module({
  controllers: [DocumentsController, DocumentContentController, DocumentSignedCopyController, EdxmlController, IncomingDocumentsController],
  providers: [
    DocumentsService,
    DocumentContentService,
    DocumentSignedCopyService,
    EdxmlService,
    IncomingDocumentsService,
    {
      provide: AttachmentStorage,
      useFactory: (config: AppConfig) => new LocalDiskAttachmentStorage(config.ATTACHMENT_DIR),
      inject: [AppConfig],
    },
  ],
})
export class DocumentsModule {}
