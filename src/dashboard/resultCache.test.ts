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
    const slow = () => new Promise<number>((r) => { calls += 1; setTimeout(() => r(42), 10); });
    const [x, y] = await Promise.all([c.getOrCompute('k', slow), c.getOrCompute('k', slow)]);
    expect([x, y, calls]).toEqual([42, 42, 1]);
    expect(await c.getOrCompute('k', slow)).toBe(42);
    expect(calls).toBe(1);
  });

  it('does not keep a failure: the next caller computes again', async () => {
    const c = new ResultCache<number>(10);
    await expect(c.getOrCompute('k', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await c.getOrCompute('k', () => Promise.resolve(7))).toBe(7);
  });
});
