import { describe, expect, it } from 'vitest';
import { StreetPointCounts } from './streetPointCounts.ts';
import { lsoaKey } from './streetByteRows.ts';

/** agg_police_uk_street rows back out of drain()'s binary COPY data: [slice_id, category_id, lsoa_code, lon, lat, n]. */
function decode(data: Uint8Array): (number | string | null)[][] {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const rows: (number | string | null)[][] = [];
  let at = 19;
  for (;;) {
    const fields = view.getInt16(at);
    at += 2;
    if (fields === -1) return rows;
    const row: (number | string | null)[] = [];
    for (let f = 0; f < fields; f += 1) {
      const len = view.getInt32(at);
      at += 4;
      if (len < 0) row.push(null);
      else if (f === 0) row.push(Number(view.getBigInt64(at)));
      else if (f === 2) row.push(Buffer.from(data.subarray(at, at + len)).toString('latin1'));
      else if (len === 8) row.push(view.getFloat64(at));
      else row.push(view.getInt32(at));
      at += Math.max(len, 0);
    }
    rows.push(row);
  }
}

describe('StreetPointCounts', () => {
  it('counts crimes per slice, category, LSOA and point, and drains them in slice order', () => {
    const counts = new StreetPointCounts(16);
    const a = counts.lsoaId('E01004198');
    const b = counts.lsoaId('W01000001');
    // By hand: slice 2 has two crimes at one point and one elsewhere; slice 0 one crime with no location.
    counts.add(2, 7, a, -0.05, 51.52);
    counts.add(0, 7, b, NaN, NaN);
    counts.add(2, 7, a, -0.05, 51.52);
    counts.add(1, 9, -1, -0.06, 51.5);
    counts.add(2, 7, a, -0.04, 51.52);
    const rows = decode(counts.drain((slice) => 100 + slice)!);
    expect(rows.map((r) => r[0])).toEqual([100, 101, 102, 102]);
    expect(rows).toEqual(
      expect.arrayContaining([
        [100, 7, 'W01000001', null, null, 1],
        [101, 9, null, -0.06, 51.5, 1],
        [102, 7, 'E01004198', -0.05, 51.52, 2],
        [102, 7, 'E01004198', -0.04, 51.52, 1],
      ]),
    );
    expect(counts.drain((slice) => slice)).toBeNull();
  });
});

describe('lsoaKey', () => {
  const key = (code: string) => lsoaKey(Buffer.from(code, 'latin1'), 0, code.length);
  it('gives English and Welsh codes with the same digits different keys', () => {
    expect(key('E01004198')).toBe(4198);
    expect(key('W01004198')).toBe(1_004_198);
  });
  it('refuses any other shape, for the string path to check', () => {
    for (const code of ['E0100419', 'E010041988', 'E02004198', 'S01004198', 'E01 04198', 'e01004198'])
      expect(key(code)).toBe(-1);
  });
});
