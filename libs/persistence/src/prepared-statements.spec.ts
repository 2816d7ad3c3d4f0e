import { preparable, statementName } from './prepared-statements';
import { STEP_SQL } from './projection/transition-step';

describe('which statements run prepared', () => {
  it('prepares parameterised statements with named columns, count(*) included', () => {
    expect(preparable('SELECT id FROM task WHERE id = $1', ['x'])).toBe(true);
    expect(preparable('SELECT count(*) AS n FROM task WHERE status = $1', ['OPEN'])).toBe(true);
  });

  it("prepares the projection's step statement, the worker's hottest", () => {
    expect(preparable(STEP_SQL, ['x'])).toBe(true);
  });

  it('leaves statements without parameters (BEGIN, COMMIT, DDL) unprepared', () => {
    expect(preparable('COMMIT', undefined)).toBe(false);
    expect(preparable('SELECT 1', [])).toBe(false);
  });

  it('leaves a * select list unprepared: a migration adding a column would break the prepared plan', () => {
    expect(preparable('SELECT * FROM task WHERE id = $1', ['x'])).toBe(false);
    expect(preparable('SELECT t.*, p.title FROM task t JOIN proposal p ON p.id = t.proposal_id WHERE t.id = $1', ['x'])).toBe(false);
    expect(preparable('SELECT id,* FROM task WHERE id = $1', ['x'])).toBe(false);
  });

  it('names a text the same way every time, and two texts differently', () => {
    expect(statementName('SELECT $1')).toBe(statementName('SELECT $1'));
    expect(statementName('SELECT $1')).not.toBe(statementName('SELECT $2'));
    expect(statementName('SELECT $1').length).toBeLessThanOrEqual(63); // PostgreSQL's identifier limit
  });
});
