/**
 * GET /metrics on the api: outside the /api/v1 prefix, only with the METRICS_TOKEN bearer (issue 12, item 13), Prometheus text with process metrics
 * and the request histogram labelled by route pattern (never by raw path, so ids do not become series).
 */
import { login } from '../support/http';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl, metricsToken } = stack();
const scrape = () => fetch(`${apiUrl}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });

describe('api metrics', () => {
  it("is not served without the METRICS_TOKEN bearer: no token, a wrong one, or a user's access token get 401", async () => {
    const none = await fetch(`${apiUrl}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await none.text()).not.toMatch(/process_resident_memory_bytes|http_request_duration_seconds/);
    expect((await fetch(`${apiUrl}/metrics`, { headers: { authorization: `Bearer ${metricsToken}x` } })).status).toBe(401);
    expect(
      (await fetch(`${apiUrl}/metrics`, { headers: { authorization: `Basic ${Buffer.from(`x:${metricsToken}`).toString('base64')}` } }))
        .status,
    ).toBe(401);
    const admin = await login(apiUrl, demoEmail({ agency: null, role: 'ADMIN' }));
    expect((await fetch(`${apiUrl}/metrics`, { headers: { authorization: `Bearer ${admin.token}` } })).status).toBe(401);
  });

  it('serves Prometheus text with the METRICS_TOKEN bearer, outside /api/v1', async () => {
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect((await fetch(`${apiUrl}/api/v1/metrics`)).status).toBe(404);
  });

  it('counts requests by method, route pattern and status', async () => {
    const admin = await login(apiUrl, demoEmail({ agency: null, role: 'ADMIN' }));
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await admin.get(`/api/v1/tasks/${missing}`)).status).toBe(404);
    expect((await admin.get('/api/v1/tasks?limit=1')).status).toBe(200);
    const text = await (await scrape()).text();
    const count = (route: string, status: string) => {
      const line = text
        .split('\n')
        .find(
          (l) =>
            l.startsWith('http_request_duration_seconds_count{') &&
            l.includes(`route="${route}"`) &&
            l.includes(`status="${status}"`) &&
            l.includes('method="GET"'),
        );
      return line ? Number(line.split(' ').pop()) : 0;
    };
    expect(count('/api/v1/tasks/:id', '404')).toBeGreaterThanOrEqual(1);
    expect(count('/api/v1/tasks', '200')).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(missing);
  });
});
