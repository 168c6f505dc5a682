import { describe, expect, it } from 'vitest';
import { placeIndex } from './placeIndex.ts';

// Two unit squares side by side, the right one with a square hole: worked out on paper.
const left = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ],
  ],
};
const right = {
  type: 'Polygon' as const,
  coordinates: [
    [
      [1, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [1, 0],
    ],
    [
      [1.4, 0.4],
      [1.6, 0.4],
      [1.6, 0.6],
      [1.4, 0.6],
      [1.4, 0.4],
    ],
  ],
};

describe('placeIndex', () => {
  const index = placeIndex([
    { code: 'L', geometry: left },
    { code: 'R', geometry: right },
  ]);
  it('places a point in the area that contains it', () => {
    expect(index.locate(0.5, 0.5)).toBe('L');
    expect(index.locate(1.2, 0.9)).toBe('R');
  });
  it('places a point in a hole nowhere, and a point outside every area nowhere', () => {
    expect(index.locate(1.5, 0.5)).toBeNull();
    expect(index.locate(2.5, 0.5)).toBeNull();
    expect(index.locate(0.5, -0.01)).toBeNull();
  });
  it('reads MultiPolygons part by part', () => {
    const multi = placeIndex([
      { code: 'M', geometry: { type: 'MultiPolygon', coordinates: [left.coordinates, right.coordinates] } },
    ]);
    expect(multi.locate(0.5, 0.5)).toBe('M');
    expect(multi.locate(1.9, 0.1)).toBe('M');
    expect(multi.locate(1.5, 0.5)).toBeNull();
    expect(multi.has('M')).toBe(true);
    expect(multi.has('L')).toBe(false);
  });
});
