import type { TFunction } from 'i18next';
import { ApiError } from './api';
import { problemMessage } from './problem-message';

// The catalog key stands for its text: what matters is which one the error picks.
const t = ((key: string) => key) as unknown as TFunction;
const problem = (status: number, detail: string) => new ApiError(status, { type: 'about:blank', title: 'x', status, detail });

describe('problemMessage', () => {
  it('titles an error by its status and keeps the rule the server gave', () => {
    expect(problemMessage(t, problem(409, 'Task already completed'))).toEqual({ title: 'error.conflict', detail: 'Task already completed' });
    expect(problemMessage(t, problem(400, 'comment too long'))).toEqual({ title: 'error.invalid', detail: 'comment too long' });
    expect(problemMessage(t, problem(403, ''))).toEqual({ title: 'error.forbidden' });
    expect(problemMessage(t, problem(404, 'no such task')).title).toBe('error.notFound');
    expect(problemMessage(t, problem(503, 'down')).title).toBe('error.generic');
  });

  it('says "network" without the internal detail when the api was not reached', () => {
    expect(problemMessage(t, problem(0, 'network'))).toEqual({ title: 'error.network' });
  });
});
