import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest, tableCounts } from '../../../test/importHelpers.ts';
import { testDataUnzipped } from '../../../test/sharedData.ts';
import { storedStreetRecords } from '../../../test/storedStreetRecords.ts';
import { undoImportBatch } from '../undoBatch.ts';
import type { FileInfo, LoadContext } from '../layout.ts';
import { ProblemCollector } from '../problems.ts';
import { ImportWorker } from './importWorker.ts';

/*
 * An import read on a worker thread (importWorker.ts) must behave exactly as one read in-process: the
 * same rows, slices and aggregates, the same rejections, nothing written when anything fails. Run on both
 * engines (SAFER_TEST_DB), with the worker forced ('always') whatever the file's size.
 */
// The published plain CSV, decompressed from the carried .gz: this test edits its text and reads its bytes.
const TH_BURGLARY = testDataUnzipped('police-uk/street-burglary/street_burglary_TowerHamlets_2010-12_2025-02.csv.gz');
const TABLES = ['import_batch', 'count_slice', 'police_uk_street', 'agg_police_uk_street'];

let t: TestDb;
let dir: string;
beforeAll(async () => {
  t = await createTestDb();
  dir = await mkdtemp(join(tmpdir(), 'safer-import-worker-'));
});
afterAll(async () => t?.drop());

describe('an import read on a worker thread', () => {
  it('stores what the same file stores in-process, reports progress, and is unchanged the second time', async () => {
    const onThread = vi.spyOn(ImportWorker.prototype, 'load');
    const inProcess = await importForTest(t.database, TH_BURGLARY, { worker: 'never' });
    expect(inProcess.imported).toBe(37363);
    expect(onThread).not.toHaveBeenCalled();
    const expected = await storedStreetRecords(t.database.db);
    await t.database.bulkTransaction((trx) => undoImportBatch(trx, inProcess.batchId!));
    expect((await storedStreetRecords(t.database.db)).n).toBe(0);

    const seen: number[] = [];
    const onWorker = await importForTest(t.database, TH_BURGLARY, {
      worker: 'always',
      onProgress: (bytes) => seen.push(bytes),
    });
    expect(onWorker).toMatchObject({ status: 'imported', rows: 37363, imported: 37363, replaced: 0, errors: [] });
    expect(onThread).toHaveBeenCalledTimes(1);
    onThread.mockRestore();
    expect(await storedStreetRecords(t.database.db)).toEqual(expected);
    // Progress comes from the worker's reads, rising to the whole file.
    const size = (await readFile(TH_BURGLARY)).length;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(size);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);

    const again = await importForTest(t.database, TH_BURGLARY, { worker: 'always' });
    expect(again).toMatchObject({ status: 'unchanged', batchId: onWorker.batchId });
  });

  it('rejects a bad file with the file, line, column and value, and writes nothing', async () => {
    const lines = (await readFile(TH_BURGLARY, 'utf8')).split(/\r?\n/);
    lines[4000] = lines[4000]!.replace(/,(\d{4})-(\d{2}),/, ',$1-13,');
    const bad = join(dir, 'th-burglary-bad-month.csv');
    await writeFile(bad, lines.join('\n'));
    const before = await tableCounts(t.database, TABLES);

    const r = await importForTest(t.database, bad, { worker: 'always' });
    expect(r.status).toBe('rejected');
    expect(r.errors[0]).toMatchObject({ line: 4001, column: 'Month' });
    expect(r.errors[0]!.value).toMatch(/-13$/);
    expect(r.message).toContain('th-burglary-bad-month.csv');
    expect(await tableCounts(t.database, TABLES)).toEqual(before);
  });

  it('fails whole when a statement the worker sent fails on the main thread', async () => {
    const before = await tableCounts(t.database, TABLES);
    const file: FileInfo = {
      path: TH_BURGLARY,
      label: 'th-burglary.csv',
      size: 0,
      isGzip: false,
      header: null,
      rawHeader: null,
      headText: '',
    };
    const lines = (await readFile(TH_BURGLARY, 'utf8')).split(/\r?\n/, 1);
    file.header = lines[0]!.split(',').map((c) => c.trim().toLowerCase());
    file.rawHeader = lines[0]!.split(',');

    const failing = t.database.bulkTransaction(async (trx, copy) => {
      const batch = await trx
        .insertInto('import_batch')
        .values({
          file_name: file.label,
          file_path: file.path,
          sha256: '0'.repeat(64),
          layout: 'police-uk-street',
          series: 'police-uk-street',
          extract_date: '2025-03-01',
          imported_by: 'test',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const ctx = {
        file,
        options: { importedBy: 'test' },
        trx,
        copy,
        problems: new ProblemCollector(),
        stats: { rowsRead: 0, imported: 0, unchanged: 0, replaced: 0 },
        aggregatesWritten: new Set<string>(),
        batchId: batch.id,
        series: 'police-uk-street',
        extractDate: '2025-03-01',
        copyBinary: async () => {
          throw new Error('no space left on device (simulated)');
        },
      } as unknown as LoadContext;
      await new ImportWorker('police-uk-street').load(ctx);
    });
    await expect(failing).rejects.toThrow('no space left on device (simulated)');
    expect(await tableCounts(t.database, TABLES)).toEqual(before);
  });

  it('refuses a layout that cannot run on a worker, before reading anything', async () => {
    const ctx = { file: { label: 'x.csv' }, options: { importedBy: 'test' } } as unknown as LoadContext;
    await expect(new ImportWorker('mps-borough-wide').load(ctx)).rejects.toThrow(
      'the layout mps-borough-wide cannot run on an import worker',
    );
  });
});
