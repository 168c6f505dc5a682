import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest, refreshAggregates } from '../../../test/importHelpers.ts';
import { testDataUnzipped } from '../../../test/sharedData.ts';
import { undoImportBatch } from '../undoBatch.ts';
import { decimal } from './streetByteRows.ts';
import { storedStreetRecords } from '../../../test/storedStreetRecords.ts';

// The published plain CSV, decompressed from the carried .gz: this test edits its text and reads its bytes.
const TH_BURGLARY = testDataUnzipped('police-uk/street-burglary/street_burglary_TowerHamlets_2010-12_2025-02.csv.gz');

describe('decimal', () => {
  it('reads plain decimals as the same double Number() gives', () => {
    const texts = ['-0.029459', '51.533135', '0.1', '-8.75', '1.9', '49.800000', '-0.000', '12.345678901234'];
    for (let i = 0; i < 2000; i += 1)
      texts.push((((i * 7919) % 100_000) / 1e5 - 0.5).toFixed(6), (51 + ((i * 104729) % 1_000_000) / 1e6).toFixed(6));
    for (const t of texts) expect(Object.is(decimal(Buffer.from(t), 0, t.length), Number(t)), t).toBe(true);
  });

  it('leaves every other spelling to the string path (NaN)', () => {
    for (const t of [
      '',
      '-',
      '1',
      '5.',
      '.5',
      '+1.0',
      '1e3',
      '0x1',
      '1.2.3',
      ' 1.0',
      '1.0 ',
      '1234567890.1234567',
      '--1.0',
    ]) {
      expect(decimal(Buffer.from(t), 0, t.length), t).toBeNaN();
    }
  });
});

/*
 * The byte path (StreetByteRows) and the string path (StreetRowValidator + writeRow) must store the same
 * rows, fingerprints and aggregates. A file read with --encoding windows-1252 takes the string path for
 * every row (same text: the file is ASCII but for the rows changed below); read as UTF-8 it takes the
 * byte path for the plain rows and the string path for the rest.
 */
let t: TestDb;
let dir: string;
beforeAll(async () => {
  t = await createTestDb();
  dir = await mkdtemp(join(tmpdir(), 'safer-street-bytes-'));
});
afterAll(async () => t?.drop());

const stored = (db: Kysely<DB> = t.database.db) => storedStreetRecords(db);

describe('police.uk street rows: byte path and string path store the same', () => {
  it('on the Tower Hamlets burglary file with odd rows added (quotes, spaces, lower case, +, blank points)', async () => {
    const lines = (await readFile(TH_BURGLARY, 'utf8')).split(/\r?\n/);
    // Spellings the byte path must leave to the string path, which accepts them (and stores them trimmed or read).
    lines[5] = lines[5]!.replace(',On or near ', ',"On or near, quoted ').replace(/,E01/, '",E01');
    lines[6] = lines[6]!.replace(/,E01(\d{6}),/, ',e01$1,');
    lines[7] = lines[7]!.replace(/,(51\.\d+),/, ',+$1,');
    lines[8] = lines[8]!.replace(/,(-?\d+\.\d+),(\d+\.\d+),/, ',,,');
    lines[9] = lines[9]!.replace(',Burglary,', ', Burglary ,');
    lines[10] = lines[10]!.replace(/^[0-9a-f]{64},/, (id) => ` ${id.slice(0, -1)} ,`);
    const file = join(dir, 'th-burglary-odd.csv');
    await writeFile(file, lines.join('\n'));

    const bytes = await importForTest(t.database, file);
    expect(bytes.errors).toEqual([]);
    expect(bytes.imported).toBe(37363);
    const viaBytes = await stored();
    await t.database.bulkTransaction((trx) => undoImportBatch(trx, bytes.batchId!));
    expect((await stored()).n).toBe(0);

    const strings = await importForTest(t.database, file, { encoding: 'windows-1252' });
    expect(strings.imported).toBe(37363);
    expect(await stored()).toEqual(viaBytes);

    // The aggregate counted while reading equals the one SQL builds from the stored rows: the import's
    // aggregate refresh (its port, wired as for every test import), told no table was written while reading.
    await t.database.bulkTransaction(async (trx) => {
      await refreshAggregates(trx, strings.batchId!, new Set());
      expect((await stored(trx)).points).toBe(viaBytes.points);
    });

    // The same crimes in CRLF lines (another file, byte path): every slice is recognised as unchanged.
    const crlf = join(dir, 'th-burglary-odd-crlf.csv');
    await writeFile(crlf, lines.join('\r\n'));
    const again = await importForTest(t.database, crlf);
    expect(again).toMatchObject({ status: 'imported', unchanged: 37363, imported: 0, replaced: 0 });
    expect(await stored()).toEqual(viaBytes);
  });
});
