#!/usr/bin/env node
// `npm run dev`: an embedded PostgreSQL 18 server (unless DATABASE_URL; scripts/embedded-postgres.js), a Temporal dev server with the search attributes
// (unless TEMPORAL_ADDRESS), migrations + demo seed, then the api, the worker and the web app (Vite). Ctrl-C stops them all;
// data in .data/ survives restarts.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const { randomBytes } = require('node:crypto');
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const net = require('node:net');
const { dirname, join } = require('node:path');
const { tool, SEARCH_ATTRIBUTES } = require('./tools');
const { API_NODE_FLAGS, WORKER_NODE_FLAGS } = require('./node-flags');

const root = join(__dirname, '..');
const dataDir = join(root, '.data');
const PORT = Number(process.env.PORT || 3000);
const EMBEDDED_PG_PORT = Number(process.env.EMBEDDED_PG_PORT || 54320);
const TEMPORAL_PORT = Number(process.env.TEMPORAL_PORT || 7233);
const TEMPORAL_UI_PORT = TEMPORAL_PORT + 1000;
const WEB_PORT = Number(process.env.WEB_PORT || 5173);
const children = [];
let embeddedPg = null;
let stopping = false;

const log = (msg) => console.log(`[accord] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function portOpen(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const s = net.connect({ port, host }, () => {
      s.destroy();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

async function waitFor(what, check, timeoutMs = 120_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (stopping) return;
    if (await check()) return;
    await sleep(300);
  }
  throw new Error(`${what} did not come up within ${timeoutMs / 1000}s`);
}

function start(name, cmd, args, env) {
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (line) => `${name.padEnd(8)}| ${line}`;
  for (const stream of [child.stdout, child.stderr]) {
    let buf = '';
    stream.on('data', (chunk) => {
      buf += chunk;
      const lines = buf.split('\n');
      buf = lines.pop();
      for (const line of lines) if (line.trim()) console.log(prefix(line));
    });
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(prefix(`exited (${signal ?? code}); stopping Accord`));
      shutdown(1);
    }
  });
  children.push(child);
  return child;
}

async function startEmbeddedPostgres() {
  const { startEmbeddedPostgres: start } = require('./embedded-postgres');
  embeddedPg = await start({ dir: join(dataDir, 'pg'), port: EMBEDDED_PG_PORT, durable: true, persistent: true, log });
  await embeddedPg.ensureDatabase('accord');
  log(`embedded PostgreSQL 18 on 127.0.0.1:${EMBEDDED_PG_PORT} (data in .data/pg)`);
  // The api and the worker run beside it: its Unix socket (inside .data/pg) costs them less CPU per query than TCP.
  return embeddedPg.socketUrlOf('accord');
}

async function startTemporal() {
  if (await portOpen(TEMPORAL_PORT))
    throw new Error(`port ${TEMPORAL_PORT} is taken; set TEMPORAL_ADDRESS to use that server, or TEMPORAL_PORT`);
  mkdirSync(dataDir, { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(TEMPORAL_PORT),
    '--ui-port',
    String(TEMPORAL_UI_PORT),
    '--db-filename',
    join(dataDir, 'temporal.db'),
    '--log-level',
    'warn',
  ];
  for (const name of SEARCH_ATTRIBUTES) args.push('--search-attribute', `${name}=Keyword`);
  start('temporal', tool('temporal'), args);
  await waitFor('Temporal dev server', () => portOpen(TEMPORAL_PORT));
  log(`Temporal dev server on 127.0.0.1:${TEMPORAL_PORT} (history in .data/temporal.db)`);
  return `127.0.0.1:${TEMPORAL_PORT}`;
}

/**
 * The audit checkpoints' HMAC key for development: random, made once and kept in .data/ (so the checkpoints written
 * before a restart still verify after it). Production passes its own AUDIT_CHECKPOINT_KEY, kept apart from the data.
 */
function devCheckpointKey() {
  const file = join(dataDir, 'audit-checkpoint.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

/** On a server we did not start, register the search attributes (an existing one is fine). */
function registerSearchAttributes(address) {
  for (const name of SEARCH_ATTRIBUTES) {
    const r = spawnSync(
      tool('temporal'),
      ['operator', 'search-attribute', 'create', '--address', address, '--name', name, '--type', 'Keyword'],
      { encoding: 'utf8' },
    );
    if (r.status !== 0 && !/already exists/i.test(`${r.stderr}${r.stdout}`))
      log(`warning: could not register ${name}: ${(r.stderr || r.stdout).trim()}`);
  }
}

/**
 * This install's own token key, made once and kept in .data/ (owner-only), so sign-ins survive a restart of
 * `npm run dev` without any secret living in the code. JWT_SECRET in the environment wins.
 */
function devJwtSecret() {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  for (const c of children.slice().reverse()) if (c.exitCode === null) c.kill('SIGTERM');
  await Promise.all(
    children.map((c) =>
      c.exitCode === null
        ? new Promise((r) => {
            c.once('exit', r);
            setTimeout(() => {
              c.kill('SIGKILL');
              r();
            }, 10_000);
          })
        : null,
    ),
  );
  if (embeddedPg) await embeddedPg.stop().catch(() => undefined);
  process.exit(code);
}

async function main() {
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));
  const databaseUrl = process.env.DATABASE_URL || (await startEmbeddedPostgres());
  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (temporalAddress) registerSearchAttributes(temporalAddress);
  else temporalAddress = await startTemporal();

  // Development mode: the api listens on 127.0.0.1 only (demo users with a published password are seeded).
  const env = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    PORT: String(PORT),
    ACCORD_DEV_MODE: '1',
    JWT_SECRET: devJwtSecret(),
    AUDIT_CHECKPOINT_KEY: process.env.AUDIT_CHECKPOINT_KEY || devCheckpointKey(),
  };
  const swc = ['-r', '@swc-node/register'];
  const migrate = spawn(process.execPath, [...swc, 'scripts/migrate.ts', '--seed'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  const migrated = await new Promise((resolve) => migrate.on('exit', resolve));
  if (migrated !== 0) throw new Error('migrations failed');

  start('worker', process.execPath, [...WORKER_NODE_FLAGS, ...swc, 'apps/worker/src/main.ts'], env);
  start('api', process.execPath, [...API_NODE_FLAGS, ...swc, 'apps/api/src/main.ts'], env);
  // The web app's dev server; it proxies /api and /health to the api, so the browser sees one origin.
  start(
    'web',
    process.execPath,
    [
      join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'),
      '--config',
      'apps/web/vite.config.mts',
      '--port',
      String(WEB_PORT),
      '--strictPort',
    ],
    {
      ACCORD_API_URL: `http://127.0.0.1:${PORT}`,
    },
  );
  await waitFor('api /health', async () => {
    try {
      return (await fetch(`http://127.0.0.1:${PORT}/health`)).ok;
    } catch {
      return false;
    }
  });
  if (stopping) return;
  log('Accord is up:');
  log(`  Web app      http://127.0.0.1:${WEB_PORT}`);
  log(`  API          http://127.0.0.1:${PORT}/api/v1`);
  log(`  Health       http://127.0.0.1:${PORT}/health`);
  log(`  Swagger UI   http://127.0.0.1:${PORT}/api/docs`);
  if (!process.env.TEMPORAL_ADDRESS) log(`  Temporal UI  http://127.0.0.1:${TEMPORAL_UI_PORT}`);
  log('  Demo users: see README (password accord-demo). Ctrl-C stops everything.');
}

main().catch((err) => {
  console.error(`[accord] ${err instanceof Error ? err.message : err}`);
  // Most often another `npm run dev` is still running, or still stopping (it takes a few seconds).
  if (err && err.code === 'EADDRINUSE') {
    console.error(
      `[accord] port ${err.port} is taken: is another Accord (npm run dev) running or still stopping? Stop it, or wait a moment and try again; EMBEDDED_PG_PORT, TEMPORAL_PORT and PORT choose other ports.`,
    );
  }
  shutdown(1);
});
