/**
 * docs/benchmarks.md is written by more than one tool: each owns a section between markers
 * (`<!-- NAME:begin -->` … `<!-- NAME:end -->`) and replaces only that; the analysis written by hand around the
 * sections stays.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/processes';

export const BENCHMARKS_MD = join(ROOT, 'docs', 'benchmarks.md');

const SKELETON = `# Benchmarks

Figures measured on this repository's machine by \`npm run bench\` (load over HTTP against the real stack, with a
bare-Temporal baseline in the same run) and \`test/bench/generate-scale-data.ts\` (inbox and audit verify at scale).
The sections between the markers are rewritten by those tools; the notes around them are written by hand.

<!-- bench:begin -->
<!-- bench:end -->

<!-- scale:begin -->
<!-- scale:end -->
`;

export function writeSection(name: string, body: string, file = BENCHMARKS_MD): void {
  let text = existsSync(file) ? readFileSync(file, 'utf8') : SKELETON;
  const begin = `<!-- ${name}:begin -->`;
  const end = `<!-- ${name}:end -->`;
  if (!text.includes(begin) || !text.includes(end)) text = `${text.trimEnd()}\n\n${begin}\n${end}\n`;
  const before = text.slice(0, text.indexOf(begin) + begin.length);
  const after = text.slice(text.indexOf(end));
  writeFileSync(file, `${before}\n${body.trim()}\n${after}`);
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} CPUs (${cpu[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB memory, Linux ${release()}`;
}

function pkgVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

export function versions(temporalCli: string, postgres: string): string {
  let cli = '?';
  try {
    cli = execFileSync(temporalCli, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    /* unknown */
  }
  return [
    `Node ${process.version}`,
    `@temporalio/* ${pkgVersion('@temporalio/worker')}`,
    `NestJS ${pkgVersion('@nestjs/core')}`,
    `TypeORM ${pkgVersion('typeorm')}`,
    `pg ${pkgVersion('pg')}`,
    cli.replace(/\s+/g, ' '),
    postgres,
  ].join(', ');
}

export const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');
