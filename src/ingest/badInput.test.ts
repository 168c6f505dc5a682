import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { importForTest, tableCounts } from '../../test/importHelpers.ts';
import { tempDir } from '../../test/tempFiles.ts';

// Bad input, against the generic import pipeline. Each case checks the message
// (file, line, column, value, reason) and that the database is exactly as before.
// Fixtures are small hand-written files in the real MPS borough layout.
const TABLES = ['import_batch', 'count_slice', 'crime_count', 'offence_category', 'area'];
const HEADER = 'MajorText,MinorText,BoroughName,201504,201505';
const GOOD_ROW = 'ROBBERY,ROBBERY OF PERSONAL PROPERTY,Tower Hamlets,50,61';

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

async function expectRejected(path: string, options = {}) {
  const r = await importForTest(t.database, path, options);
  expect(r.status).toBe('rejected');
  expect(await tableCounts(t.database, TABLES)).toEqual(before);
  return r;
}

describe('files that are rejected whole, leaving the database as it was', () => {
  it('unknown layout: names the known layouts and the nearest one', async () => {
    const r = await expectRejected(files.file('mystery.csv', 'majortext,minortext,201504\nROBBERY,X,5\n'));
    expect(r.errors[0]!.message).toMatch(/unknown layout/);
    expect(r.errors[0]!.message).toMatch(/mps-borough-wide/);
    expect(r.errors[0]!.message).toMatch(/nearest is mps-borough-wide .*"boroughname"/);
    expect(r.errors[0]!.line).toBe(1);
  });

  it('missing required column when a format is forced', async () => {
    const r = await expectRejected(files.file('missing.csv', 'MajorText,MinorText,201504\nROBBERY,X,5\n'), {
      format: 'mps-borough-wide',
    });
    expect(r.errors.map((e) => e.column)).toContain('boroughname');
    expect(r.errors[0]!.message).toMatch(/missing required column "boroughname"/);
  });

  it('non-numeric and negative counts name line, column and value', async () => {
    const r = await expectRejected(
      files.file('counts.csv', `${HEADER}\n${GOOD_ROW}\nBURGLARY,BURGLARY IN A DWELLING,Tower Hamlets,abc,-3\n`),
    );
    expect(r.errors).toEqual([
      { line: 3, column: '201504', value: 'abc', message: 'not a whole number' },
      { line: 3, column: '201505', value: '-3', message: 'a count cannot be negative' },
    ]);
  });

  it('an impossible month column (2015-13)', async () => {
    const r = await expectRejected(
      files.file('month.csv', `MajorText,MinorText,BoroughName,201512,201513\n${GOOD_ROW}\n`),
    );
    expect(r.errors[0]).toMatchObject({ line: 1, column: '201513', value: '201513', message: 'impossible month 13' });
  });

  it('a malformed GSS code', async () => {
    const csv =
      'wardname,wardcode,majortext,minortext,lookup_boroughname,202401\nBow East,E0500931,ROBBERY,ROBBERY OF PERSONAL PROPERTY,Tower Hamlets,4\n';
    const r = await expectRejected(files.file('ward.csv', csv));
    expect(r.errors[0]).toMatchObject({ line: 2, column: 'wardcode', value: 'E0500931' });
    expect(r.errors[0]!.message).toMatch(/not a GSS code/);
  });

  it('an unknown borough name is an error, never silently dropped', async () => {
    const r = await expectRejected(files.file('borough.csv', `${HEADER}\nROBBERY,X,Tower Hamlet,1,2\n`));
    expect(r.errors[0]).toMatchObject({ line: 2, column: 'BoroughName', value: 'Tower Hamlet' });
  });

  it('Windows-1252 text is refused with the line, unless the encoding is given', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${HEADER}\n${GOOD_ROW}\nTHEFT,OTHER THEFT `),
      Buffer.from([0x96]),
      Buffer.from(' SHOPS,Tower Hamlets,1,2\n'),
    ]);
    const path = files.file('cp1252.csv', bytes);
    const r = await expectRejected(path);
    expect(r.errors[0]).toMatchObject({ line: 3, value: '0x96' });
    expect(r.errors[0]!.message).toMatch(/not valid UTF-8.*Windows-1252.*--encoding windows-1252/);
    const ok = await importForTest(t.database, path, { encoding: 'windows-1252' });
    expect(ok.status).toBe('imported');
    const minor = await t.database.db
      .selectFrom('offence_category')
      .select('minor')
      .where('major', '=', 'THEFT')
      .where('minor', 'like', 'OTHER THEFT %')
      .executeTakeFirst();
    expect(minor?.minor).toBe('OTHER THEFT \u2013 SHOPS'); // 0x96 is an en dash in Windows-1252
  });

  it('an empty file, and an empty .gz', async () => {
    const r = await expectRejected(files.file('empty.csv', ''));
    expect(r.errors[0]!.message).toBe('the file is empty');
    const g = await expectRejected(files.file('empty.csv.gz', gzipSync(Buffer.alloc(0))));
    expect(g.errors[0]!.message).toBe('the file is empty');
  });

  it('a header-only file', async () => {
    const r = await expectRejected(files.file('header.csv', `${HEADER}\n`));
    expect(r.errors[0]).toMatchObject({ line: 2, message: 'the file has a header but no data rows' });
  });

  it('a truncated .gz', async () => {
    const rows = Array.from({ length: 4000 }, (_, i) => `ROBBERY,MINOR ${i},Tower Hamlets,${i},1`).join('\n');
    const whole = gzipSync(Buffer.from(`${HEADER}\n${rows}\n`));
    const r = await expectRejected(files.file('cut.csv.gz', whole.subarray(0, Math.floor(whole.length * 0.6))));
    expect(r.errors[0]!.message).toMatch(/gzip stream is damaged or truncated/);
  });

  it('a line longer than 1 MB', async () => {
    const r = await expectRejected(
      files.file('long.csv', `${HEADER}\nROBBERY,${'x'.repeat(1_100_000)},Tower Hamlets,1,2\n`),
    );
    expect(r.errors[0]!.message).toMatch(/longer than 1 MB/);
    expect(r.errors[0]!.line).toBe(2);
  });

  it('lists at most 50 problems, then a count', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => `ROBBERY,M${i},Tower Hamlets,x,1`).join('\n');
    const r = await expectRejected(files.file('many.csv', `${HEADER}\n${rows}\n`));
    expect(r.errors).toHaveLength(50);
    expect(r.totalErrors).toBe(80);
    expect(r.message).toMatch(/… and 30 more problems/);
  });
});

describe('values that look like formulas', () => {
  it('are stored as plain text, exactly as written', async () => {
    const formula = '=HYPERLINK("http://example.invalid","click")';
    const r = await importForTest(
      t.database,
      files.file('formula.csv', `${HEADER}\nROBBERY,"${formula.replace(/"/g, '""')}",Tower Hamlets,1,2\n`),
    );
    expect(r.status).toBe('imported');
    const row = await t.database.db
      .selectFrom('offence_category')
      .select('minor')
      .where('minor', 'like', '=HYPERLINK%')
      .executeTakeFirst();
    expect(row?.minor).toBe(formula);
  });
});
