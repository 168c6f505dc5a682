import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testEngine, type TestDb } from './createTestDb.ts';
import { expandImportPaths } from '../src/ingest/expandPaths.ts';
import { importFile, type FileImportResult } from '../src/ingest/importFile.ts';
import { refreshAggregatesForBatch } from '../src/analysis/aggregates/refreshAggregatesForBatch.ts';
import { fullDataDir } from './sharedData.ts';
import { sumCounts } from './importHelpers.ts';

// Every real file of the full open data (../shared/data or SAFER_SHARED_DATA: an extended test), imported
// in one pass with no --format hints: each must be recognised from its header and import whole. The per-source
// facts are tested beside each importer, on both engines, and those tests
// between them import every file on PGlite too; this one-pass sweep runs on
// PostgreSQL only, to keep CI inside its time budget (PGlite is ~3× slower).
const runsHere = testEngine === 'postgres';
let t: TestDb;
const results: FileImportResult[] = [];

beforeAll(async () => {
  if (!runsHere) return;
  t = await createTestDb();
  const files = await expandImportPaths([fullDataDir!]);
  for (const path of files)
    results.push(
      await importFile(t.database, path, { importedBy: 'test', refreshAggregates: refreshAggregatesForBatch }),
    );
}, 3_600_000);
afterAll(async () => t?.drop());

describe.runIf(runsHere)('importing every file in shared/data', () => {
  it('recognises and imports every file', () => {
    const rejected = results.filter((r) => r.status === 'rejected').map((r) => `${r.path}: ${r.message.slice(0, 300)}`);
    expect(rejected).toEqual([]);
    // 171 City of London monthly files alone; the folder holds 230+ importable files.
    expect(results.length).toBeGreaterThan(220);
  });

  it('keeps the two MPS borough extracts as revisions of one series', async () => {
    // Tower Hamlets FY2015/16, worked out with python over the 2023 extract: 28,151; the 2026 extract agrees.
    expect(
      await sumCounts(t.database, {
        seriesPrefix: 'mps-borough/ho_aligned',
        areaCode: 'E09000030',
        from: '2015-04-01',
        to: '2016-03-01',
      }),
    ).toBe(28151);
  });
});
