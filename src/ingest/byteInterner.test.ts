import { describe, expect, it } from 'vitest';
import { ByteInterner } from './byteInterner.ts';

const bytes = (text: string) => Buffer.from(text, 'latin1');

describe('ByteInterner', () => {
  it('finds each value by its bytes anywhere in a buffer, including when lookups alternate', () => {
    const interner = new ByteInterner<number>();
    const row = bytes('2015-04,Metropolitan Police Service,City of London Police');
    interner.set(row, 0, 7, 1);
    interner.set(row, 8, 35, 2);
    // Alternating lookups exercise both the last-found entry and the hash table.
    for (let i = 0; i < 3; i += 1) {
      expect(interner.get(bytes('x2015-04'), 1, 8)).toBe(1);
      expect(interner.get(row, 8, 35)).toBe(2);
    }
    expect(interner.get(row, 36, 58)).toBeUndefined();
    // A prefix of a known value is not that value.
    expect(interner.get(row, 0, 6)).toBeUndefined();
    expect(interner.get(bytes('2015-05'), 0, 7)).toBeUndefined();
  });

  it('forgets everything once full, rather than growing without limit', () => {
    const interner = new ByteInterner<string>(2);
    interner.set(bytes('a'), 0, 1, 'A');
    interner.set(bytes('b'), 0, 1, 'B');
    interner.set(bytes('c'), 0, 1, 'C');
    expect(interner.get(bytes('a'), 0, 1)).toBeUndefined();
    expect(interner.get(bytes('b'), 0, 1)).toBeUndefined();
    expect(interner.get(bytes('c'), 0, 1)).toBe('C');
  });
});
