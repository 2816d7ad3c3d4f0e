import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';

/** GET /health for load balancers. */
@Module({ controllers: [HealthController] })
export class HealthModule {}
