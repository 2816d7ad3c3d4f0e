import { PayloadTooLargeException } from '@nestjs/common';
import type { Request } from 'express';
import { Readable } from 'node:stream';
import { readXmlBody } from './edxml.controller';

/** A request whose body arrives in `chunks`, as express hands it over when no body parser read it. */
function request(chunks: string[], headers: Record<string, string> = {}): Request {
  return Object.assign(Readable.from(chunks.map((c) => Buffer.from(c, 'utf8'))), { headers }) as unknown as Request;
}

describe('POST /edxml/inbox: the XML body', () => {
  it('reads the whole body as UTF-8, across chunks', async () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?><a>Sở Ngoại vụ</a>';
    const bytes = Buffer.from(xml, 'utf8');
    // A chunk boundary inside a multi-byte character must not corrupt it.
    const chunks = [bytes.subarray(0, 41), bytes.subarray(41)].map((b) => b.toString('latin1'));
    const req = Object.assign(Readable.from(chunks.map((c) => Buffer.from(c, 'latin1'))), {
      headers: { 'content-type': 'application/xml; charset=utf-8' },
    }) as unknown as Request;
    expect(await readXmlBody(req, 1000)).toBe(xml);
  });

  it('refuses a body over the limit, whether declared or streamed, and another charset', async () => {
    await expect(readXmlBody(request(['<a/>'], { 'content-length': '5000' }), 1000)).rejects.toBeInstanceOf(PayloadTooLargeException);
    await expect(readXmlBody(request(['<a>', 'x'.repeat(600), 'y'.repeat(600), '</a>']), 1000)).rejects.toBeInstanceOf(
      PayloadTooLargeException,
    );
    await expect(readXmlBody(request(['<a/>'], { 'content-type': 'text/xml; charset=windows-1258' }), 1000)).rejects.toMatchObject({
      status: 415,
    });
  });
});
