import { gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { runSafer } from '../../test/cliHarness.ts';
import { importForTest, tableCounts } from '../../test/importHelpers.ts';
import { tempDir } from '../../test/tempFiles.ts';
import { cliDatabaseEnv } from '../../test/testDbEnv.ts';
import { binaryKind } from './binaryFile.ts';

// Files that are not text (a spreadsheet, an image, an archive) are refused as
// what they look like, before anything is read as text or written.
const TABLES = ['import_batch', 'count_slice', 'crime_count', 'offence_category', 'area'];
const CSV = 'MajorText,MinorText,BoroughName,201504,201505\nROBBERY,ROBBERY OF PERSONAL PROPERTY,Tower Hamlets,50,61\n';
const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

const PNG = bytes([0x89], 'PNG\r\n', [0x1a, 0x0a, 0, 0, 0, 0x0d], 'IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', [0]);
const GIF = bytes('GIF89a', [1, 0, 1, 0, 0x80, 0, 0]);
const PDF = bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
const XLS = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], Array(24).fill(0));
const EMPTY_ZIP = bytes('PK', [5, 6], Array(18).fill(0));
const SEVEN_ZIP = bytes([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]);
const RAR = bytes('Rar!', [0x1a, 0x07, 0x01, 0x00]);
const NUL_CSV = bytes('MajorText,MinorText\n', [0, 0, 0, 0], 'ROBBERY,X\n');
const UTF16_CSV = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')]);
/** A tar archive's first header: the name, then "ustar" at byte 257. */
function tarHeader(name: string): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 'latin1');
  header.write('ustar\u000000', 257, 'latin1');
  return header;
}
async function xlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Crimes').addRows([
    ['MajorText', 'MinorText'],
    ['ROBBERY', 'X'],
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('binaryKind', () => {
  it.each([
    ['PNG', PNG, 'a PNG image'],
    ['JPEG', JPEG, 'a JPEG image'],
    ['GIF87a', bytes('GIF87a', [1, 0]), 'a GIF image'],
    ['GIF89a', GIF, 'a GIF image'],
    ['PDF', PDF, 'a PDF document'],
    ['ZIP', bytes('PK', [3, 4, 20, 0]), 'a ZIP archive (for example an Excel .xlsx workbook)'],
    ['empty ZIP', EMPTY_ZIP, 'an empty ZIP archive'],
    ['XLS', XLS, 'an older Microsoft Office file (for example an Excel .xls workbook)'],
    ['7z', SEVEN_ZIP, 'a 7-Zip archive'],
    ['RAR', RAR, 'a RAR archive'],
    ['tar', tarHeader('crimes.csv'), 'a tar archive'],
    ['gzip (inside gzip)', gzipSync(CSV), 'gzip-compressed data'],
    ['UTF-16LE with BOM', UTF16_CSV, 'UTF-16 text (for example Excel\'s "Unicode Text")'],
    ['UTF-16BE with BOM', Buffer.from([0xfe, 0xff, 0, 0x4d]), 'UTF-16 text'],
    ['NUL bytes', NUL_CSV, 'binary data (it contains NUL bytes)'],
  ])('%s is %s', (_name, head, what) => {
    expect(binaryKind(head)?.what).toBe(what);
  });

  it.each([
    ['UTF-8 CSV', Buffer.from(CSV)],
    ['UTF-8 CSV with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV)])],
    ['JSON', Buffer.from('{"type":"FeatureCollection","features":[]}')],
    [
      'Windows-1252 CSV (en dash 0x96, £ 0xa3)',
      bytes('MajorText,MinorText\nTHEFT,OTHER THEFT ', [0x96], ' SHOPS ', [0xa3], '5\n'),
    ],
    ['a NUL beyond the first 4096 bytes', Buffer.concat([Buffer.from('a,b\n'.repeat(1024)), Buffer.from([0])])],
    ['nothing', Buffer.alloc(0)],
    ['a lone "P"', Buffer.from('P')],
  ])('%s is text', (_name, head) => {
    expect(binaryKind(head)).toBeNull();
  });
});

describe('importing a file that is not text', () => {
  let t: TestDb;
  let files: ReturnType<typeof tempDir>;
  let before: Record<string, number>;
  beforeAll(async () => {
    t = await createTestDb();
    files = tempDir();
  });
  afterAll(async () => {
    files?.cleanup();
    await t?.drop();
  });
  beforeEach(async () => {
    before = await tableCounts(t.database, TABLES);
  });

  async function expectRefused(name: string, content: Buffer, message: string, options = {}) {
    const r = await importForTest(t.database, files.file(name, content), options);
    expect({ status: r.status, errors: r.errors, message: r.message }).toEqual({
      status: 'rejected',
      errors: [{ line: null, column: null, value: null, message }],
      message: `${name} was rejected; nothing was imported.\n${name}: ${message}`,
    });
    expect(await tableCounts(t.database, TABLES)).toEqual(before);
  }

  it('an Excel .xlsx workbook', async () => {
    await expectRefused(
      'crimes.xlsx',
      await xlsx(),
      'the file looks like a ZIP archive (for example an Excel .xlsx workbook), not a CSV/JSON text file; save it as CSV (UTF-8) and import that, or unzip it and import the files inside',
    );
  });

  it.each([
    ['chart.png', PNG, 'a PNG image', 'import the CSV or JSON file the data came in'],
    ['photo.jpg', JPEG, 'a JPEG image', 'import the CSV or JSON file the data came in'],
    ['anim.gif', GIF, 'a GIF image', 'import the CSV or JSON file the data came in'],
    ['report.pdf', PDF, 'a PDF document', 'import the CSV or JSON file the data came in'],
    [
      'old.xls',
      XLS,
      'an older Microsoft Office file (for example an Excel .xls workbook)',
      'save it as CSV (UTF-8) and import that',
    ],
    ['data.7z', SEVEN_ZIP, 'a 7-Zip archive', 'extract it and import the files inside'],
    ['data.rar', RAR, 'a RAR archive', 'extract it and import the files inside'],
    ['dump.csv', NUL_CSV, 'binary data (it contains NUL bytes)', 'import the CSV or JSON file the data came in'],
    [
      'unicode.txt',
      UTF16_CSV,
      'UTF-16 text (for example Excel\'s "Unicode Text")',
      'save it as CSV (UTF-8) and import that',
    ],
  ])('%s', async (name, content, what, advice) => {
    await expectRefused(name, content, `the file looks like ${what}, not a CSV/JSON text file; ${advice}`);
  });

  it('a PNG even with --encoding windows-1252 (which once read it as text)', async () => {
    await expectRefused(
      'chart.csv',
      PNG,
      'the file looks like a PNG image, not a CSV/JSON text file; import the CSV or JSON file the data came in',
      { encoding: 'windows-1252' },
    );
  });

  it.each([
    [
      'crimes.tar.gz',
      gzipSync(Buffer.concat([tarHeader('crimes.csv'), Buffer.from(CSV)])),
      'a tar archive',
      'extract it and import the files inside',
    ],
    ['chart.png.gz', gzipSync(PNG), 'a PNG image', 'import the CSV or JSON file the data came in'],
    ['twice.csv.gz', gzipSync(gzipSync(CSV)), 'gzip-compressed data', 'decompress it once and import the result'],
  ])('gzip-compressed: %s', async (name, content, what, advice) => {
    await expectRefused(
      name,
      content,
      `the file is gzip-compressed, and what it holds looks like ${what}, not a CSV/JSON text file; ${advice}`,
    );
  });

  it.each([['crimes.csv.gz'], ['crimes-gzipped.csv']])('a gzip-compressed CSV still imports: %s', async (name) => {
    const r = await importForTest(
      t.database,
      files.file(name, gzipSync(CSV.replace('50,61', name === 'crimes.csv.gz' ? '50,61' : '52,63'))),
    );
    expect({ status: r.status, format: r.format, rows: r.rows, errors: r.errors }).toEqual({
      status: 'imported',
      format: 'mps-borough-wide',
      rows: 1,
      errors: [],
    });
  });
});

describe('safer import of a PNG', () => {
  it('exits 1 naming the file and what it looks like', async () => {
    const { env, cleanup } = await cliDatabaseEnv();
    const files = tempDir();
    try {
      const path = files.file('some.png', PNG);
      const run = await runSafer(['import', path], env);
      expect({ code: run.code, stderr: run.stderr }).toEqual({
        code: 1,
        stderr: `\n${path} was rejected; nothing from it was imported:\n  ${path}: the file looks like a PNG image, not a CSV/JSON text file; import the CSV or JSON file the data came in\n`,
      });
    } finally {
      files.cleanup();
      await cleanup();
    }
  });
});
