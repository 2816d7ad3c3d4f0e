/** OpenTelemetry tracing, switched on by OTEL_EXPORTER_OTLP_ENDPOINT (the integration stack points it at a local receiver). */
import { login } from '../support/http';
import { mouBody } from '../support/fixtures';
import { readSpans } from '../support/otlp-collector';
import { eventually } from '../support/eventually';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl, spansFile } = stack();

describe('tracing', () => {
  it('exports spans of the api (HTTP, Temporal client) and the worker (activities, local ones included) over OTLP', async () => {
    const submitter = await login(apiUrl, demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }));
    expect((await submitter.post('/api/v1/proposals', mouBody({ title: `Traced ${Date.now()}` }))).status).toBe(201);
    const spans = await eventually(() => {
      const all = readSpans(spansFile!);
      const has = (service: string, pattern: RegExp) => all.some((s) => s.service === service && pattern.test(s.name));
      return has('accord-api', /^POST/) &&
        // A submission starts its workflow and waits for the first step in one update-with-start call.
        has('accord-api', /^UpdateWithStartWorkflow:sync$/) &&
        has('accord-worker', /RunActivity:applyTransition/)
        ? all
        : undefined;
    });
    // The client interceptor's span and the HTTP request's span belong to one trace.
    const start = spans.find((s) => /^UpdateWithStartWorkflow:sync$/.test(s.name))!;
    expect(spans.some((s) => s.service === 'accord-api' && /^POST/.test(s.name) && s.traceId === start.traceId)).toBe(true);
  });
});
