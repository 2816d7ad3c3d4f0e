import { Module } from '@nestjs/common';
import { AppConfig } from '@accord/config';
import { AttachmentStorage, LocalDiskAttachmentStorage } from './attachment-storage';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';

/**
 * Attachments: uploads (bytes on disk by their sha256, metadata in libs/persistence/src/attachments) and downloads to
 * whoever may read them. AppConfig comes from the root (ApiSharedModule).
 */
@Module({
  controllers: [AttachmentsController],
  providers: [
    AttachmentsService,
    {
      provide: AttachmentStorage,
      useFactory: (config: AppConfig) => new LocalDiskAttachmentStorage(config.ATTACHMENT_DIR),
      inject: [AppConfig],
    },
  ],
})
export class AttachmentsModule {}
