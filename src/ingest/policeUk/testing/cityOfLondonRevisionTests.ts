import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../../test/createTestDb.ts';
import { importForTest } from '../../../../test/importHelpers.ts';
import { expandImportPaths } from '../../expandPaths.ts';
import type { FileImportResult } from '../../importFile.ts';
import { countCurrentRows } from '../../../../test/policeUkQueries.ts';

/**
 * The same City of London Police rows downloaded twice: a folder of monthly files (all crime types) and
 * one file of the rows that fall in Tower Hamlets, Hackney or Newham LSOAs, imported in both orders.
 * Run on 12 carried months (cityOfLondonRevisions.test.ts) and on all 171 (….extended.test.ts).
 */
export function cityOfLondonRevisionTests(data: {
  folder: string;
  borderRows: string;
  files: number;
  allRows: number;
  borderCount: number;
  timeout: number;
}) {
  const { folder, borderRows, files, allRows, borderCount, timeout } = data;

  async function importFolder(t: TestDb): Promise<FileImportResult[]> {
    const results: FileImportResult[] = [];
    for (const file of await expandImportPaths([folder])) results.push(await importForTest(t.database, file));
    return results;
  }
  const sum = (results: FileImportResult[], key: 'rows' | 'imported' | 'unchanged' | 'replaced') =>
    results.reduce((s, r) => s + r[key], 0);

  describe('City of London: the folder of monthly files, then the border-LSOA file', () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb();
    });
    afterAll(async () => t?.drop());

    it(
      `imports all ${files} monthly files, each as its own batch`,
      async () => {
        const results = await importFolder(t);
        expect(results).toHaveLength(files);
        expect(results.filter((r) => r.status !== 'imported').map((r) => `${r.path}: ${r.message}`)).toEqual([]);
        expect(new Set(results.map((r) => r.format))).toEqual(new Set(['police-uk-street']));
        expect(sum(results, 'rows')).toBe(allRows);
        expect(sum(results, 'imported')).toBe(allRows);
        expect(await countCurrentRows(t.database, 'police_uk_street')).toBe(allRows);
      },
      timeout,
    );

    it('then reports every row of the border file unchanged and counts nothing twice', async () => {
      const r = await importForTest(t.database, borderRows);
      expect(r.status).toBe('imported');
      expect(r.rows).toBe(borderCount);
      expect(r.unchanged).toBe(borderCount);
      expect(r.imported).toBe(0);
      expect(r.replaced).toBe(0);
      expect(await countCurrentRows(t.database, 'police_uk_street')).toBe(allRows);
    });
  });

  describe('City of London: the border-LSOA file first, then the folder', () => {
    let t: TestDb;
    beforeAll(async () => {
      t = await createTestDb();
    });
    afterAll(async () => t?.drop());

    it(
      'the folder recognises the border rows as unchanged and adds only the rest',
      async () => {
        const first = await importForTest(t.database, borderRows);
        expect(first.imported).toBe(borderCount);
        const results = await importFolder(t);
        expect(results.every((r) => r.status === 'imported')).toBe(true);
        expect(sum(results, 'unchanged')).toBe(borderCount);
        expect(sum(results, 'imported')).toBe(allRows - borderCount);
        expect(sum(results, 'replaced')).toBe(0);
        expect(await countCurrentRows(t.database, 'police_uk_street')).toBe(allRows);
      },
      timeout,
    );
  });
}
