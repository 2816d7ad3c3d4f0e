import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { badRequest, type FieldError } from './problem-details.filter';

const NUL = '\u0000';

/** Deeper than any body the api takes (a proposal's details.counterpart.name is 3 levels) by a wide margin. */
export const MAX_DEPTH = 32;

export interface InputFlaws {
  /** Dotted paths (as field errors name them: `details.counterpart.name`, `details.fields.0`) of strings and keys with a NUL. */
  nul: string[];
  /** The first path found below MAX_DEPTH levels, if any. */
  tooDeep: string | null;
}

/**
 * Walks a parsed body or query, without recursion (a hostile body may be nested 100,000 deep: recursing over it,
 * here or in class-transformer, overflows the stack, a 500), for what no handler can take:
 * - NUL characters: Postgres text and jsonb cannot store U+0000, so such a value fails deep down, as the driver's
 *   500 or, once inside a workflow, as a projection activity retried for ever;
 * - nesting deeper than MAX_DEPTH.
 */
export function inputFlaws(value: unknown, path = ''): InputFlaws {
  const flaws: InputFlaws = { nul: [], tooDeep: null };
  const stack: [unknown, string, number][] = [[value, path, 0]];
  while (stack.length) {
    const [item, at, depth] = stack.pop()!;
    if (typeof item === 'string') {
      if (item.includes(NUL)) flaws.nul.push(at);
      continue;
    }
    if (item === null || typeof item !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      flaws.tooDeep ??= at;
      continue;
    }
    const entries = Array.isArray(item) ? item.map((v, i) => [String(i), v] as const) : Object.entries(item);
    for (const [key, child] of entries.reverse()) {
      const childPath = at ? `${at}.${key}` : key;
      if (key.includes(NUL)) flaws.nul.push(childPath);
      else stack.push([child, childPath, depth + 1]);
    }
  }
  return flaws;
}

/**
 * Runs before validation on every body, query and route parameter: a NUL or a body nested too deeply is a 400
 * naming the field, so nothing is half-written (docs/api.md "Errors": bad input is a 4xx with field-level messages).
 */
@Injectable()
export class SafeInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const { nul, tooDeep } = inputFlaws(value, metadata.data ?? '');
    const named = (field: string) => field || metadata.type;
    const errors: FieldError[] = nul.map((field) => ({ field: named(field), message: `${named(field)} must not contain NUL characters` }));
    if (tooDeep !== null) errors.push({ field: named(tooDeep), message: `${named(tooDeep)} is nested more than ${MAX_DEPTH} levels deep` });
    if (errors.length) throw badRequest('The request has invalid fields', errors, 'UNSAFE_INPUT');
    return value;
  }
}
