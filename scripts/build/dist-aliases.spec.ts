import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const { rewriteDistAliases } = require('./dist-aliases') as {
  rewriteDistAliases: (distDir: string) => { files: number; specifiers: number };
};

describe('dist aliases (after tsc)', () => {
  let dist: string;
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dist, path)), { recursive: true });
    writeFileSync(join(dist, path), text);
  };
  const read = (path: string) => readFileSync(join(dist, path), 'utf8');

  beforeEach(() => {
    dist = mkdtempSync(join(tmpdir(), 'accord-dist-aliases-'));
    write('libs/domain/src/index.js', `exports.name = 'domain';\n`);
    write('libs/domain/src/errors/error-codes.js', `exports.CODES = ['NOT_FOUND'];\n`);
    write('libs/temporal/src/contracts.js', `const domain = require("@accord/domain");\nexports.queue = domain.name + '-queue';\n`);
  });
  afterEach(() => rmSync(dist, { recursive: true, force: true }));

  it('makes every require and dynamic import of @accord/<lib>[/<path>] relative, so plain node runs the output', () => {
    write(
      'apps/api/src/main.js',
      [
        `"use strict";`,
        `const __importStar = (mod) => mod;`,
        `const domain_1 = require("@accord/domain");`,
        `const error_codes_1 = require("@accord/domain/errors/error-codes");`,
        `const contracts = require('@accord/temporal/contracts');`,
        `const where = require.resolve("@accord/domain");`,
        `Promise.resolve().then(() => __importStar(require("@accord/domain/errors/error-codes")));`,
        `// imports \`@accord/domain\` (a comment)`,
        `console.log(JSON.stringify([domain_1.name, error_codes_1.CODES, contracts.queue, require("node:path").basename(where)]));`,
        ``,
      ].join('\n'),
    );

    expect(rewriteDistAliases(dist)).toEqual({ files: 2, specifiers: 6 });

    expect(read('apps/api/src/main.js')).toContain(`require("../../../libs/domain/src")`);
    expect(read('apps/api/src/main.js')).toContain(`require("../../../libs/domain/src/errors/error-codes")`);
    expect(read('apps/api/src/main.js')).toContain(`require('../../../libs/temporal/src/contracts')`);
    expect(read('apps/api/src/main.js')).toContain(`require.resolve("../../../libs/domain/src")`);
    expect(read('libs/temporal/src/contracts.js')).toContain(`require("../../domain/src")`);
    const out = execFileSync(process.execPath, [join(dist, 'apps/api/src/main.js')], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual(['domain', ['NOT_FOUND'], 'domain-queue', 'index.js']);

    // Run again (a second build step, an interrupted build): nothing left to do.
    expect(rewriteDistAliases(dist)).toEqual({ files: 0, specifiers: 0 });
  });

  it('fails the build on an alias whose target was not compiled', () => {
    write('apps/worker/src/main.js', `require("@accord/domain/no-such-module");\nrequire("@accord/nolib");\n`);
    expect(() => rewriteDistAliases(dist)).toThrow(
      /apps\/worker\/src\/main\.js: @accord\/domain\/no-such-module\n {2}apps\/worker\/src\/main\.js: @accord\/nolib/,
    );
  });
});
