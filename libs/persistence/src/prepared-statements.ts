import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Runs the parameterised statements of `ds` as named prepared statements, one per SQL text and pooled connection
 * (issue 16). PostgreSQL then parses each text once per connection and, after a few executions, reuses a generic plan:
 * planning was most of the cost of the hot reads (the inbox plans in ~1 ms and executes in ~0.1 ms: six tables, each
 * with its row-level-security policy). Row-level security still holds: a plan keeps the policies' quals, which read
 * `accord.province` when they run, and PostgreSQL plans again when the role changes.
 *
 * Left unprepared: statements without parameters (BEGIN, COMMIT, DDL), texts with a `*` select list (a prepared
 * `SELECT t.*` fails with "cached plan must not change result type" once a migration adds a column under a running
 * process), and every new text once a connection holds MAX_PER_CONNECTION (dynamic SQL such as multi-row inserts of
 * varying length must not grow a server process without bound).
 *
 * Needs session-level pooling, as the tenancy does (docs/deploy.md): a statement prepared on one server connection is
 * unknown on another.
 */
export function installPreparedStatements(ds: DataSource): void {
  const driver = ds.driver as unknown as { obtainMasterConnection(): Promise<[PgClient, unknown]>; __prepared?: true };
  if (driver.__prepared) return;
  const obtain = driver.obtainMasterConnection.bind(driver);
  driver.obtainMasterConnection = async () => {
    const [client, release] = await obtain();
    if (!client[PREPARING]) prepareStatementsOf(client);
    return [client, release];
  };
  driver.__prepared = true;
}

/** How many distinct texts one connection prepares at most. */
export const MAX_PER_CONNECTION = 200;

/** Whether a text may be prepared: parameterised, and no `*` select list (see installPreparedStatements). */
export function preparable(text: string, values: unknown): boolean {
  return Array.isArray(values) && values.length > 0 && !SELECT_STAR.test(text);
}

/** `*` as a select-list item (`SELECT *`, `t.*`, `, *`), not `count(*)`. */
const SELECT_STAR = /(?:\.\*|(?:^|[\s,])\*(?:\s|,|$))/;

/** The statement name of a text: stable across processes (the same text, the same name). */
export function statementName(text: string): string {
  return `accord_${createHash('sha1').update(text).digest('hex').slice(0, 32)}`;
}

function prepareStatementsOf(client: PgClient): void {
  const names = new Map<string, string>();
  const query = client.query.bind(client);
  client.query = ((text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text === 'string' && preparable(text, values)) {
      let name = names.get(text);
      if (!name && names.size < MAX_PER_CONNECTION) {
        name = statementName(text);
        names.set(text, name);
      }
      if (name) return query({ name, text, values }, callback);
    }
    return query(text, values, callback);
  }) as PgClient['query'];
  client[PREPARING] = true;
}

/** Marks a pooled connection whose query method prepares already. */
const PREPARING = Symbol('accord.prepared-statements');

interface PgClient {
  query: (...args: unknown[]) => unknown;
  [PREPARING]?: true;
}
