/** A point in projected metres (British National Grid). */
export interface Point {
  x: number;
  y: number;
}

export interface SquareGrid {
  kind: 'square';
  originX: number;
  originY: number;
  cellSize: number;
  columns: number;
  rows: number;
  /** Row-major counts: index = row × columns + column; row 0 at originY. */
  counts: number[];
}

/**
 * Counts points in square cells. The origin snaps down to a multiple of the
 * cell size, so two runs over the same area share cell edges.
 */
export function binSquare(
  points: readonly Point[],
  cellSize: number,
  extent?: { minX: number; minY: number; maxX: number; maxY: number },
): SquareGrid {
  if (!(cellSize > 0)) throw new RangeError(`cell size must be above 0, got ${cellSize}`);
  const box = extent ?? boundingBox(points);
  const originX = Math.floor(box.minX / cellSize) * cellSize;
  const originY = Math.floor(box.minY / cellSize) * cellSize;
  const columns = Math.max(1, Math.floor((box.maxX - originX) / cellSize) + 1);
  const rows = Math.max(1, Math.floor((box.maxY - originY) / cellSize) + 1);
  const counts = new Array<number>(columns * rows).fill(0);
  for (const p of points) {
    const c = Math.floor((p.x - originX) / cellSize);
    const r = Math.floor((p.y - originY) / cellSize);
    if (c >= 0 && c < columns && r >= 0 && r < rows) counts[r * columns + c] = (counts[r * columns + c] as number) + 1;
  }
  return { kind: 'square', originX, originY, cellSize, columns, rows, counts };
}

export function cellCentre(grid: SquareGrid, index: number): Point {
  const c = index % grid.columns;
  const r = Math.floor(index / grid.columns);
  return { x: grid.originX + (c + 0.5) * grid.cellSize, y: grid.originY + (r + 0.5) * grid.cellSize };
}

/** The cell itself and its up-to-8 neighbours (queen contiguity), as Gi* uses. */
export function squareNeighbourhood(grid: Pick<SquareGrid, 'columns' | 'rows'>, index: number): number[] {
  const c = index % grid.columns;
  const r = Math.floor(index / grid.columns);
  const out: number[] = [];
  for (let dr = -1; dr <= 1; dr++) {
    for (let dc = -1; dc <= 1; dc++) {
      const rr = r + dr;
      const cc = c + dc;
      if (rr >= 0 && rr < grid.rows && cc >= 0 && cc < grid.columns) out.push(rr * grid.columns + cc);
    }
  }
  return out;
}

function boundingBox(points: readonly Point[]) {
  if (points.length === 0) throw new RangeError('binning needs at least one point or an extent');
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  return { minX, minY, maxX, maxY };
}
