import { deleteView, filtersQuery, loadViews, saveView, viewsKey } from './saved-views';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const data = new Map<string, string>();
  return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('saved views', () => {
  it('keeps each user their own views', () => {
    const storage = memoryStorage();
    saveView(storage, viewsKey('u1', 'inbox'), { name: 'Quá hạn', query: 'overdue=true' });
    expect(loadViews(storage, viewsKey('u1', 'inbox'))).toEqual([{ name: 'Quá hạn', query: 'overdue=true' }]);
    expect(loadViews(storage, viewsKey('u2', 'inbox'))).toEqual([]);
  });

  it('replaces a view of the same name and deletes by name', () => {
    const storage = memoryStorage();
    const key = viewsKey('u1', 'inbox');
    saveView(storage, key, { name: 'Mine', query: 'assignee=me' });
    saveView(storage, key, { name: 'A', query: 'status=OPEN' });
    expect(saveView(storage, key, { name: ' mine ', query: 'assignee=me&overdue=true' })).toEqual([
      { name: 'A', query: 'status=OPEN' },
      { name: 'mine', query: 'assignee=me&overdue=true' },
    ]);
    expect(deleteView(storage, key, 'A')).toEqual([{ name: 'mine', query: 'assignee=me&overdue=true' }]);
  });

  it('ignores unreadable storage', () => {
    const storage = memoryStorage();
    storage.setItem('k', '{not json');
    expect(loadViews(storage, 'k')).toEqual([]);
  });

  it('writes equal filters as equal queries', () => {
    expect(filtersQuery({ status: 'OPEN', kind: '', overdue: 'true' })).toBe(filtersQuery({ overdue: 'true', status: 'OPEN' }));
    expect(filtersQuery({ status: '', kind: '' })).toBe('');
  });
});
