// Jest configuration for Stryker (npm run test:mutation): the unit project of jest.config.js alone. The other
// projects start PostgreSQL, Temporal or a browser, which a mutant run must never do (and could not afford to).
const base = require('./jest.config.js');

const unit = base.projects.find((project) => project.displayName === 'unit');
const { displayName, ...unitConfig } = unit;

module.exports = {
  ...unitConfig,
  rootDir: __dirname,
  // The source folders only: Jest crawls `roots` for every mutant run (findRelatedTests walks the dependency graph of
  // the whole haste map), and from the repository's root that crawl (node_modules, .tools, .data) was about half of
  // each mutant's time (time-frame.ts: 5.5 → 2.6 min). Every unit spec still lives under these folders.
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/workflows', '<rootDir>/scripts'],
  testTimeout: 10000,
};
