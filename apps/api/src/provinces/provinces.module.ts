import { Module } from '@nestjs/common';
import { ProvincesController } from './provinces.controller';
import { ProvincesService } from './provinces.service';

/** Provinces as tenants (libs/persistence/src/tenancy): the platform administrators' directory. */
@Module({ controllers: [ProvincesController], providers: [ProvincesService] })
export class ProvincesModule {}
