/**
 * Resource limits (issue 12, item 12) over HTTP against the real stack: one audit verification at a time across the
 * api processes (a second waits for it, up to 10 s, then gets 429 with Retry-After), and a decompression-bomb XLSX
 * refused before it is inflated.
 * The upload streaming is proven in inbox-attachments.integration-spec.ts.
 */
import { deflateRawSync } from 'node:zlib';
import { Client } from 'pg';
import { login, type ApiClient } from '../support/http';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl, databaseUrl } = stack();
const V1 = '/api/v1';

/** One deflated ZIP entry: a few KiB on the wire, `size` bytes once inflated. */
function zipBomb(size: number): Buffer {
  const body = deflateRawSync(Buffer.alloc(size));
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + name.length, 12);
  end.writeUInt32LE(30 + name.length + body.length, 16);
  return Buffer.concat([local, name, body, central, name, end]);
}

describe('resource limits', () => {
  let auditor: ApiClient, admin: ApiClient, officer: ApiClient;
  beforeAll(async () => {
    [auditor, admin, officer] = await Promise.all(
      [
        demoEmail({ agency: null, role: 'AUDITOR' }),
        demoEmail({ agency: null, role: 'ADMIN' }),
        demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
      ].map((e) => login(apiUrl, e)),
    );
  });

  it('runs one GET /audit/verify at a time: while one runs (the lock is held) another waits, then gets 429 with Retry-After', async () => {
    // Hold the verification's advisory lock from outside, as a running verification in another api process would.
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    const lock = async () =>
      (await db.query(`SELECT pg_try_advisory_lock(hashtext('accord:audit-verify')) AS locked`)).rows[0].locked as boolean;
    const unlock = () => db.query(`SELECT pg_advisory_unlock(hashtext('accord:audit-verify'))`);
    try {
      // Held briefly: the call waits for it, then verifies.
      expect(await lock()).toBe(true);
      let settled = false;
      const waiting = auditor.get(`${V1}/audit/verify`).then((r) => ((settled = true), r));
      await new Promise((r) => setTimeout(r, 1500));
      expect(settled).toBe(false);
      await unlock();
      const after = await waiting;
      expect(after.status).toBe(200);
      expect(after.body).toMatchObject({ ok: true });

      // Held past the wait (10 s): 429, problem+json, Retry-After.
      expect(await lock()).toBe(true);
      const started = Date.now();
      const res = await fetch(`${apiUrl}${V1}/audit/verify`, { headers: { authorization: `Bearer ${auditor.token}` } });
      expect(res.status).toBe(429);
      expect(Date.now() - started).toBeGreaterThanOrEqual(9_000);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(await res.json()).toMatchObject({ status: 429, code: 'AUDIT_VERIFY_BUSY' });
      await unlock();
      expect((await auditor.get(`${V1}/audit/verify`)).status).toBe(200);
    } finally {
      await db.end();
    }
  });

  it('answers concurrent verifications one after the other (a burst past the queue gets 429), and frees the lock after', async () => {
    const statuses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => (i % 2 ? admin : auditor).get(`${V1}/audit/verify`).then((r) => r.status)),
    );
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(4);
    expect((await auditor.get(`${V1}/audit/verify`)).status).toBe(200);
  });

  it('refuses an XLSX plan that inflates past the limit with 400 on file, before parsing it', async () => {
    const bomb = zipBomb(200 * 1024 * 1024); // 200 MiB of zeros in about 200 KiB
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const form = new FormData();
    form.append('title', 'Kế hoạch bom nén');
    form.append(
      'file',
      new Blob([new Uint8Array(bomb)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
      'ke-hoach.xlsx',
    );
    const res = await fetch(`${apiUrl}${V1}/plans`, { method: 'POST', headers: { authorization: `Bearer ${officer.token}` }, body: form });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { field: string; message: string }[] };
    expect(body.errors).toEqual([{ field: 'file', message: expect.stringMatching(/expands to more than/) }]);
  });
});
