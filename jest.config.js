// Jest projects (docs/style.md): unit = pure domain, workflow = time-skipping test server,
// medium = one service against real Postgres,
// integration = real Postgres + real Temporal dev server over HTTP, e2e = the web app in a real browser on that stack.
const fs = require('node:fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
// The libs' path alias (tsconfig.base.json `paths`, @accord/<lib> → libs/<lib>/src). swc rewrites the specifiers as it
// compiles, which also covers what Jest loads outside its module registry (globalSetup, globalTeardown, the
// sequencer's requires); moduleNameMapper below covers the module registry's own lookups (jest.mock('@accord/…')).
const { paths } = JSON.parse(fs.readFileSync(`${__dirname}/tsconfig.base.json`, 'utf8')).compilerOptions;
// pkijs and asn1js (official records, signed PDFs) and their dependencies ship only ES modules: Node >= 20.19 loads
// them with require(esm) at run time, Jest's module runtime does not (before Node 24.9), so @swc/jest compiles them.
const ESM_ONLY = '(pkijs|asn1js|bytestreamjs|@noble/hashes|@peculiar/utils)';
const transform = {
  '^.+\\.ts$': ['@swc/jest', { ...swcrc, jsc: { ...swcrc.jsc, baseUrl: __dirname, paths }, swcrc: false }],
  [`/node_modules/${ESM_ONLY}/.+\\.js$`]: ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' }, swcrc: false }],
};
const common = {
  transform,
  transformIgnorePatterns: [`/node_modules/(?!${ESM_ONLY}/)`],
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The libs' path alias again, for the lookups swc does not rewrite: @accord/<lib>[/<path>] is libs/<lib>/src[/<path>].
  moduleNameMapper: { '^@accord/([a-z0-9-]+)(/.*)?$': '<rootDir>/libs/$1/src$2' },
};

module.exports = {
  // One test file at a time: the integration and e2e suites share one stack, and some of them (the audit tamper test,
  // notifications read-all in the authorisation matrix) must not interleave with others' assertions.
  maxWorkers: 1,
  // The Schemathesis suite runs last: it writes freely into the shared stack (test/support/jest-sequencer.js).
  testSequencer: '<rootDir>/test/support/jest-sequencer.js',
  // Workflow and integration tests drive real servers; the unit tests finish in milliseconds anyway.
  testTimeout: 120000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: [
        '<rootDir>/libs/**/*.spec.ts',
        '<rootDir>/apps/**/*.spec.ts',
        '<rootDir>/workflows/**/*.spec.ts',
        '<rootDir>/scripts/**/*.spec.ts',
      ],
    },
    { ...common, displayName: 'workflow', testMatch: ['<rootDir>/workflows/**/*.workflow-spec.ts'] },
    {
      // Medium tier: one service at a time against real Postgres (a clone of a migrated, seeded template), Temporal
      // replaced by a recording fake; no HTTP. Chosen by folder and suffix.
      ...common,
      displayName: 'medium',
      testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'],
      globalSetup: '<rootDir>/test/medium/global-setup.ts',
      globalTeardown: '<rootDir>/test/medium/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.integration-spec.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
    },
    {
      // Browser tests (Debian's Chromium via playwright-core) against the same kind of stack; the same setup and
      // teardown paths, so when both projects run Jest starts one stack for both. The spec builds apps/web.
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/integration/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/global-teardown.ts',
    },
  ],
};
