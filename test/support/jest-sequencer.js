// Jest's own order (failed first, then slowest first), but Schemathesis last: it writes whatever the OpenAPI document
// allows (proposals, plans, holidays, notifications read...) into the stack the other integration and browser suites
// share, so nothing runs after it (docs/testing.md "Schemathesis").
'use strict';
const Sequencer = require('@jest/test-sequencer').default;

const LAST = /schemathesis\.integration-spec\.ts$/;

class LastSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    return [...sorted.filter((t) => !LAST.test(t.path)), ...sorted.filter((t) => LAST.test(t.path))];
  }
}

module.exports = LastSequencer;
