import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';
import type { CrimeTable, MpsClassification } from './crimeTable.ts';
import { loadCrimeTable } from './loadCrimeTable.ts';
import {
  categoriesWithOffences,
  columnsHeld,
  financialYearColumns,
  readBoroughFile,
  sumOf,
  type CsvCategoryCounts,
} from './testing/csvCounts.ts';
import { crimeTableToChartTable } from './toChartTable.ts';

/*
 * The financial-year crime table for Tower Hamlets from the real MPS borough files, every row compared with
 * counts summed in this test straight from the CSV (testing/csvCounts.ts: csv-parse, month columns added up).
 * Three files: the Home Office aligned extracts of 2023 ("MPS Borough Level Crime (Historical).csv", to 2023-09,
 * extract date 2023-10-01) and 2024 ("recorded-crime-borough-historical.csv", to 2024-02, extract 2024-03-01,
 * which supersedes the first wherever both hold a month), and the old Major/Minor file (2017-01..2018-12).
 */
const TH = 'Tower Hamlets';
const FILES = {
  old2023: 'MPS Borough Level Crime (Historical).csv',
  current: 'recorded-crime-borough-historical.csv',
  mpsOld: 'MPS Borough Level Crime (most recent 24 months).csv',
};

let t: TestDb;
const csv = (name: string) => readBoroughFile(testData('mps', 'borough', name));
const table = (classification: MpsClassification, year: string, asOf?: string) =>
  loadCrimeTable(t.database.db, { area: 'E09000030', year, classification, ...(asOf ? { asOf } : {}) });

beforeAll(async () => {
  t = await createTestDb();
  for (const name of Object.values(FILES))
    expect((await importForTest(t.database, testData('mps', 'borough', name))).status).toBe('imported');
}, 240_000);
afterAll(async () => t?.drop());

/** Every row of the table against the file: the same categories, each count, each subtotal and TNO. */
function expectRowsMatch(built: CrimeTable, file: CsvCategoryCounts[], now: number, before: number) {
  const [nowCols, beforeCols] = [financialYearColumns(now), financialYearColumns(before)];
  const expected = categoriesWithOffences(file, [...nowCols, ...beforeCols]);
  const categoryRows = built.rows.filter((r) => r.kind === 'category');
  expect(categoryRows.map((r) => `${r.major}|${r.minor}`).sort()).toEqual(
    expected.map((c) => `${c.major}|${c.minor}`).sort(),
  );
  const count = (c: CsvCategoryCounts, cols: string[]) => sumOf(c, TH, cols);
  for (const c of expected) {
    const row = categoryRows.find((r) => r.major === c.major && r.minor === c.minor)!;
    expect(row.offences, `${c.major} / ${c.minor}`).toEqual({
      current: count(c, nowCols),
      previous: count(c, beforeCols),
    });
  }
  for (const row of built.rows.filter((r) => r.kind === 'major')) {
    const inMajor = expected.filter((c) => c.major === row.major);
    expect(row.offences.current).toBe(inMajor.reduce((a, c) => a + count(c, nowCols), 0));
    expect(row.offences.previous).toBe(inMajor.reduce((a, c) => a + count(c, beforeCols), 0));
  }
  expect(built.total.offences).toEqual({
    current: expected.reduce((a, c) => a + count(c, nowCols), 0),
    previous: expected.reduce((a, c) => a + count(c, beforeCols), 0),
  });
}

describe('Home Office aligned: Tower Hamlets 2015/16 against 2014/15', () => {
  it('holds every category of the current extract, each as the file counts it', async () => {
    const built = await table('ho_aligned', '2015/16');
    expectRowsMatch(built, csv(FILES.current), 2015, 2014);
    expect(built.total.offences).toEqual({ current: 28151, previous: 26536 });
    expect(built.total.percentChange).toBeCloseTo(((28151 - 26536) / 26536) * 100, 10);
    expect([built.current.partial, built.previous.partial]).toEqual([false, false]);
    expect(built.extractDates).toEqual(['2024-03-01']);
    expect(built.rows.every((r) => r.sanctionDetections.current === null && r.sdRate.current === null)).toBe(true);
    expect(built.sanctionDetections.held).toBe(false);
  });

  it('as of 2023-12-31 reads the 2023 extract, with its own categories (BURGLARY IN A DWELLING)', async () => {
    const built = await table('ho_aligned', '2015/16', '2023-12-31');
    expectRowsMatch(built, csv(FILES.old2023), 2015, 2014);
    expect(built.rows.some((r) => r.minor === 'BURGLARY IN A DWELLING')).toBe(true);
    expect(built.rows.some((r) => r.minor === 'DOMESTIC BURGLARY')).toBe(false);
    expect(built.extractDates).toEqual(['2023-10-01']);
    expect(built.asOf).toBe('2023-12-31');
  });

  it('agrees with seed 004 within 1% only where the published category means the same and was not revised', async () => {
    /*
     * Seed 004 printed the MPS pre-release of 15.05.2016 in the old Major/Minor classification; the file is a 2024
     * extract in the Home Office aligned one. Rows that cannot be compared at all: Wounding/GBH, Assault with
     * Injury, Common Assault, Harassment, Other Violence, Offensive Weapon (the old classification splits violence
     * differently: VIOLENCE WITH/WITHOUT INJURY, STALKING AND HARASSMENT, POSSESSION OF WEAPONS), Handling Stolen
     * Goods, Fraud (Action Fraud since 2013), Going Equipped and Other Notifiable, and the four criminal damage
     * minors (one CRIMINAL DAMAGE here). The old-classification file starts in January 2017 and so cannot give
     * 2015/16 at all. Pairs of the same meaning, [seed 2015/16, seed 2014/15, file minors]:
     */
    const pairs: [string, number, number, string[]][] = [
      ['TNO', 28618, 27348, []],
      ['Murder', 4, 3, ['HOMICIDE']],
      ['Rape', 229, 193, ['RAPE']],
      ['Robbery Personal Property', 1079, 1094, ['ROBBERY OF PERSONAL PROPERTY']],
      ['Robbery Business Property', 62, 65, ['ROBBERY OF BUSINESS PROPERTY']],
      ['Burglary in a Dwelling', 1298, 1208, ['DOMESTIC BURGLARY']],
      ['Burglary in Other Buildings', 1253, 1203, ['BURGLARY BUSINESS AND COMMUNITY']],
      ['Theft from Shops', 1089, 916, ['SHOPLIFTING']],
      ['Theft from Person', 1392, 1319, ['THEFT FROM THE PERSON']],
      ['Pedal Cycles', 1134, 1264, ['BICYCLE THEFT']],
      ['Other Theft', 3585, 3665, ['OTHER THEFT']],
      ['Theft from Motor Vehicles', 1564, 1531, ['THEFT FROM A VEHICLE']],
      ['Motor Vehicle Interference', 376, 299, ['INTERFERING WITH A MOTOR VEHICLE']],
      ['Arson', 127, 118, ['ARSON']],
      ['Possession of Drugs', 1696, 2048, ['POSSESSION OF DRUGS']],
      ['Violence with Injury (MOPAC 7 line)', 2946, 2752, ['VIOLENCE WITH INJURY']],
    ];
    const built = await table('ho_aligned', '2015/16');
    const within: string[] = [];
    const off: Record<string, number> = {};
    for (const [label, seedNow, seedBefore, minors] of pairs) {
      const rows = minors.length === 0 ? [built.total] : built.rows.filter((r) => minors.includes(r.minor ?? ''));
      const now = rows.reduce((a, r) => a + r.offences.current, 0);
      const before = rows.reduce((a, r) => a + (r.offences.previous ?? 0), 0);
      for (const [year, file, seed] of [['2015/16', now, seedNow] as const, ['2014/15', before, seedBefore] as const]) {
        const deviation = ((file - seed) / seed) * 100;
        if (Math.abs(deviation) <= 1) within.push(`${label} ${year}`);
        else off[`${label} ${year}`] = Math.round(deviation * 10) / 10;
      }
    }
    expect(within).toEqual([
      'Murder 2015/16', // 4 = 4
      'Burglary in a Dwelling 2015/16', // 1291 against 1298: −0.5%
      'Burglary in a Dwelling 2014/15', // 1202 against 1208: −0.5%
      'Burglary in Other Buildings 2015/16', // 1259 against 1253: +0.5%
      'Other Theft 2015/16', // 3588 against 3585: +0.1%
      'Theft from Motor Vehicles 2015/16', // 1553 against 1564: −0.7%
      'Arson 2015/16', // 127 = 127
    ]);
    // TNO is not within 1%: the 2024 extract holds 467 fewer offences for 2015/16 and 812 fewer for 2014/15 than
    // the 2016 pre-release (later no-criming and reclassification; fraud left the borough counts for Action Fraud).
    expect(off['TNO 2015/16']).toBe(-1.6);
    expect(off['TNO 2014/15']).toBe(-3);
    expect(off['Robbery Personal Property 2015/16']).toBe(-2.7);
  });

  it('prints as seed 004 heads its columns, sanction detections "not held"', async () => {
    const chart = crimeTableToChartTable(await table('ho_aligned', '2015/16'));
    expect(chart.head).toEqual([
      'Major Classification',
      'Minor Classification',
      'Offences 2015/16',
      'Offences 2014/15',
      '% change on 2014/15',
      'Sanction Detection 2015/16',
      'Sanction Detection 2014/15',
      'SD rate 2015/16',
      'SD rate 2014/15',
      '% point change on 2014/15',
    ]);
    expect(chart.rows.at(-1)).toEqual([
      'Total Notifiable Offences (TNO)',
      '',
      28151,
      26536,
      '+6.1%',
      'not held',
      'not held',
      'not held',
      'not held',
      'not held',
    ]);
    expect(chart.rows.find((r) => r[1] === 'DOMESTIC BURGLARY')?.slice(2, 5)).toEqual([1291, 1202, '+7.4%']);
  });
});

describe('old Major/Minor classification: Tower Hamlets 2017/18 against 2016/17', () => {
  it('holds every category of the file; 2016/17 has 3 months, so it is partial and no change is given', async () => {
    const file = csv(FILES.mpsOld);
    const built = await table('mps_old', '2017/18');
    expectRowsMatch(built, file, 2017, 2016);
    expect(built.total.offences.current).toBe(32298);
    expect(columnsHeld(file, financialYearColumns(2016))).toBe(3);
    expect(built.previous).toMatchObject({ partial: true, monthsHeld: ['2017-01', '2017-02', '2017-03'] });
    expect(built.current.partial).toBe(false);
    expect(built.rows.every((r) => r.percentChange === null && r.changeNote === 'partial year')).toBe(true);
    expect(built.rows.some((r) => r.minor === 'Wounding/GBH')).toBe(true);
    const chart = crimeTableToChartTable(built);
    expect(chart.head[3]).toBe('Offences 2016/17 (3 of 12 months)');
    expect(chart.rows.at(-1)?.[4]).toBe('partial year');
  });
});
