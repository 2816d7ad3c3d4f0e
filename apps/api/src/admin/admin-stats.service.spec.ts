import { weightedMedian } from './admin-stats.service';

describe('weightedMedian', () => {
  it('is null without values', () => {
    expect(weightedMedian([])).toBeNull();
    expect(weightedMedian([{ value: 3, count: 0 }])).toBeNull();
  });

  it('takes the middle value of an odd count and the mean of the two middle values of an even count', () => {
    expect(weightedMedian([{ value: 7, count: 1 }])).toBe(7);
    expect(weightedMedian([{ value: 5, count: 1 }, { value: 1, count: 1 }, { value: 3, count: 1 }])).toBe(3);
    expect(weightedMedian([{ value: 4, count: 1 }, { value: 1, count: 1 }])).toBe(2.5);
  });

  it('counts each value as often as it occurred, whatever the order of the groups', () => {
    // 0 0 0 1 9 -> 0
    expect(weightedMedian([{ value: 9, count: 1 }, { value: 0, count: 3 }, { value: 1, count: 1 }])).toBe(0);
    // 2 2 5 5 5 5 -> 5; 2 2 2 5 5 5 -> 3.5
    expect(weightedMedian([{ value: 5, count: 4 }, { value: 2, count: 2 }])).toBe(5);
    expect(weightedMedian([{ value: 5, count: 3 }, { value: 2, count: 3 }])).toBe(3.5);
  });

  it('agrees with the plain median of the expanded list', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const groups = Array.from({ length: (seed % 5) + 1 }, (_, i) => ({ value: (seed * (i + 3)) % 11, count: ((seed + i) % 4) + 1 }));
      const list = groups.flatMap((g) => Array<number>(g.count).fill(g.value)).sort((a, b) => a - b);
      const mid = list.length / 2;
      const plain = list.length % 2 ? list[Math.floor(mid)]! : (list[mid - 1]! + list[mid]!) / 2;
      expect(weightedMedian(groups)).toBe(plain);
    }
  });
});
