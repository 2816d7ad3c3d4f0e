import { createParamDecorator, Headers, type ExecutionContext, type PipeTransform } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { runIdempotent, type IdempotentCreation } from '@accord/persistence';
import { badRequest } from './problem-details.filter';

/**
 * Idempotency-Key on creating POSTs (docs/api.md): the same key from the same user returns the first result.
 *
 * Use, in a controller and its service:
 *
 *   create(@CurrentUser() user: AuthUser, @Body() body: Dto, @IdempotencyKey() key?: string) { … }
 *
 *   return idempotent(this.db, { userId: user.id, scope: 'plan', key }, {
 *     replay: async (id) => (await this.row(id)) && present(…),   // null: not readable, create anew
 *     work: async (record) => { await this.db.transaction(async (m) => { …insert…; await record(m, id); }); return …; },
 *   });
 *
 * `idempotent` validates the key first (1-255 characters, else 400), looks it up, and on a miss runs `work`; `record`
 * writes the key in the creating transaction, and the loser of a race on one key answers with the winner's resource.
 */
export function checkIdempotencyKey(key: string | undefined): string | undefined {
  if (key !== undefined && (key.length < 1 || key.length > 255)) {
    throw badRequest(
      'Invalid Idempotency-Key',
      [{ field: 'Idempotency-Key', message: 'must be 1-255 characters' }],
      'IDEMPOTENCY_KEY_INVALID',
    );
  }
  return key;
}

/** Validates the Idempotency-Key header as a pipe, for handlers with no check that must come before it. */
export class IdempotencyKeyPipe implements PipeTransform<string | undefined, string | undefined> {
  transform(value: string | undefined): string | undefined {
    return checkIdempotencyKey(value);
  }
}

const idempotencyKeyHeader = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const value: unknown = ctx.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers['idempotency-key'];
  return typeof value === 'string' ? value : undefined;
});

/**
 * The Idempotency-Key header, as sent. Without `validate` it is checked by `idempotent` where the service calls it,
 * so the checks before it keep their order (403 for a caller without an agency; an upload's temporary file deleted);
 * with `validate`, by IdempotencyKeyPipe before the handler runs.
 */
export const IdempotencyKey = (options: { validate?: boolean } = {}): ParameterDecorator =>
  options.validate ? idempotencyKeyHeader(undefined, new IdempotencyKeyPipe()) : Headers('idempotency-key');

/** Validates `key`, then runs the creation idempotently (runIdempotent in libs/persistence). */
export async function idempotent<T>(
  db: DataSource,
  request: { userId: string; scope: string; key: string | undefined },
  creation: IdempotentCreation<T>,
): Promise<T> {
  const key = checkIdempotencyKey(request.key);
  return runIdempotent(db, { ...request, key }, creation);
}
