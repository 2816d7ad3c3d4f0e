import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** The kernel's range for ports picked by `listen(0)` and outgoing connections (Linux; the usual default elsewhere). */
function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low && high) return [low, high];
  } catch {
    /* not Linux */
  }
  return [32768, 60999];
}

function listensOn(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** Ports this process handed out already: two children asked for in a row never get the same one. */
const taken = new Set<number>();

/**
 * A port for a child process to listen on later. Taken below the ephemeral range: a port that `listen(0)` handed
 * out and was released could be handed out again, to the Temporal dev server's internal services, the test SMTP or
 * OTLP receivers, or an outgoing connection, before the child binds it (it happened: the api met EADDRINUSE).
 * Ports below the range are only ever taken on purpose.
 */
export async function freePort(): Promise<number> {
  const [low, high] = ephemeralRange();
  // An unusual range starting low leaves no room below it: then above it, or as a last resort anywhere.
  const [first, end] = low > 11_000 ? [Math.max(10_000, low - 12_000), low] : high < 64_000 ? [high + 1, 65_536] : [10_000, 65_536];
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = first + Math.floor(Math.random() * (end - first));
    if (!taken.has(port) && (await listensOn(port))) {
      taken.add(port);
      return port;
    }
  }
  throw new Error(`no free port between ${first} and ${end - 1}`);
}

export async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} not ready after ${timeoutMs / 1000}s`);
}

/** Starts a child with its output kept for the failure message (and echoed when ACCORD_TEST_VERBOSE is set). */
export function startChild(name: string, cmd: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess & { output: string[] } {
  const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }) as ChildProcess & {
    output: string[];
  };
  child.output = [];
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    child.output.push(text);
    if (child.output.length > 400) child.output.shift();
    if (process.env.ACCORD_TEST_VERBOSE) process.stdout.write(`[${name}] ${text}`);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return child;
}

export function stopChild(child: ChildProcess | undefined, timeoutMs = 10_000): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
