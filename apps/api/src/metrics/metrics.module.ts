import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';

/** GET /metrics for Prometheus, behind METRICS_TOKEN. */
@Module({ controllers: [MetricsController] })
export class MetricsModule {}
