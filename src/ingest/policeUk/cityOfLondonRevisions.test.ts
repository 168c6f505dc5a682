import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { sharedData } from '../../../test/sharedData.ts';
import { expandImportPaths } from '../expandPaths.ts';
import type { FileImportResult } from '../importFile.ts';
import { countCurrentRows } from './policeUkTestQueries.ts';

// The same City of London Police rows downloaded twice: 171 monthly files (all crime types) and one
// file of the rows that fall in Tower Hamlets, Hackney or Newham LSOAs. Figures from python3 csv.reader
// over the raw files: 109,803 rows in the folder; 2,990 in the separate file, forming 1,708 slices
// (LSOA × month × force|type), each identical to the same slice of the monthly files.
const FOLDER = sharedData('police-uk/city-of-london/monthly');
const BORDER_ROWS = sharedData('police-uk/city-of-london/city-of-london-street_rows_in_TH_Hackney_Newham_LSOAs.csv');
const ALL_ROWS = 109_803;
const BORDER_COUNT = 2_990;
// 171 transactions and 109,803 rows. Measured on the shared 2-core machine (load average 12-23): folder import
// 123 s (then 116 s in the other order) on PGlite, 44 s (66 s) on PostgreSQL.
const FOLDER_TIMEOUT = 900_000;

async function importFolder(t: TestDb): Promise<FileImportResult[]> {
  const files = await expandImportPaths([FOLDER]);
  const results: FileImportResult[] = [];
  for (const file of files) results.push(await importForTest(t.database, file));
  return results;
}

const sum = (results: FileImportResult[], key: 'rows' | 'imported' | 'unchanged' | 'replaced') => results.reduce((s, r) => s + r[key], 0);

describe('City of London: the folder of monthly files, then the border-LSOA file', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.drop());

  it('imports all 171 monthly files, each as its own batch', async () => {
    const results = await importFolder(t);
    expect(results).toHaveLength(171);
    expect(results.filter((r) => r.status !== 'imported').map((r) => `${r.path}: ${r.message}`)).toEqual([]);
    expect(new Set(results.map((r) => r.format))).toEqual(new Set(['police-uk-street']));
    expect(sum(results, 'rows')).toBe(ALL_ROWS);
    expect(sum(results, 'imported')).toBe(ALL_ROWS);
    expect(await countCurrentRows(t.database, 'police_uk_street')).toBe(ALL_ROWS);
  }, FOLDER_TIMEOUT);

  it('then reports every row of the border file unchanged and counts nothing twice', async () => {
    const r = await importForTest(t.database, BORDER_ROWS);
    expect(r.status).toBe('imported');
    expect(r.rows).toBe(BORDER_COUNT);
    expect(r.unchanged).toBe(BORDER_COUNT);
    expect(r.imported).toBe(0);
    expect(r.replaced).toBe(0);
    expect(await countCurrentRows(t.database, 'police_uk_street')).toBe(ALL_ROWS);
  });
});

describe('City of London: the border-LSOA file first, then the folder', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.drop());

  it('the folder recognises the border rows as unchanged and adds only the rest', async () => {
    const first = await importForTest(t.database, BORDER_ROWS);
    expect(first.imported).toBe(BORDER_COUNT);
    const results = await importFolder(t);
    expect(results.every((r) => r.status === 'imported')).toBe(true);
    expect(sum(results, 'unchanged')).toBe(BORDER_COUNT);
    expect(sum(results, 'imported')).toBe(ALL_ROWS - BORDER_COUNT);
    expect(sum(results, 'replaced')).toBe(0);
    expect(await countCurrentRows(t.database, 'police_uk_street')).toBe(ALL_ROWS);
  }, FOLDER_TIMEOUT);
});
