/**
 * The load driver's HTTP client: ApiClient over node:http with one keep-alive agent, instead of fetch.
 *
 * The driver shares the two cores with the stack it measures, so what it spends is taken from Accord: fetch (undici in
 * Node 20) cost the driver about 1 ms of CPU per request, as much as some of the api's own requests. The answers and
 * the checks on them (ApiClient.request) are the same.
 */
import { Agent, request } from 'node:http';
import { ApiClient, type RawAnswer } from '../support/http';

const agent = new Agent({ keepAlive: true });

export class BenchApiClient extends ApiClient {
  protected override transport(method: string, url: string, headers: Record<string, string>, body: string | undefined): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        { method, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) }, agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              contentType: res.headers['content-type'] ?? null,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
