import { inflateRawSync } from 'node:zlib';

/**
 * An XLSX is a ZIP package, and exceljs inflates every part of it in memory: a 5 MiB upload can hold gigabytes of
 * zeros (a "zip bomb") or hundreds of thousands of parts, enough to exhaust the api's heap (issue 12, item 12). Before
 * exceljs sees the bytes, this walks the ZIP's central directory and inflates each entry with a hard output cap
 * (zlib's maxOutputLength), so the limit holds on the bytes the entries really expand to, not on the sizes they
 * declare. A plan appendix of a few hundred rows unzips to well under 1 MiB; the limits leave ample room.
 */
export const ZIP_LIMITS = { maxEntries: 500, maxUncompressedBytes: 10 * 1024 * 1024 } as const;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export type ZipCheck = { ok: true; entries: number; uncompressedBytes: number } | { ok: false; message: string };

export function checkZipBounds(bytes: Buffer, limits: { maxEntries: number; maxUncompressedBytes: number } = ZIP_LIMITS): ZipCheck {
  const bad = (message: string): ZipCheck => ({ ok: false, message });
  // The end-of-central-directory record: 22 bytes plus a comment of at most 65535, at the very end.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return bad('The file is not an XLSX workbook (no ZIP directory)');
  const count = bytes.readUInt16LE(eocd + 10);
  const dirSize = bytes.readUInt32LE(eocd + 12);
  const dirOffset = bytes.readUInt32LE(eocd + 16);
  // ZIP64 markers: a plan spreadsheet never needs 4 GiB or 65535 parts.
  if (count === 0xffff || dirSize === 0xffffffff || dirOffset === 0xffffffff) return bad('The workbook is too large (ZIP64)');
  if (count > limits.maxEntries) return bad(`The workbook has ${count} parts; at most ${limits.maxEntries} are accepted`);
  if (dirOffset + dirSize > eocd) return bad('The file is not an XLSX workbook (damaged ZIP directory)');

  let total = 0;
  let at = dirOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > eocd || bytes.readUInt32LE(at) !== CENTRAL) return bad('The file is not an XLSX workbook (damaged ZIP directory)');
    const method = bytes.readUInt16LE(at + 10);
    const compressed = bytes.readUInt32LE(at + 20);
    const declared = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const local = bytes.readUInt32LE(at + 42);
    at += 46 + nameLength + extraLength + commentLength;

    const budget = limits.maxUncompressedBytes - total;
    if (declared > budget) return tooBig(limits);
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== LOCAL)
      return bad('The file is not an XLSX workbook (damaged ZIP entry)');
    const dataStart = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (dataStart + compressed > bytes.length) return bad('The file is not an XLSX workbook (truncated ZIP entry)');
    const data = bytes.subarray(dataStart, dataStart + compressed);
    let actual: number;
    if (method === 0) {
      actual = compressed;
    } else if (method === 8) {
      try {
        // Throws (RangeError ERR_BUFFER_TOO_LARGE) as soon as the output would pass the budget: a bomb is never expanded.
        actual = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) return tooBig(limits);
        return bad('The file is not an XLSX workbook (damaged ZIP entry)');
      }
    } else {
      return bad(`The workbook uses ZIP compression method ${method}; only stored and deflated parts are accepted`);
    }
    total += actual;
    if (total > limits.maxUncompressedBytes) return tooBig(limits);
  }
  return { ok: true, entries: count, uncompressedBytes: total };
}

function tooBig(limits: { maxUncompressedBytes: number }): ZipCheck {
  return { ok: false, message: `The workbook expands to more than ${limits.maxUncompressedBytes} bytes; a plan appendix is far smaller` };
}
