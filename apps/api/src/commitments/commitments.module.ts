import { Module } from '@nestjs/common';
import { CommitmentsSyncController } from './commitments-sync.controller';

/** The sync to the national database of international commitments, as administrators see and trigger it (the sync runs in the worker). */
@Module({ controllers: [CommitmentsSyncController] })
export class CommitmentsModule {}
