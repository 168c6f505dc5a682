import { describe, expect, it } from 'vitest';
import { contiguity, simplifyPolygonal } from './boundaries.ts';

const box = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
});

describe('boundaries', () => {
  it('finds neighbours by shared boundary points (queen contiguity), corners included', () => {
    // A and B side by side; C under A, touching B only at the corner (0.01, 51); D far away.
    const shapes = [
      box(0, 51, 0.01, 51.01),
      box(0.01, 51, 0.02, 51.01),
      box(0, 50.99, 0.01, 51),
      box(1, 51, 1.01, 51.01),
    ];
    expect(contiguity(shapes)).toEqual([[1, 2], [0, 2], [0, 1], []]);
  });

  it('drops points within the tolerance and keeps the corners', () => {
    // A 0.01° square with a point 0.5 m off its bottom edge halfway along.
    const ring = [
      [0, 51.5],
      [0.005, 51.5 + 0.5 / 110_574],
      [0.01, 51.5],
      [0.01, 51.51],
      [0, 51.51],
      [0, 51.5],
    ];
    const simplified = simplifyPolygonal({ type: 'Polygon', coordinates: [ring] }, 2);
    expect(simplified.coordinates[0]).toEqual([
      [0, 51.5],
      [0.01, 51.5],
      [0.01, 51.51],
      [0, 51.51],
      [0, 51.5],
    ]);
    const kept = simplifyPolygonal({ type: 'Polygon', coordinates: [ring] }, 0.1);
    expect(kept.coordinates[0]).toHaveLength(6);
  });
});
