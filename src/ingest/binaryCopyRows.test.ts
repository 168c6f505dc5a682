import { describe, expect, it } from 'vitest';
import { BinaryCopyRows, FNV_OFFSET, hashField } from './binaryCopyRows.ts';
import { fnv1a } from './fingerprint.ts';

describe('BinaryCopyRows', () => {
  it('writes the signature, a row and the trailer byte by byte as PostgreSQL documents them', () => {
    const out = new BinaryCopyRows(64);
    out.row(3);
    out.int8(1);
    out.date('2000-01-02'); // one day after PostgreSQL's epoch
    out.text(null);
    const bytes = [...out.finish()];
    expect(bytes).toEqual([
      0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 8, 0, 0,
      0, 0, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    ]);
  });

  it('writes non-ASCII text as UTF-8 with its byte length', () => {
    const out = new BinaryCopyRows(8); // grows
    out.row(1);
    out.text('£1');
    expect([...out.finish()].slice(19 + 2)).toEqual([0, 0, 0, 3, 0xc2, 0xa3, 0x31, 0xff, 0xff]);
  });

  it('hashes fields as FNV-1a of the fields joined by \\u001f (FNV-1a of "a" is 0xe40c292c)', () => {
    expect(fnv1a('a')).toBe(0xe40c292c);
    const out = new BinaryCopyRows(64);
    out.row(3);
    let h = out.textHashed('a', FNV_OFFSET, true);
    h = hashField(h, '2015-01-01');
    h = out.textHashed('Lewisham £ 031B', h);
    expect(h >>> 0).toBe(fnv1a('a\u001f2015-01-01\u001fLewisham £ 031B'));
    expect(hashField(FNV_OFFSET, 'a', true) >>> 0).toBe(0xe40c292c);
  });
});
