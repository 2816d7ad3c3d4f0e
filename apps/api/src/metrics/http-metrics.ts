import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/**
 * The api's Prometheus registry: Node process metrics (prom-client defaults: CPU, RSS, heap, event-loop lag, GC)
 * and one histogram of HTTP requests by method, route pattern and status.
 */
export const apiMetrics = new Registry();
collectDefaultMetrics({ register: apiMetrics });

const httpDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP requests served by the api, by method, route pattern and status code',
  labelNames: ['method', 'route', 'status'] as const,
  // From a cached read (a few ms) to a decision waiting on the workflow (hundreds of ms) and slow exports.
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [apiMetrics],
});

/**
 * Express middleware timing every request until its response is sent. The route label is the matched pattern
 * (`/api/v1/tasks/:id/complete`), never the raw path, so ids do not explode the series; requests that matched no
 * route (404s, the web app's files) are counted under one label each.
 */
export function httpMetricsMiddleware(req: Request, res: Response, next: NextFunction): void {
  const end = httpDuration.startTimer();
  res.once('finish', () => {
    const pattern = (req.route as { path?: unknown } | undefined)?.path;
    const route = typeof pattern === 'string' ? `${req.baseUrl ?? ''}${pattern}` : req.path.startsWith('/api/') ? 'unmatched' : 'static';
    end({ method: req.method, route, status: String(res.statusCode) });
  });
  next();
}
