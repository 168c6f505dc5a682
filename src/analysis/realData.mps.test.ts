import { figuresOf } from './analysisResult.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { importForTest } from '../../test/importHelpers.ts';
import { testData } from '../../test/sharedData.ts';
import { loadDefinitions } from './loadDefinitions.ts';
import { runAnalysis } from './runAnalysis.ts';
import { subsetOf } from './testing/londonSubset.ts';
import type { Definition } from '../domain/definitions/definitionSchema.ts';

let t: TestDb;
let definitions: Definition[];

beforeAll(async () => {
  t = await createTestDb();
  definitions = await loadDefinitions();
  for (const file of ['recorded-crime-borough-historical.csv', 'recorded-crime-borough.csv']) {
    const r = await importForTest(t.database, testData('mps', 'borough', file));
    expect(r.status).toBe('imported');
  }
  // The dashboard's borough rows only (SNT rows are not needed here); copied unaltered.
  const dashboard = await subsetOf(
    testData('mps', 'knife-crime-dashboard', 'monthly-crime-dashboard.csv.gz'),
    (line, i) => i === 0 || line.split(',')[1] === 'Borough',
  );
  expect((await importForTest(t.database, dashboard)).status).toBe('imported');
}, 240_000);

afterAll(async () => t?.drop());

describe('MPS borough counts', () => {
  it('Tower Hamlets VIOLENCE AGAINST THE PERSON by financial year', async () => {
    // python3 scratch/analysis/expected.py: sum of every TH 'VIOLENCE AGAINST THE PERSON' month column of
    // recorded-crime-borough-historical.csv (2010-04..2024-02) and recorded-crime-borough.csv (2024-03..2026-02).
    const result = await runAnalysis(t.database.db, definitions, {
      category: 'violence against the person',
      area: 'Tower Hamlets',
      period: 'Apr 2014–Mar 2024',
      by: 'financial-year',
    });
    expect(result.figures.map((f) => [f.group.financialYear, f.count])).toEqual([
      ['2014/15', 6474],
      ['2015/16', 7362],
      ['2016/17', 7564],
      ['2017/18', 7816],
      ['2018/19', 8584],
      ['2019/20', 8144],
      ['2020/21', 8297],
      ['2021/22', 9287],
      ['2022/23', 9435],
      ['2023/24', 10260],
    ]);
    expect(result.figures[0]!.source).toBe('MPS borough counts (London Datastore)');
    expect(result.vintage.extractDates).toEqual(['2024-03-01', '2026-03-01']);
    expect(figuresOf(result, 'series').every((f) => Array.isArray(f.spc?.flags))).toBe(true);
    expect(figuresOf(result, 'series').at(-1)!.recentTrend).toMatchObject({ calculated: false }); // no population: no rates to test
  });

  it('change against a comparison and a baseline year', async () => {
    const result = await runAnalysis(t.database.db, definitions, {
      category: 'VIOLENCE AGAINST THE PERSON',
      area: 'E09000030',
      period: '2023/24',
      compare: '2022/23',
      baseline: '2011/12',
    });
    const f = figuresOf(result, 'headline')[0]!;
    expect(f.count).toBe(10260);
    // (10260 − 9435) / 9435 = +8.744%; against 2011/12 (4760): +115.55%.
    expect(f.compare).toMatchObject({ count: 9435, change: 825, percentChangeText: '+8.7%' });
    expect((f.baseline as { percentChange: number }).percentChange).toBeCloseTo(115.5462, 3);
    expect(result.warnings.join(' ')).toMatch(/no Census 2021 population for Tower Hamlets/);
  });
});

describe('MPS knife crime dashboard', () => {
  it('knife injury victims aged 1–24 by financial year (definition knife-injury-victims-1-24)', async () => {
    // python3: TH borough rows, crime_subtype 'Knife Injury Victims (1-24)', measure 'Offences', summed by financial year.
    const result = await runAnalysis(t.database.db, definitions, {
      definition: 'knife-injury-victims-1-24',
      area: 'Tower Hamlets',
      period: 'Apr 2022–Mar 2025',
      by: 'financial-year',
    });
    expect(result.figures.map((f) => [f.group.financialYear, f.count])).toEqual([
      ['2022/23', 73],
      ['2023/24', 51],
      ['2024/25', 72],
    ]);
    expect(result.figures[0]!.source).toBe('MPS monthly crime dashboard');
    expect(result.definition).toMatchObject({ id: 'knife-injury-victims-1-24', version: 1 });
    expect(result.vintage.extractDates).toEqual(['2026-03-18']);
  });
});

describe('requests Safer cannot answer', () => {
  it('victim ages from a source without them give a clear message, not zero', async () => {
    await expect(
      runAnalysis(t.database.db, definitions, {
        definition: 'serious-youth-violence-2021-24',
        area: 'Tower Hamlets',
        period: '2023/24',
        source: 'police-uk-street',
      }),
    ).rejects.toThrow(/police\.uk records carry no victim age/);
    await expect(
      runAnalysis(t.database.db, definitions, {
        category: 'Burglary',
        area: 'Tower Hamlets',
        period: '2023/24',
        by: 'victim-age',
        source: 'mps-borough',
      }),
    ).rejects.toThrow(/MPS borough counts \(London Datastore\) counts carry no victim or suspect age/);
  });

  it('an unknown category, area or period is named in the message', async () => {
    await expect(
      runAnalysis(t.database.db, definitions, { category: 'Jaywalking', area: 'Tower Hamlets', period: '2023/24' }),
    ).rejects.toThrow(/no offence category is called "Jaywalking"/);
    await expect(
      runAnalysis(t.database.db, definitions, { category: 'Robbery', area: 'Atlantis', period: '2023/24' }),
    ).rejects.toThrow(/no London area is called or coded "Atlantis"/);
    await expect(
      runAnalysis(t.database.db, definitions, { category: 'Robbery', area: 'Tower Hamlets', period: '2023/25' }),
    ).rejects.toThrow(/"2023\/25" is not a period/);
  });

  it('months a source does not hold are a warning, never a zero', async () => {
    await expect(
      runAnalysis(t.database.db, definitions, { category: 'ROBBERY', area: 'Tower Hamlets', period: '2009/10' }),
    ).rejects.toThrow(/MPS borough counts \(London Datastore\) holds no data for Tower Hamlets in 2009\/10/);
    // Part of a period: figures come with a warning naming the missing months.
    const partial = await runAnalysis(t.database.db, definitions, {
      category: 'ROBBERY',
      area: 'Tower Hamlets',
      period: '2025/26',
    });
    expect(partial.warnings.join(' ')).toMatch(
      /no data for 1 of 12 months of 2025\/26 in Tower Hamlets \(2026-03\): the count is partial/,
    );
  });
});
