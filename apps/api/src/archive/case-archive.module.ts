import { Module } from '@nestjs/common';
import { AppConfig } from '@accord/config';
import { AttachmentStorage, LocalDiskAttachmentStorage } from '../attachments/attachment-storage';
import { ProposalsModule } from '../proposals/proposals.module';
import { CaseArchiveController } from './case-archive.controller';
import { CaseArchiveService } from './case-archive.service';

/**
 * The case archive (issue 17, item 7): GET /proposals/:id/archive. Reads files from the attachment store
 * (ATTACHMENT_DIR) and the workflow history from Temporal; writes the ZIP with libs/records/src/archive.
 */
@Module({
  imports: [ProposalsModule],
  controllers: [CaseArchiveController],
  providers: [
    CaseArchiveService,
    {
      provide: AttachmentStorage,
      useFactory: (config: AppConfig) => new LocalDiskAttachmentStorage(config.ATTACHMENT_DIR),
      inject: [AppConfig],
    },
  ],
})
export class CaseArchiveModule {}
