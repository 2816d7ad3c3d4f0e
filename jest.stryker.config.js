// Jest configuration for Stryker (npm run test:mutation): the unit project of jest.config.js alone. The other
// projects start PostgreSQL, Temporal or a browser, which a mutant run must never do (and could not afford to).
const base = require('./jest.config.js');

const unit = base.projects.find((project) => project.displayName === 'unit');
const { displayName, ...unitConfig } = unit;

module.exports = { ...unitConfig, rootDir: __dirname, testTimeout: 10000 };
