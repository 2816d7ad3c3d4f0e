import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { Logger } from '@nestjs/common';
import { Runtime } from '@temporalio/worker';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** Node process metrics of the worker (CPU, RSS, heap, event-loop lag, GC). */
export const workerMetrics = new Registry();
collectDefaultMetrics({ register: workerMetrics });

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/**
 * Prometheus for the worker on `port` (WORKER_METRICS_PORT): the process metrics above and the Temporal SDK's own
 * (temporal_* : workflow and activity task latencies, slots, sticky cache, poll failures). The SDK's Rust core can
 * only serve its metrics on an address of its own, so it gets a loopback port and each scrape here forwards to it:
 * one endpoint per worker to scrape. Must run before the first NativeConnection (Runtime.install comes first).
 * A port already taken (a second worker on one host) costs the metrics, never the worker.
 */
export async function startWorkerMetrics(port: number): Promise<Server | null> {
  const logger = new Logger('WorkerMetrics');
  if (!port) return null;
  const sdkPort = await freeLoopbackPort();
  Runtime.install({
    telemetryOptions: {
      metrics: { prometheus: { bindAddress: `127.0.0.1:${sdkPort}`, countersTotalSuffix: true, useSecondsForDurations: true } },
    },
  });
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    void (async () => {
      let sdk = '';
      try {
        const r = await fetch(`http://127.0.0.1:${sdkPort}/metrics`, { signal: AbortSignal.timeout(2000) });
        sdk = await r.text();
      } catch (err) {
        sdk = `# Temporal SDK metrics unavailable: ${String((err as Error).message).replace(/\n/g, ' ')}\n`;
      }
      const own = await workerMetrics.metrics();
      res.writeHead(200, { 'Content-Type': workerMetrics.contentType, 'Cache-Control': 'no-store' });
      res.end(`${own}\n${sdk}`);
    })().catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });
  // A scrape endpoint must never keep a stopping worker alive.
  server.unref();
  await new Promise<void>((resolve) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      logger.warn(`Metrics not served: port ${port} ${err.code === 'EADDRINUSE' ? 'is taken' : `failed (${err.message})`}`);
      resolve();
    });
    server.listen(port, '0.0.0.0', () => {
      logger.log(`Metrics on http://0.0.0.0:${port}/metrics (Temporal SDK metrics forwarded from 127.0.0.1:${sdkPort})`);
      resolve();
    });
  });
  return server.listening ? server : null;
}
