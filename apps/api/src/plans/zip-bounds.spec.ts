import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { readPlanWorkbook } from './plan-xlsx';
import { checkZipBounds, ZIP_LIMITS } from './zip-bounds';

/** A minimal ZIP writer: local headers, central directory, end record (CRC left 0: the bounds check does not read it). */
function zip(entries: { name: string; data: Buffer; method?: 0 | 8; declared?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const body = method === 8 ? deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(e.declared ?? e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(e.declared ?? e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

async function planWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Phụ lục');
  ws.addRow(['STT', 'Nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian thực hiện', 'Sản phẩm đầu ra']);
  ws.addRow(['1.', 'Rà soát thỏa thuận quốc tế', 'Sở Ngoại vụ', '', 'Năm 2027', 'Báo cáo']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('checkZipBounds (XLSX decompression limits)', () => {
  it('accepts a real plan workbook, and readPlanWorkbook still reads it', async () => {
    const bytes = await planWorkbook();
    expect(checkZipBounds(bytes)).toMatchObject({ ok: true, entries: expect.any(Number) });
    const read = await readPlanWorkbook(bytes);
    expect(read.errors).toEqual([]);
    expect(read.sheet?.rows).toHaveLength(1);
  });

  it('refuses a bomb by what it really expands to, even when it declares a small size', () => {
    const zeros = Buffer.alloc(ZIP_LIMITS.maxUncompressedBytes + 1);
    const honest = zip([{ name: 'xl/worksheets/sheet1.xml', data: zeros }]);
    const lying = zip([{ name: 'xl/worksheets/sheet1.xml', data: zeros, declared: 100 }]);
    expect(honest.length).toBeLessThan(64 * 1024); // ten MiB of zeros deflate to a few KiB
    expect(checkZipBounds(honest)).toEqual({ ok: false, message: expect.stringMatching(/expands to more than/) });
    expect(checkZipBounds(lying)).toEqual({ ok: false, message: expect.stringMatching(/expands to more than/) });
  });

  it('counts the total over every part, not each part alone', () => {
    const part = Buffer.alloc(Math.ceil(ZIP_LIMITS.maxUncompressedBytes / 3) + 1);
    expect(checkZipBounds(zip([0, 1, 2].map((i) => ({ name: `p${i}`, data: part })))).ok).toBe(false);
    expect(checkZipBounds(zip([0, 1].map((i) => ({ name: `p${i}`, data: part })))).ok).toBe(true);
  });

  it('refuses too many parts, unknown methods and what is not a ZIP', () => {
    expect(
      checkZipBounds(
        zip(Array.from({ length: ZIP_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `p${i}`, data: Buffer.from('x'), method: 0 as const }))),
      ),
    ).toEqual({
      ok: false,
      message: expect.stringMatching(/parts/),
    });
    const bzip = zip([{ name: 'a', data: Buffer.from('x'), method: 0 }]);
    bzip.writeUInt16LE(12, bzip.length - 22 - 46 - 1 + 10); // the central entry's method: 12 (bzip2)
    expect(checkZipBounds(bzip)).toEqual({ ok: false, message: expect.stringMatching(/method 12/) });
    expect(checkZipBounds(Buffer.from('not a zip at all, just text'))).toMatchObject({ ok: false });
  });

  it('makes readPlanWorkbook answer a bomb with a field error on file, before exceljs inflates it', async () => {
    const bomb = zip([{ name: '[Content_Types].xml', data: Buffer.alloc(ZIP_LIMITS.maxUncompressedBytes * 4) }]);
    const read = await readPlanWorkbook(bomb);
    expect(read).toEqual({ sheet: null, errors: [{ field: 'file', message: expect.stringMatching(/expands to more than/) }] });
  });
});
