import { describe, expect, it } from 'vitest';
import { decideSlices, SliceOutcome, type CurrentSlice } from './sliceDecision.ts';

// Five new slices (rows 3, 5, 7, 11, 13) of a batch extracted 2025-03-01, against what is stored:
// 0 no current slice; 1 identical content (older extract); 2 a later extract stored (batch 9);
// 3 an earlier extract (batch 4, id 40); 4 the same extract date, different content (batch 5, id 50).
const hashes = ['h0', 'same', 'h2', 'h3', 'h4'];
const rows = [3, 5, 7, 11, 13];
const current = new Map<number, CurrentSlice>([
  [1, { id: 10, extractDate: '2025-01-01', contentHash: 'same', batchId: 2 }],
  [2, { id: 20, extractDate: '2025-04-01', contentHash: 'other', batchId: 9 }],
  [3, { id: 40, extractDate: '2025-02-01', contentHash: 'other', batchId: 4 }],
  [4, { id: 50, extractDate: '2025-03-01', contentHash: 'other', batchId: 5 }],
]);

describe('decideSlices', () => {
  const d = decideSlices(
    5,
    (i) => hashes[i]!,
    (i) => rows[i]!,
    current,
    { extractDate: '2025-03-01' },
  );

  it('decides each slice as the revision-slices record says', () => {
    expect([...d.outcome]).toEqual([
      SliceOutcome.Fresh,
      SliceOutcome.Unchanged,
      SliceOutcome.History,
      SliceOutcome.Replaces,
      SliceOutcome.Replaces,
    ]);
    expect(d.unchanged).toEqual([1]);
    expect(d.supersede).toEqual([40, 50]);
    expect([...d.supersededBy]).toEqual([0, 0, 9, 0, 0]);
  });

  it('counts rows as the import summary does: fresh and history imported, replacing rows replaced', () => {
    expect(d.rows).toEqual({ imported: 3 + 7, unchanged: 5, replaced: 11 + 13 });
  });

  it('calls identical content unchanged even when the stored extract is later', () => {
    const later = new Map([[0, { id: 1, extractDate: '2030-01-01', contentHash: 'h0', batchId: 3 }]]);
    expect([
      ...decideSlices(
        1,
        (i) => hashes[i]!,
        (i) => rows[i]!,
        later,
        { extractDate: '2025-03-01' },
      ).outcome,
    ]).toEqual([SliceOutcome.Unchanged]);
  });
});
