/**
 * The appendix spreadsheet of an implementation plan: a header row with the appendix's columns (STT, Nhiệm vụ,
 * Cơ quan chủ trì, Cơ quan phối hợp, Thời gian thực hiện, Sản phẩm đầu ra — or their English names), then one row
 * per task. Header rows repeated on a new page and blank rows are skipped.
 */
import ExcelJS from 'exceljs';
import { foldVietnamese } from '@accord/domain';
import type { FieldError } from '../common/problem-details.filter';
import { PLAN_ITEM_FIELDS } from './plan-rows';
import { checkZipBounds } from './zip-bounds';

type Field = (typeof PLAN_ITEM_FIELDS)[number];

const HEADERS: Record<Field, string[]> = {
  no: ['stt', 'tt', 'so thu tu', 'no', 'no.', 'number'],
  task: ['nhiem vu', 'noi dung', 'noi dung nhiem vu', 'ten nhiem vu', 'task'],
  leadAgency: ['co quan chu tri', 'don vi chu tri', 'chu tri', 'lead agency', 'lead'],
  coordinatingAgencies: ['co quan phoi hop', 'don vi phoi hop', 'phoi hop', 'coordinating agencies', 'coordinating agency', 'coordinators'],
  timeFrame: ['thoi gian thuc hien', 'thoi gian', 'thoi han', 'thoi han hoan thanh', 'time frame', 'timeframe'],
  output: ['san pham dau ra', 'san pham', 'ket qua', 'ket qua dau ra', 'output', 'expected output'],
};
const REQUIRED: Field[] = ['no', 'task', 'leadAgency', 'timeFrame'];

const fieldOf = (header: string): Field | null => {
  const folded = foldVietnamese(header);
  return (Object.keys(HEADERS) as Field[]).find((f) => HEADERS[f].includes(folded)) ?? null;
};

/** The display text of a cell (rich text, formulas and hyperlinks included), or its number. */
function cellValue(cell: ExcelJS.Cell): string | number | null {
  const v = cell.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  const text = cell.text?.trim();
  return text ? text : null;
}

export interface SheetRows {
  rows: Record<string, unknown>[];
  /** Spreadsheet row number of each entry of `rows`. */
  rowNumbers: number[];
}

export async function readPlanWorkbook(bytes: Buffer): Promise<{ sheet: SheetRows | null; errors: FieldError[] }> {
  // Bounded before exceljs inflates anything: parts and their real expanded size (zip-bounds.ts).
  const bounds = checkZipBounds(bytes);
  if (!bounds.ok) return { sheet: null, errors: [{ field: 'file', message: bounds.message }] };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return { sheet: null, errors: [{ field: 'file', message: 'The file is not an XLSX workbook' }] };
  }
  for (const worksheet of workbook.worksheets) {
    let columns: Map<number, Field> | null = null;
    const rows: Record<string, unknown>[] = [];
    const rowNumbers: number[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells = new Map<number, string | number>();
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        const value = cellValue(cell);
        if (value !== null) cells.set(col, value);
      });
      const asHeader = new Map<number, Field>();
      for (const [col, value] of cells) {
        const field = typeof value === 'string' ? fieldOf(value) : null;
        if (field) asHeader.set(col, field);
      }
      const headerLike = REQUIRED.every((f) => [...asHeader.values()].includes(f));
      if (headerLike) {
        columns ??= asHeader; // the first header row fixes the columns; a repeated header (next page) is skipped
        return;
      }
      if (!columns || !cells.size) return;
      const record: Record<string, unknown> = {};
      for (const [col, field] of columns) if (cells.has(col)) record[field] = cells.get(col);
      if (!Object.keys(record).length) return;
      rows.push(record);
      rowNumbers.push(rowNumber);
    });
    if (columns) return { sheet: { rows, rowNumbers }, errors: [] };
  }
  return {
    sheet: null,
    errors: [
      {
        field: 'file',
        message:
          'No header row found: the sheet needs the columns STT, Nhiệm vụ, Cơ quan chủ trì, Cơ quan phối hợp, Thời gian thực hiện, Sản phẩm đầu ra',
      },
    ],
  };
}
