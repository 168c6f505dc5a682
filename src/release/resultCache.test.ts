import { describe, expect, it } from 'vitest';
import { ResultCache } from './resultCache.ts';

describe('ResultCache', () => {
  it('evicts the least recently used entry beyond its size', () => {
    const c = new ResultCache<number>(2);
    c.set('a', 1);
    c.set('b', 2);
    expect(c.get('a')).toBe(1); // a is now the most recent
    c.set('c', 3); // evicts b
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe(1);
    expect(c.get('c')).toBe(3);
    expect(c.size).toBe(2);
  });

  it('computes once for concurrent callers of the same key', async () => {
    const c = new ResultCache<number>(10);
    let calls = 0;
    const slow = () =>
      new Promise<number>((r) => {
        calls += 1;
        setTimeout(() => r(42), 10);
      });
    const [x, y] = await Promise.all([c.getOrCompute('k', slow), c.getOrCompute('k', slow)]);
    expect([x, y, calls]).toEqual([42, 42, 1]);
    expect(await c.getOrCompute('k', slow)).toBe(42);
    expect(calls).toBe(1);
  });

  it('does not keep a failure: the next caller computes again', async () => {
    const c = new ResultCache<number>(10);
    await expect(c.getOrCompute('k', () => Promise.reject(new Error('database down')))).rejects.toThrow(
      'database down',
    );
    expect(await c.getOrCompute('k', () => Promise.resolve(7))).toBe(7);
  });

  it('keeps the total weight under its limit, dropping the least recently used first', () => {
    const c = new ResultCache<string>(100, { weigh: (v) => v.length, maxWeight: 10 });
    c.set('a', 'xxxx'); // 4
    c.set('b', 'yyyy'); // 8
    expect(c.get('a')).toBe('xxxx'); // a is now the most recent
    c.set('c', 'zzzz'); // 12 > 10: b goes, 8 left
    expect([c.get('a'), c.get('b'), c.get('c'), c.weight]).toEqual(['xxxx', undefined, 'zzzz', 8]);
    c.set('a', 'x'); // replacing an entry replaces its weight: 5
    expect(c.weight).toBe(5);
    c.set('huge', 'h'.repeat(11)); // heavier than the whole cache: not kept, nothing evicted
    expect([c.get('huge'), c.size, c.weight]).toEqual([undefined, 2, 5]);
  });
});
