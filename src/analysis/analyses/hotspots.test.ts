import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import type { Definition } from '../../domain/definitions/definitionSchema.ts';
import { loadDefinitions } from '../loadDefinitions.ts';
import { runAnalysis } from '../runAnalysis.ts';
import type { Figure } from '../figure.ts';
import { figuresOf } from '../analysisResult.ts';

/*
 * A hand-made police.uk street file for one Tower Hamlets LSOA. Points are
 * placed on a grid of 100 m cells, x metres east and y metres north of the
 * south-west-most point (-0.06, 51.51), so every expected value below is
 * worked out from the cell counts alone (and checked with scipy/numpy).
 */
const LON0 = -0.06;
const LAT0 = 51.51;
const KX = 111_320 * Math.cos((LAT0 * Math.PI) / 180);
const HEADER =
  'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const MPS = 'Metropolitan Police Service';

/** n rows of a crime type at (x, y) metres from the origin in a month. */
function rows(month: string, type: string, x: number, y: number, n: number): string[] {
  const lon = (LON0 + x / KX).toFixed(8);
  const lat = (LAT0 + y / 110_574).toFixed(8);
  return Array.from(
    { length: n },
    () =>
      `,${month},${MPS},${MPS},${lon},${lat},On or near Test Street,E01004290,Tower Hamlets 016D,${type},Under investigation,`,
  );
}

/** A cluster: 20 records in the centre cell, 5 in each of its 8 neighbours (at cell centres; a cell at column 0, row 0 at the origin itself). */
function cluster(month: string, type: string, col: number, row: number): string[] {
  const out: string[] = [];
  for (let dc = -1; dc <= 1; dc++) {
    for (let dr = -1; dr <= 1; dr++) {
      const c = col + dc;
      const r = row + dr;
      const [x, y] = c === 0 && r === 0 ? [0, 0] : [c * 100 + 50, r * 100 + 50];
      out.push(...rows(month, type, x, y, dc === 0 && dr === 0 ? 20 : 5));
    }
  }
  return out;
}

// Burglary, May 2023, on a 5 × 5 grid: the cluster centred on column 2, row 2, plus 1 at the origin and 1 in cell (4, 4).
const GRID = [
  ...cluster('2023-05', 'Burglary', 2, 2),
  ...rows('2023-05', 'Burglary', 0, 0, 1),
  ...rows('2023-05', 'Burglary', 450, 450, 1),
];
// Robbery, Jan–Jun 2023, on a 7 × 7 grid: A centred (1, 1) every month; C centred (5, 1) in Jan–Mar; B centred (5, 5) in Jun only.
const MONTHS = ['2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06'];
const EMERGING = MONTHS.flatMap((m, i) => [
  ...cluster(m, 'Robbery', 1, 1),
  ...(i < 3 ? cluster(m, 'Robbery', 5, 1) : []),
  ...(i === 5 ? cluster(m, 'Robbery', 5, 5) : []),
]);
// Vehicle crime: two records at one map point in Jan and Feb 2024, two at another point 2 km east in Apr and May 2024.
const REPEATS = [
  ...rows('2024-01', 'Vehicle crime', 0, 0, 1),
  ...rows('2024-02', 'Vehicle crime', 0, 0, 1),
  ...rows('2024-04', 'Vehicle crime', 2000, 0, 1),
  ...rows('2024-05', 'Vehicle crime', 2000, 0, 1),
];

let t: TestDb;
let definitions: Definition[];
const ask = (q: Record<string, unknown>) =>
  runAnalysis(t.database.db, definitions, { area: 'Tower Hamlets', period: 'May 2023', ...q });
const byCell = <F extends Figure>(figures: F[]) => new Map(figures.map((f) => [Number(f.group.cell), f]));

beforeAll(async () => {
  t = await createTestDb();
  definitions = await loadDefinitions();
  // The LSOA placed in its borough, as the ONS lookups would.
  await sql`INSERT INTO area (code, name, type, vintage, parent_code) VALUES ('E01004290', 'Tower Hamlets 016D', 'lsoa', '2021', 'E09000030')`.execute(
    t.database.db,
  );
  const path = join(await mkdtemp(join(tmpdir(), 'safer-hotspots-')), 'street.csv');
  await writeFile(path, `${[HEADER, ...GRID, ...EMERGING, ...REPEATS].join('\n')}\n`);
  const result = await importForTest(t.database, path, { extractDate: '2024-07-01' });
  if (result.status !== 'imported') throw new Error(`${result.message} ${JSON.stringify(result.errors.slice(0, 3))}`);
}, 120_000);

afterAll(async () => t?.drop());

describe('grid hotspots (Getis-Ord Gi*, Benjamini–Hochberg)', () => {
  /*
   * 25 cells, counts: centre (index 12) 20, its 8 neighbours 5, cells 0 and 24 one each, the rest 0.
   * n = 25, X̄ = 62/25 = 2.48, S = √(Σx²/n − X̄²) = √(602/25 − 6.1504) = √17.9296 = 4.234336.
   * Centre: W = 9, Σ = 60: z = (60 − 2.48·9)/(S·√((25·9 − 81)/24)) = 37.68/(4.234336·√6) = 3.632871;
   *   p = 2Φ(−3.632871) = 0.000280285; the smallest of 25 p-values, so BH gives 25·p = 0.0070071 < 0.05: a hot spot.
   * Cell 6 (column 1, row 1): W = 9, Σ = 1 + 5·3 + 20 = 36: z = 13.68/10.372 = 1.318940, BH 0.615301: not significant.
   * Corners 0 and 24: W = 4, Σ = 6: z = (6 − 9.92)/(S·√((100 − 16)/24)) = −0.494842. No cell is a cold spot (scipy).
   */
  it('finds the one significant cell, with z, p and the adjusted p worked by hand', async () => {
    const r = await ask({ category: 'Burglary', by: 'grid', cellSize: 100 });
    expect(r.vintage.source).toBe('police.uk');
    const cells = byCell(figuresOf(r, 'grid-hotspots'));
    expect([...cells.keys()].sort((a, b) => a - b)).toEqual([0, 6, 7, 8, 11, 12, 13, 16, 17, 18, 24]); // the 11 cells with records
    const centre = cells.get(12)!;
    expect(centre).toMatchObject({ count: 20, classification: 'hot spot', group: { x: '250', y: '250' } });
    expect(centre.z as number).toBeCloseTo(3.632871, 4);
    expect(centre.p as number).toBeCloseTo(0.000280285, 7);
    expect(centre.adjustedP as number).toBeCloseTo(0.0070071, 6);
    expect(cells.get(6)!.z as number).toBeCloseTo(1.31894, 4);
    expect(cells.get(6)!.adjustedP as number).toBeCloseTo(0.615301, 5);
    expect(cells.get(0)!.z as number).toBeCloseTo(-0.494842, 4);
    expect(
      figuresOf(r, 'grid-hotspots')
        .filter((f) => f.classification !== 'not significant')
        .map((f) => f.group.cell),
    ).toEqual(['12']);
    expect(centre.method).toBe('100 m grid, Getis-Ord Gi* (queen neighbours, Benjamini–Hochberg)');
    expect(centre.extractDate).toBe('2024-07-01');
    // The centre cell's centre back in degrees: 250 m east and north of the origin.
    expect((centre.centre as { longitude: number }).longitude).toBeCloseTo(LON0 + 250 / KX, 6);
  });

  it('warns when cells are finer than the ~100 m spacing of the map points', async () => {
    const r = await ask({ category: 'Burglary', by: 'grid', cellSize: 50 });
    expect(r.warnings).toContain(
      "cells of 50 m are finer than the ~100 m spacing of police.uk's anonymised map points: hotspots will follow the snap points, not where crimes happened",
    );
    expect((await ask({ category: 'Burglary', by: 'grid', cellSize: 100 })).warnings.join(' ')).not.toMatch(
      /finer than/,
    );
  });

  it('refuses a grid of one cell, a source without map points, and a month with no records', async () => {
    await expect(ask({ category: 'Burglary', by: 'grid', cellSize: 5000 })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringMatching(/falls in one 5000 m cell/),
    });
    await expect(ask({ category: 'Burglary', by: 'grid', source: 'partner-police' })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
    });
    await expect(ask({ category: 'Burglary', by: 'grid', period: 'May 2020' })).rejects.toMatchObject({
      code: 'NO_DATA',
    });
    await expect(ask({ category: 'Burglary', by: 'grid', cellSize: -1 })).rejects.toMatchObject({ code: 'INVALID' });
  });
});

describe('kernel density', () => {
  /*
   * 62 points. x: 0 (1), 150 (15), 250 (30), 350 (15), 450 (1), the same for y. Sample sd = 81.2263, IQR (type 7) = 325 − 175 = 150,
   * so min(sd, 150/1.34) = sd; bandwidth = 1.06 × sd × 62^−0.2 = 37.71584 m on both axes (numpy).
   * At the centre cell's centre (250, 250) only its own 20 points are within h (the next are 100 m away):
   * density = 20 × 3/(π h²) per m² = 20 × 3/(π × 1422.4846) × 10⁶ = 13,426.22 per km². Cell 4 (450, 50) has no point within h: 0.
   */
  it('quartic density at cell centres with the rule-of-thumb bandwidth', async () => {
    const r = await ask({ category: 'Burglary', by: 'kde', cellSize: 100 });
    expect(r.figures).toHaveLength(25);
    const cells = byCell(figuresOf(r, 'density'));
    expect(cells.get(12)!.rate as number).toBeCloseTo(13426.22, 0);
    expect(cells.get(12)!.count).toBe(20);
    expect(cells.get(4)!.rate).toBe(0);
    expect(cells.get(12)!.method).toBe('quartic kernel density per km², bandwidth 38 m (rule of thumb)');
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        'bandwidth 37.7 m is smaller than the 100 m cell: the surface will show single cells, not hotspots',
        "bandwidth 37.7 m is finer than the ~100 m spacing of police.uk's anonymised map points",
      ]),
    );
  });

  it('refuses a surface from one record', async () => {
    await expect(ask({ category: 'Vehicle crime', by: 'kde', period: 'Jan 2024' })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringMatching(/at least 2 located records/),
    });
  });
});

describe('emerging hotspots', () => {
  /*
   * Gi* (BH) month by month on one 7 × 7 grid (scipy): A's centre (cell 8) is hot in all 6 months → persistent;
   * C's centre (cell 12) hot in Jan–Mar only: 3 of the 5 older months (≥ 10%), none of the recent one
   * (the last floor(0.2 × 6) = 1 month) → former; B's centre (cell 40) hot in Jun only: 0 of 5 older, 1 of 1 recent → emerging.
   * Cell 16 (column 2, row 2) is hot in Apr and May only, when A is alone on the map → former as well.
   */
  it('classes each cell from its run of monthly Gi* results', async () => {
    const r = await ask({ category: 'Robbery', by: 'emerging-hotspots', period: 'Jan 2023–Jun 2023', cellSize: 100 });
    const cells = byCell(figuresOf(r, 'emerging-hotspots'));
    expect(cells.get(8)).toMatchObject({ classification: 'persistent hotspot', hotMonths: 6, months: 6, count: 120 });
    expect(cells.get(12)).toMatchObject({ classification: 'former hotspot', hotMonths: 3, count: 60 });
    expect(cells.get(40)).toMatchObject({ classification: 'emerging hotspot', hotMonths: 1, count: 20 });
    expect(cells.get(16)).toMatchObject({ classification: 'former hotspot', hotMonths: 2 });
    expect(cells.has(24)).toBe(false); // no records, no pattern
    expect(cells.get(8)!.method).toMatch(/^100 m grid, Getis-Ord Gi\* per month/);
  });

  it('needs two months or more, and map points', async () => {
    await expect(ask({ category: 'Robbery', by: 'emerging-hotspots', period: 'Jan 2023' })).rejects.toMatchObject({
      code: 'INVALID',
      message: expect.stringMatching(/is one month/),
    });
    await expect(
      ask({ category: 'Robbery', by: 'emerging-hotspots', period: '2023', source: 'mps-borough' }),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED' });
  });
});

describe('near-repeat (Knox) test', () => {
  /*
   * Four records: P1 (0 m) Jan, P2 (0 m) Feb, Q1 (2 km east) Apr, Q2 (2 km) May 2024. Only P1–P2 and Q1–Q2 are within 100 m,
   * each 1 month apart: observed = 2 in (0–100 m, 1 month apart), 0 elsewhere.
   * Permuting the months {0, 1, 3, 4}: the pairs {P, Q} take the partitions {01|34} (gaps 1, 1), {03|14} (3, 3) or {04|13}
   * (4, 2), each with probability 1/3. So (0–100 m, 1 month apart): 2 with probability 1/3, else 0 → mean 2/3, ratio 3,
   * p ≈ 1/3; (0–100 m, 2 months apart): observed 0, mean 1/3, ratio 0, p = 1; same month: never → ratio undefined, p = 1.
   */
  it('observed pairs, ratio to the permutation mean and p, by distance and months apart', async () => {
    const r = await ask({ category: 'Vehicle crime', by: 'near-repeat', period: 'Jan 2024–May 2024' });
    expect(r.figures).toHaveLength(9);
    const find = (distance: string, time: string) =>
      figuresOf(r, 'near-repeat').find((f) => f.group.distance === distance && f.group.time === time)!;
    const oneMonth = find('0–100 m', '1 month apart');
    expect(oneMonth.count).toBe(2);
    // 999 permutations: the SD of the simulated mean is 0.03 and of p 0.015; tolerances are over 3 SD.
    expect(Math.abs((oneMonth.expected as number) - 2 / 3)).toBeLessThan(0.1);
    expect(oneMonth.ratio as number).toBeCloseTo(2 / (oneMonth.expected as number), 12);
    expect(Math.abs((oneMonth.p as number) - 1 / 3)).toBeLessThan(0.05);
    expect(find('0–100 m', '2 months apart')).toMatchObject({ count: 0, ratio: 0, p: 1 });
    expect(find('0–100 m', 'same month')).toMatchObject({ count: 0, expected: 0, ratio: null, p: 1 });
    expect(find('100–200 m', '1 month apart')).toMatchObject({ count: 0, ratio: null });
    expect(oneMonth.method).toMatch(/^Knox test, 999 permutations of months among records \(seed 1\)/);
    expect(r.warnings.join(' ')).toMatch(/gives the month, not the date/);
    // Reproducible: the same request gives the same p.
    expect((await ask({ category: 'Vehicle crime', by: 'near-repeat', period: 'Jan 2024–May 2024' })).figures).toEqual(
      r.figures,
    );
  });

  it('refuses sources without map points and too few records', async () => {
    await expect(
      ask({ category: 'Robbery', by: 'near-repeat', period: '2023', source: 'partner-police' }),
    ).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringMatching(/partner police extract has no map points/),
    });
    await expect(ask({ category: 'Vehicle crime', by: 'near-repeat', period: 'Jan 2024' })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringMatching(/at least 2 located records/),
    });
  });
});
