import { Module } from '@nestjs/common';
import { AgreementsController } from './agreements.controller';
import { AgreementsExportService } from './agreements-export.service';

/** The registry of signed agreements and its export for the national database of international commitments. */
@Module({ controllers: [AgreementsController], providers: [AgreementsExportService] })
export class AgreementsModule {}
