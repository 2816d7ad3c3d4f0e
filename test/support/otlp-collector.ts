/** A local OTLP/HTTP trace receiver for the integration tests: stores every span (service, name) as a JSON line. */
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { freePort } from './processes';

export interface ReceivedSpan {
  service: string;
  name: string;
  traceId: string;
}

interface OtlpJson {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: { spans?: { name: string; traceId: string }[] }[];
  }[];
}

export async function startCollector(file: string): Promise<{ endpoint: string; file: string; close(): Promise<void> }> {
  rmSync(file, { force: true });
  const port = await freePort();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpJson;
        for (const rs of body.resourceSpans ?? []) {
          const service = rs.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue ?? '';
          for (const ss of rs.scopeSpans ?? [])
            for (const span of ss.spans ?? [])
              appendFileSync(file, `${JSON.stringify({ service, name: span.name, traceId: span.traceId })}\n`);
        }
      } catch {
        /* not JSON: ignored */
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${port}`, file, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export function readSpans(file: string): ReceivedSpan[] {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ReceivedSpan);
  } catch {
    return [];
  }
}
