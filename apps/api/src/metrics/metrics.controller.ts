import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { apiMetrics } from './http-metrics';

/**
 * Prometheus scrape endpoint, outside /api/v1 like /health and without a token (scrapers carry none). It tells
 * request counts and latencies, nothing about proposals; keep it on the internal network (docs/deploy.md).
 */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  @Public()
  @Get()
  @Header('Content-Type', apiMetrics.contentType)
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ description: 'Prometheus text exposition format: process metrics and http_request_duration_seconds' })
  metrics(): Promise<string> {
    return apiMetrics.metrics();
  }
}
