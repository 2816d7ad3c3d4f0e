/**
 * Schemathesis (property-based testing from the OpenAPI document) against the running stack, for an administrator,
 * a submitter and a reviewer: every phase (examples, coverage, fuzzing, stateful, following the document's links)
 * and every check (no 5xx, only documented status codes, content types, headers and response schemas, invalid
 * data refused, valid data accepted, 405 for undocumented methods, deleted resources gone, auth not ignored...).
 * The document must say exactly what the api does, and the api must do what it says: 0 failures.
 *
 * Bounded by SCHEMATHESIS_MAX_EXAMPLES (cases per operation and phase, default 5) and reproducible through
 * SCHEMATHESIS_SEED (default fixed; the seed is printed). Per-operation exceptions live in schemathesis.toml beside
 * this file, each with its reason. Runs last (test/support/jest-sequencer.js): it writes what the document allows.
 * Not run: logout (it would revoke the session the rest of the run uses) and publishing a routing policy (a
 * random valid policy would route every later proposal). docs/testing.md "Schemathesis".
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/processes';
import { signInAll, type Session } from '../support/sessions';
import { stack } from './stack';

const { apiUrl, databaseUrl } = stack();
const SCHEMATHESIS = join(ROOT, '.tools', 'venv', 'bin', 'schemathesis');
const MAX_EXAMPLES = Number(process.env.SCHEMATHESIS_MAX_EXAMPLES ?? 5);
const SEED = process.env.SCHEMATHESIS_SEED ?? '20261204';
const EXCLUDED_OPERATIONS = ['AuthController_logout', 'PoliciesController_publish'];

interface Run {
  code: number | null;
  output: string;
  junit: string;
}

function schemathesis(token: string, reportDir: string): Promise<Run> {
  const junit = join(reportDir, 'junit.xml');
  const args = [
    '--config-file',
    join(__dirname, 'schemathesis.toml'),
    'run',
    `${apiUrl}/api/docs-json`,
    '--phases',
    'examples,coverage,fuzzing,stateful',
    '-H',
    `Authorization: Bearer ${token}`,
    '--max-examples',
    String(MAX_EXAMPLES),
    '--seed',
    SEED,
    '--workers',
    '2',
    '--request-timeout',
    '30',
    '--generation-database',
    'none',
    '--no-color',
    '--report',
    'junit',
    '--report-junit-path',
    junit,
    ...EXCLUDED_OPERATIONS.flatMap((id) => ['--exclude-operation-id', id]),
  ];
  return new Promise((resolve, reject) => {
    // No HOME-wide state: the run keeps its files in its own directory.
    const child = spawn(SCHEMATHESIS, args, { cwd: reportDir, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, output: Buffer.concat(chunks).toString('utf8'), junit: existsSync(junit) ? readFileSync(junit, 'utf8') : '' }),
    );
  });
}

/** The failures' part of Schemathesis' output (one section per operation, then the summary), cut to a readable size. */
function failureSummary(output: string): string {
  const start = output.indexOf('FAILURES');
  const text = start >= 0 ? output.slice(start) : output;
  // Long generated values (a 4,000-character query string) are cut; the test case id and curl line remain.
  return text
    .split('\n')
    .map((line) => (line.length > 400 ? `${line.slice(0, 400)}…` : line))
    .join('\n')
    .slice(-20_000);
}

describe('Schemathesis over the OpenAPI document', () => {
  let sessions: Record<'admin' | 'submitter' | 'reviewer', Session>;
  const reportDir = mkdtempSync(join(tmpdir(), 'accord-schemathesis-'));

  beforeAll(async () => {
    sessions = await signInAll(apiUrl, databaseUrl, {
      admin: 'admin@accord.local',
      submitter: 'submitter@sct.hatinh.gov.vn',
      reviewer: 'reviewer@stp.hatinh.gov.vn',
    });
  });

  afterAll(() => rmSync(reportDir, { recursive: true, force: true }));

  it('is installed by npm run setup', () => {
    expect(existsSync(SCHEMATHESIS)).toBe(true);
  });

  it.each(['admin', 'submitter', 'reviewer'] as const)(
    'finds nothing wrong as %s',
    async (role) => {
      const dir = mkdtempSync(join(reportDir, `${role}-`));
      const run = await schemathesis(sessions[role].client.token!, dir);
      const failed = run.code !== 0;
      // The figures of every run (docs/testing.md quotes them): operations, cases, failures, time.
      const figures = [/Selected: \d+\/\d+/, /Tested: \d+/, /\d+ generated[^\n]*/, /=+ [^=\n]* in [\d.]+s =+/]
        .map((re) => re.exec(run.output)?.[0] ?? '')
        .join('; ');
      console.log(`Schemathesis as ${role}: ${figures}`);
      if (failed)
        console.log(`Schemathesis as ${role} (seed ${SEED}, ${MAX_EXAMPLES} examples; exit ${run.code}):\n${failureSummary(run.output)}`);
      // The run itself went through: the document loaded and operations were tested.
      expect(run.output).toMatch(/API Operations:\s+Selected: \d+\/\d+\s+Tested: [1-9]\d*/);
      expect(run.junit).toContain('<testsuite');
      expect({
        role,
        exitCode: run.code,
        failures: failed
          ? failureSummary(run.output)
              .split('\n')
              .filter((l) => /_{5,} \S.* _{5,}|- ST\d+|❌|🚫/.test(l))
              .map((l) => l.trim())
          : [],
      }).toEqual({ role, exitCode: 0, failures: [] });
    },
    900_000,
  );
});
