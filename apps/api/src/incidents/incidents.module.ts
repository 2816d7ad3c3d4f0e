import { Module } from '@nestjs/common';
import { IncidentsController } from './incidents.controller';
import { IncidentsService } from './incidents.service';

/** Incidents: workflow steps waiting for an administrator (docs/reliability.md). */
@Module({ controllers: [IncidentsController], providers: [IncidentsService] })
export class IncidentsModule {}
