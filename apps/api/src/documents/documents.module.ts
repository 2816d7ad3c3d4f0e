import { Module } from '@nestjs/common';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

/** Official documents and their registers (Decree 30/2020/NĐ-CP, issue 17). */
@Module({ controllers: [DocumentsController], providers: [DocumentsService] })
export class DocumentsModule {}
