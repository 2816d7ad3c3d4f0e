import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

let provider: NodeTracerProvider | null = null;

/** True when OpenTelemetry tracing is switched on (OTEL_EXPORTER_OTLP_ENDPOINT set). */
export function tracingEnabled(): boolean {
  return provider !== null;
}

/**
 * Switches OpenTelemetry tracing on when OTEL_EXPORTER_OTLP_ENDPOINT is set (OTLP over HTTP, the standard variable;
 * OTEL_SERVICE_NAME overrides the name). Must run before `http` is loaded by anything else, so each process's
 * entry point imports its tracing module first. The 1.x SDK line is used because Node 20 is supported by it and the
 * Temporal interceptors depend on it.
 */
export function startTracing(serviceName: string): void {
  const endpoint = process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint || provider) return;
  provider = new NodeTracerProvider({ resource: new Resource({ 'service.name': process.env.OTEL_SERVICE_NAME || serviceName }) });
  provider.addSpanProcessor(
    new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }), { scheduledDelayMillis: 1000 }),
  );
  provider.register();
  registerInstrumentations({
    instrumentations: [new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => req.url === '/health' || req.url === '/metrics' })],
  });
  const flush = () => void provider?.shutdown();
  process.once('beforeExit', flush);
}

/** Flushes and stops the exporter (on shutdown). */
export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
}
