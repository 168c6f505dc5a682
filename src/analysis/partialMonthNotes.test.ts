import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { importForTest, tableCounts } from '../../test/importHelpers.ts';
import { testData } from '../../test/sharedData.ts';
import { tempDir } from '../../test/tempFiles.ts';
import type { Definition } from '../domain/definitions/definitionSchema.ts';
import { dataNotesFrom } from '../http/pages/dashboard/dataNotes.ts';
import { undoImportBatch } from '../ingest/undoBatch.ts';
import { loadDefinitions } from './loadDefinitions.ts';
import { runAnalysis } from './runAnalysis.ts';
import { subsetOf } from './testing/londonSubset.ts';

/*
 * Two hand-made borough extracts of robbery. early.csv (Jul–Dec 2023): Tower Hamlets 100 and Hackney 50 a month.
 * late.csv (Dec 2023–May 2024): December is a stub, Tower Hamlets 1 and Hackney 0, against 110 + 40 = 150 in every
 * other month. By hand: late.csv's monthly totals are 1, 150, 150, 150, 150, 150, median 150; 1 is under 10% of it,
 * so December is left out and Tower Hamlets' December stays 100, from early.csv.
 */
const header = (months: string[]) => `MajorText,MinorText,BoroughName,${months.join(',')}\n`;
const row = (borough: string, values: number[]) =>
  `ROBBERY,ROBBERY OF PERSONAL PROPERTY,${borough},${values.join(',')}\n`;
const EARLY =
  header(['202307', '202308', '202309', '202310', '202311', '202312']) +
  row('Tower Hamlets', [100, 100, 100, 100, 100, 100]) +
  row('Hackney', [50, 50, 50, 50, 50, 50]);
const LATE =
  header(['202312', '202401', '202402', '202403', '202404', '202405']) +
  row('Tower Hamlets', [1, 110, 110, 110, 110, 110]) +
  row('Hackney', [0, 40, 40, 40, 40, 40]);
const DECEMBER = { month: '2023-12', offences: 1, medianMonth: 150 };
const NOTE =
  'MPS borough counts (London Datastore): the extract of 2024-06-01 (late.csv) left out 2023-12 as a partial month (1 offence against a median month of 150); 2023-12 is counted from an earlier extract where one was imported';

let t: TestDb;
let definitions: Definition[];
let lateBatch: number;
const files = tempDir();
const ask = (request: Record<string, unknown>) =>
  runAnalysis(t.database.db, definitions, { category: 'ROBBERY', area: 'Tower Hamlets', ...request } as never);

beforeAll(async () => {
  t = await createTestDb();
  definitions = await loadDefinitions();
});
afterAll(async () => {
  files.cleanup();
  await t?.drop();
});

describe('a partial edge month left out', () => {
  it('is returned by the import and stored on its batch; a file without one stores nothing', async () => {
    const early = await importForTest(t.database, files.file('early.csv', EARLY));
    expect(early).toMatchObject({ status: 'imported', partialMonths: [] });
    const late = await importForTest(t.database, files.file('late.csv', LATE));
    expect(late).toMatchObject({ status: 'imported', partialMonths: [DECEMBER] });
    lateBatch = late.batchId!;
    const batches = await t.database.db
      .selectFrom('import_batch')
      .select(['file_name', 'partial_months', 'notes', 'extract_date'])
      .orderBy('id')
      .execute();
    expect(batches.map((b) => [b.file_name, b.partial_months])).toEqual([
      ['early.csv', null],
      ['late.csv', [DECEMBER]],
    ]);
    expect(batches[1]!.notes).toMatch(/partial month 2023-12 not imported: 1 offences against a median month of 150/);
  });

  it("leaves the month to the earlier extract and says so in the figure's warnings and data notes", async () => {
    const december = await ask({ period: 'Dec 2023' });
    expect(december.figures[0]!.count).toBe(100);
    expect(december.warnings).toContain(NOTE);
    expect(dataNotesFrom([december], definitions).caveats).toContain(NOTE);
    // A longer period holding December, and a comparison period holding it, say so too.
    expect((await ask({ period: '2023/24' })).warnings).toContain(NOTE);
    expect((await ask({ period: 'Jan 2024', compare: 'Dec 2023' })).warnings).toContain(NOTE);
  });

  it('says nothing where the figure does not read the month, or reads it as of before that extract', async () => {
    expect((await ask({ period: 'Jan 2024–May 2024' })).warnings.join(' ')).not.toMatch(/partial month/);
    expect((await ask({ period: 'Dec 2023', asOf: '2024-01-15' })).warnings.join(' ')).not.toMatch(/partial month/);
  });

  it('says nothing once the batch that left the month out is undone', async () => {
    await t.database.bulkTransaction((trx) => undoImportBatch(trx, lateBatch));
    const december = await ask({ period: 'Dec 2023' });
    expect(december.figures[0]!.count).toBe(100);
    expect(december.warnings.join(' ')).not.toMatch(/partial month/);
  });

  it('a rejected file reports no partial month and stores nothing', async () => {
    const before = await tableCounts(t.database, ['import_batch', 'count_slice']);
    const bad = await importForTest(
      t.database,
      files.file('bad.csv', LATE.replace('110,110,110,110,110', '110,110,-1,110,110')),
    );
    expect(bad).toMatchObject({ status: 'rejected', partialMonths: [] });
    expect(await tableCounts(t.database, ['import_batch', 'count_slice'])).toEqual(before);
  });

  it('the real ward extract: its Tower Hamlets 2024-02 column is left out and reported', async () => {
    // python3 over recorded-crime-ward.csv, rows with lookup_boroughname "Tower Hamlets": 2024-02 sums to 1;
    // the median of its 25 monthly totals is 3,027.
    const wards = await subsetOf(
      testData('mps', 'ward', 'recorded-crime-ward.csv'),
      (line, i) => i === 0 || line.split(',')[4] === 'Tower Hamlets',
    );
    const r = await importForTest(t.database, wards);
    expect(r).toMatchObject({
      status: 'imported',
      partialMonths: [{ month: '2024-02', offences: 1, medianMonth: 3027 }],
    });
    const figure = await ask({ category: 'ROBBERY', period: '2023/24', source: 'mps-ward' });
    expect(figure.warnings).toContain(
      'MPS ward counts (London Datastore): the extract of 2026-03-01 (recorded-crime-ward.csv) left out 2024-02 as a partial month (1 offence against a median month of 3,027); 2024-02 is counted from an earlier extract where one was imported',
    );
  }, 120_000);
});
