import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { badRequest, type FieldError } from './problem-details.filter';

const NUL = '\u0000';

/**
 * The dotted paths (as field errors name them: `details.counterpart.name`, `details.fields.0`) of every string, and
 * every object key, holding a NUL character. Postgres text and jsonb cannot store one, so such a value would fail
 * deep down: as a 500 from the driver, or, once inside a workflow, as a projection activity retried for ever.
 */
export function nulPaths(value: unknown, path = ''): string[] {
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (typeof value === 'string') return value.includes(NUL) ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => nulPaths(item, at(i)));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => (key.includes(NUL) ? [at(key)] : nulPaths(item, at(key))));
  }
  return [];
}

/**
 * Refuses, before any other pipe, a body, query or route parameter carrying a NUL character: a 400 naming each
 * field, so nothing is half-written (api-contract: bad input is a 4xx with field-level messages, never a 500).
 */
@Injectable()
export class RejectNulCharactersPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const found = nulPaths(value, metadata.data ?? '');
    if (!found.length) return value;
    const errors: FieldError[] = found.map((field) => ({ field: field || metadata.type, message: `${field || metadata.type} must not contain NUL characters` }));
    throw badRequest('The request has invalid fields', errors);
  }
}
