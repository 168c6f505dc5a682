import type { FileInfo } from '../layout.ts';

/** Where each named column sits in a file, and how the file spells it (for messages). */
export interface ColumnPositions<K extends string> {
  /** 0-based cell index; -1 when an optional column is absent. */
  readonly index: Readonly<Record<K, number>>;
  /** The header as written, e.g. "LSOA code"; the normalised name when absent. */
  readonly name: Readonly<Record<K, string>>;
}

/** Finds columns by their normalised names (lower case, trimmed), in any order. */
export function locateColumns<K extends string>(
  file: FileInfo,
  wanted: Readonly<Record<K, string>>,
): ColumnPositions<K> {
  const header = file.header ?? [];
  const index = {} as Record<K, number>;
  const name = {} as Record<K, string>;
  for (const key of Object.keys(wanted) as K[]) {
    const i = header.indexOf(wanted[key]);
    index[key] = i;
    name[key] = i >= 0 ? (file.rawHeader?.[i] ?? wanted[key]).trim() : wanted[key];
  }
  return { index, name };
}

/** A cell by index; '' for an absent column or a short row. */
export function cellAt(cells: readonly string[], index: number): string {
  return index < 0 ? '' : (cells[index] ?? '');
}
