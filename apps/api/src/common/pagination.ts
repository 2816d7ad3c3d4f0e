import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { badRequest } from './problem-details.filter';

export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({
    description: 'Opaque cursor from the previous page (`nextCursor`); empty or absent for the first page',
    maxLength: 4096,
  })
  @IsOptional()
  @IsString()
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Keyset cursor: the sort key of the last row seen, opaque to clients. */
export function encodeCursor(key: (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/**
 * The SQL type each value of a list's sort key is cast to. A cursor is opaque but client-held: its values go
 * into typed SQL parameters, so a forged one (wrong arity, an object, a date that does not exist, a number
 * past bigint) must be refused here as a 400, never reach Postgres as a failed cast (a 500).
 */
export type CursorType = 'timestamptz' | 'uuid' | 'text' | 'bigint';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BIGINT = /^[0-9]{1,18}$/; // what encodeCursor writes for a bigint column (pg returns it as a string); 18 digits stay below 2^63
const MAX_TEXT = 1000;

function validCursorValue(value: unknown, type: CursorType): boolean {
  switch (type) {
    case 'timestamptz':
      // encodeCursor writes Date#toISOString(); anything else (another format, 2026-02-31, year 275760) is not ours.
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value)) return false;
      return !Number.isNaN(Date.parse(value)) && new Date(value).toISOString() === value;
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'text':
      // Postgres text cannot hold U+0000: a NUL in a parameter is a server error.
      return typeof value === 'string' && value.length <= MAX_TEXT && !value.includes('\u0000');
    case 'bigint':
      return (typeof value === 'string' && BIGINT.test(value)) || (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0);
  }
}

/** The sort key a cursor carries, checked value by value against the list's key types; `null` without a cursor. */
export function decodeCursor(cursor: string | undefined, types: readonly CursorType[]): string[] | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    if (cursor.length <= 4096 && /^[A-Za-z0-9_-]+$/.test(cursor)) {
      const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
      if (Array.isArray(key) && key.length === types.length && key.every((v, i) => validCursorValue(v, types[i]!))) {
        return key.map((v) => String(v));
      }
    }
  } catch {
    /* fall through */
  }
  throw badRequest('Invalid cursor', [{ field: 'cursor', message: 'cursor is not one this API issued' }], 'INVALID_CURSOR');
}

/** Fetch limit+1 rows; the extra one tells whether a next page exists. */
export function toPage<R, T>(rows: R[], limit: number, map: (r: R) => T, keyOf: (r: R) => (string | number | null)[]): Page<T> {
  const more = rows.length > limit;
  const items = rows.slice(0, limit);
  return { items: items.map(map), nextCursor: more && items.length ? encodeCursor(keyOf(items[items.length - 1]!)) : null };
}
