import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Inject, Injectable, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AppConfig } from '@accord/config';
import { Public } from '../auth/auth.decorators';
import { notFound, ProblemException } from '../common/problem-details.filter';
import { apiMetrics } from './http-metrics';

/**
 * The scrape credential: `Authorization: Bearer <METRICS_TOKEN>`. Metrics name every route and its traffic, heap and
 * event-loop state — reconnaissance for someone on the network — so the public api port serves them only to a
 * scraper holding the token (issue 12, item 13). A static token rather than a user's access token: a scraper cannot
 * log in and refresh, and Prometheus sends a fixed bearer credential (`authorization.credentials_file`). Without
 * METRICS_TOKEN the api does not serve /metrics at all (404). The comparison is over SHA-256 digests with
 * timingSafeEqual, so neither the token's length nor its prefix leaks through timing.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly expected: Buffer | null;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.expected = config.METRICS_TOKEN ? digest(config.METRICS_TOKEN) : null;
  }

  canActivate(ctx: ExecutionContext): boolean {
    if (!this.expected) throw notFound('Metrics are not served on this port: set METRICS_TOKEN to enable them', 'METRICS_DISABLED');
    const req = ctx.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    const token = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (token && timingSafeEqual(digest(token), this.expected)) return true;
    ctx
      .switchToHttp()
      .getResponse<{ setHeader(name: string, value: string): void }>()
      .setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
    throw new ProblemException('AUTHENTICATION_REQUIRED', 'The metrics endpoint needs Authorization: Bearer <METRICS_TOKEN>');
  }
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Prometheus scrape endpoint, outside /api/v1 like /health; it needs the METRICS_TOKEN bearer, not a user's token. */
@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  @Public()
  @UseGuards(MetricsTokenGuard)
  @Get()
  @Header('Content-Type', apiMetrics.contentType)
  @Header('Cache-Control', 'no-store')
  @ApiBearerAuth()
  @ApiOkResponse({ description: 'Prometheus text exposition format: process metrics and http_request_duration_seconds' })
  @ApiUnauthorizedResponse({ description: 'Missing or wrong Authorization: Bearer <METRICS_TOKEN>' })
  @ApiNotFoundResponse({ description: 'METRICS_TOKEN is not configured: metrics are not served' })
  metrics(): Promise<string> {
    return apiMetrics.metrics();
  }
}
