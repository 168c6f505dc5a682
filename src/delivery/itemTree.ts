/** An item row as stored: its own id, its parent (a sub-item) or none, and its theme. */
export interface PlacedRow {
  id: number;
  parent_item_id: number | null;
  theme_id: number;
}

/**
 * Nests a plan's items (in plan order) as trees under their themes: each sub-item goes in its parent's `children`,
 * each top-level item in its theme's list. Pure; `make` turns a row into the node kept.
 */
export function nestItems<R extends PlacedRow, N extends { children: N[] }>(
  rows: readonly R[],
  make: (row: R) => N,
): Map<number, N[]> {
  const nodes = new Map(rows.map((r) => [r.id, make(r)]));
  const byTheme = new Map<number, N[]>();
  for (const r of rows) {
    const node = nodes.get(r.id) as N;
    if (r.parent_item_id !== null) nodes.get(r.parent_item_id)?.children.push(node);
    else byTheme.set(r.theme_id, [...(byTheme.get(r.theme_id) ?? []), node]);
  }
  return byTheme;
}
