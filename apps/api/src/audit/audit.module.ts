import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller';

/** Reading and verifying the audit chain (docs/security.md); appending to it happens in each feature's transaction. */
@Module({ controllers: [AuditController] })
export class AuditModule {}
