/** The current stored slice with the same key as a new one. */
export interface CurrentSlice {
  id: number;
  /** 'YYYY-MM-DD'. */
  extractDate: string;
  contentHash: string;
  batchId: number;
}

export const SliceOutcome = {
  /** No current slice with this key: the new one becomes current. */
  Fresh: 0,
  /** Same content as the current slice: the new copy is dropped. */
  Unchanged: 1,
  /** The current slice comes from a later extract: the new one is stored as history. */
  History: 2,
  /** The new slice is from the same or a later extract: it becomes current, the old one history. */
  Replaces: 3,
} as const;

export interface SliceDecision {
  /** Per new slice, a SliceOutcome value. */
  outcome: Uint8Array;
  /** Per new slice, the batch that supersedes it (History), else 0. */
  supersededBy: Float64Array;
  /** Ids of current slices the batch replaces. */
  supersede: number[];
  /** Indexes of new slices identical to the current ones. */
  unchanged: number[];
  /** Rows by fate, as import statistics count them: history rows count as imported, not current. */
  rows: { imported: number; unchanged: number; replaced: number };
}

/**
 * Decides, per new slice, what a batch does to the stored figures (see
 * docs/decisions/0002-revision-slices.md). Identity wins over dates: an
 * identical slice is unchanged whatever its extract date. Ties in extract
 * date go to the newer batch, as undoImportBatch assumes. Pure.
 */
export function decideSlices(
  count: number,
  contentHash: (i: number) => string,
  rowCount: (i: number) => number,
  current: ReadonlyMap<number, CurrentSlice>,
  batch: { extractDate: string },
): SliceDecision {
  const outcome = new Uint8Array(count);
  const supersededBy = new Float64Array(count);
  const supersede: number[] = [];
  const unchanged: number[] = [];
  const rows = { imported: 0, unchanged: 0, replaced: 0 };
  for (let i = 0; i < count; i += 1) {
    const n = rowCount(i);
    const c = current.get(i);
    if (c === undefined) {
      rows.imported += n;
    } else if (c.contentHash === contentHash(i)) {
      outcome[i] = SliceOutcome.Unchanged;
      unchanged.push(i);
      rows.unchanged += n;
    } else if (c.extractDate > batch.extractDate) {
      outcome[i] = SliceOutcome.History;
      supersededBy[i] = c.batchId;
      rows.imported += n;
    } else {
      outcome[i] = SliceOutcome.Replaces;
      supersede.push(c.id);
      rows.replaced += n;
    }
  }
  return { outcome, supersededBy, supersede, unchanged, rows };
}
