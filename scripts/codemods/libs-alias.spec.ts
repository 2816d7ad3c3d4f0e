import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const { aliasFor, run } = require('./libs-alias') as {
  aliasFor: (specifier: string, file: string, root?: string) => string | null;
  run: (options: { root: string; check?: boolean }) => { file: string; count: number }[];
};

const ROOT = join(__dirname, '..', '..');

describe('libs-alias codemod', () => {
  let root: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const read = (path: string) => readFileSync(join(root, path), 'utf8');

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'accord-libs-alias-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('names a lib by its alias from outside it, keeps a lib’s own files relative, leaves the rest alone', () => {
    const file = join(root, 'apps/api/src/proposals/service.ts');
    expect(aliasFor('../../../../libs/domain/src', file, root)).toBe('@accord/domain');
    expect(aliasFor('../../../../libs/domain/src/', file, root)).toBe('@accord/domain');
    expect(aliasFor('../../../../libs/domain/src/index', file, root)).toBe('@accord/domain');
    expect(aliasFor('../../../../libs/temporal/src/contracts', file, root)).toBe('@accord/temporal/contracts');
    expect(aliasFor('../../../../libs/domain/src/errors/error-codes', file, root)).toBe('@accord/domain/errors/error-codes');
    expect(aliasFor('./dto/create-proposal.dto', file, root)).toBeNull();
    expect(aliasFor('../../../../libs/domain/package.json', file, root)).toBeNull();
    expect(aliasFor('../../../../workflows/src', file, root)).toBeNull();
    const inPersistence = join(root, 'libs/persistence/src/plans/plans.repository.ts');
    expect(aliasFor('../../../domain/src', inPersistence, root)).toBe('@accord/domain');
    expect(aliasFor('../../../../libs/domain/src', inPersistence, root)).toBe('@accord/domain');
    expect(aliasFor('../tenancy/tenancy', inPersistence, root)).toBeNull();
    expect(aliasFor('../../src/tenancy', inPersistence, root)).toBeNull();
  });

  it('rewrites every kind of import, require and jest module call, once', () => {
    write(
      'test/medium/x.medium-spec.ts',
      [
        `import { a } from '../../libs/domain/src';`,
        `import type { B } from "../../libs/domain/src/routing/plan.types";`,
        `import {`,
        `  c,`,
        `  d,`,
        `} from '../../libs/persistence/src';`,
        `export * from '../../libs/temporal/src/contracts';`,
        `import '../../libs/telemetry/src/register';`,
        `import cfg = require('../../libs/config/src');`,
        `const lazy = () => import('../../libs/records/src/render');`,
        `type T = typeof import('../../libs/reporting/src');`,
        `const r = require('../../libs/domain/src/calendar/vietnam-holidays');`,
        `jest.mock('../../libs/persistence/src/security/password', () => ({}));`,
        `const actual = jest.requireActual<typeof import('../../libs/domain/src')>('../../libs/domain/src');`,
        `import { helper } from '../support/helper';`,
        `import { Client } from 'pg';`,
        `// see ../../libs/domain/src for the rules`,
        ``,
      ].join('\n'),
    );
    write(
      'libs/reporting/src/report-text.ts',
      `import { x } from '../../persistence/src/reporting/report-data';\nimport { y } from './own';\n`,
    );
    write('apps/web/src/pages/Page.tsx', `import { STATUSES } from '../../../../libs/domain/src/proposal/proposal.types';\n`);
    write('apps/web/vite.config.mts', `import { z } from '../../libs/domain/src';\n`);
    write('test/fixture.js', `const a = require('../libs/domain/src');\n`);
    write('apps/api/node_modules/dep/index.ts', `import { a } from '../../../../libs/domain/src';\n`);

    expect(run({ root, check: true }).map((c) => c.file)).toHaveLength(4);
    const changed = run({ root });
    expect(changed).toEqual(
      expect.arrayContaining([
        { file: 'test/medium/x.medium-spec.ts', count: 12 },
        { file: 'libs/reporting/src/report-text.ts', count: 1 },
        { file: 'apps/web/src/pages/Page.tsx', count: 1 },
        { file: 'apps/web/vite.config.mts', count: 1 },
      ]),
    );
    expect(read('test/medium/x.medium-spec.ts')).toBe(
      [
        `import { a } from '@accord/domain';`,
        `import type { B } from "@accord/domain/routing/plan.types";`,
        `import {`,
        `  c,`,
        `  d,`,
        `} from '@accord/persistence';`,
        `export * from '@accord/temporal/contracts';`,
        `import '@accord/telemetry/register';`,
        `import cfg = require('@accord/config');`,
        `const lazy = () => import('@accord/records/render');`,
        `type T = typeof import('@accord/reporting');`,
        `const r = require('@accord/domain/calendar/vietnam-holidays');`,
        `jest.mock('@accord/persistence/security/password', () => ({}));`,
        `const actual = jest.requireActual<typeof import('@accord/domain')>('@accord/domain');`,
        `import { helper } from '../support/helper';`,
        `import { Client } from 'pg';`,
        `// see ../../libs/domain/src for the rules`,
        ``,
      ].join('\n'),
    );
    expect(read('libs/reporting/src/report-text.ts')).toBe(
      `import { x } from '@accord/persistence/reporting/report-data';\nimport { y } from './own';\n`,
    );
    expect(read('test/fixture.js')).toBe(`const a = require('../libs/domain/src');\n`);
    expect(read('apps/api/node_modules/dep/index.ts')).toBe(`import { a } from '../../../../libs/domain/src';\n`);

    expect(run({ root })).toEqual([]);
    expect(run({ root, check: true })).toEqual([]);
  });
});

describe('the libs alias configuration', () => {
  const libs = readdirSync(join(ROOT, 'libs'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);

  it('maps @accord/<lib> and @accord/<lib>/* to libs/<lib>/src for every lib (tsconfig.base.json)', () => {
    const { compilerOptions } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.base.json'), 'utf8')) as {
      compilerOptions: { paths: Record<string, string[]> };
    };
    const expected = Object.fromEntries(
      libs.flatMap((lib) => [
        [`@accord/${lib}`, [`./libs/${lib}/src`]],
        [`@accord/${lib}/*`, [`./libs/${lib}/src/*`]],
      ]),
    );
    expect(compilerOptions.paths).toEqual(expected);
  });

  it('leaves no relative import of a lib in the repository (run the codemod)', () => {
    expect(run({ root: ROOT, check: true })).toEqual([]);
  });
});
