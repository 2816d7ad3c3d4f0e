import { Module } from '@nestjs/common';
import { SubstitutesController } from './substitutes.controller';
import { SubstitutesService } from './substitutes.service';

/** Out-of-office substitutes (libs/persistence/src/substitutes): who stands in for whom, and when. */
@Module({ controllers: [SubstitutesController], providers: [SubstitutesService] })
export class SubstitutesModule {}
