import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ByteCsvCursor, readByteCsv, recordEnd } from './byteCsv.ts';
import { readCsvRecords } from './csvRecords.ts';
import { ImportRejectedError } from './problems.ts';

/** Every data record the byte reader gives, as [line, cells, fast]. */
async function viaBytes(path: string): Promise<[number, string[], boolean][]> {
  const out: [number, string[], boolean][] = [];
  for await (const c of readByteCsv(path, 'f.csv'))
    while (c.next()) out.push([c.line, c.fast ? c.fastCells() : c.cells, c.fast]);
  return out;
}

/** The same records from the splitter every CSV import uses (the reference), header dropped. */
async function viaText(path: string): Promise<[number, string[]][]> {
  const out: [number, string[]][] = [];
  for await (const r of readCsvRecords(path, 'f.csv')) out.push([r.line, r.cells]);
  return out.slice(1);
}

async function file(content: string | Buffer): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'safer-bytecsv-')), 'f.csv');
  await writeFile(path, content);
  return path;
}

const MIXED = '\uFEFFa,b,c\n1,2,3\r\n"x,y","say ""hi""",z\n"two\nlines",é,\n,,\n4,5,6';

describe('readByteCsv', () => {
  it('reads plain, quoted (over lines), CRLF, BOM and non-ASCII records as CsvSplitter does, with the same lines', async () => {
    const path = await file(MIXED);
    const bytes = await viaBytes(path);
    expect(bytes.map(([line, cells]) => [line, cells])).toEqual(await viaText(path));
    expect(bytes.map(([line, cells]) => [line, cells])).toEqual([
      [2, ['1', '2', '3']],
      [3, ['x,y', 'say "hi"', 'z']],
      [4, ['two\nlines', 'é', '']],
      [6, ['', '', '']],
      [7, ['4', '5', '6']],
    ]);
    // Only the plain ASCII records are fast (byte ranges); the rest were decoded.
    expect(bytes.map(([, , fast]) => fast)).toEqual([true, false, false, true, true]);
  });

  it('gives the same records whatever the chunk edges (every split point of the text)', () => {
    const data = Buffer.from(MIXED.replace('\uFEFF', ''));
    for (let cut = 1; cut < data.length; cut += 1) {
      const cursor = new ByteCsvCursor('f.csv');
      const got: string[][] = [];
      for (const [chunk, final] of [
        [data.subarray(0, cut), false],
        [data.subarray(cut), false],
        [Buffer.alloc(0), true],
      ] as const) {
        cursor.load(chunk, final);
        while (cursor.next()) got.push(cursor.fast ? cursor.fastCells() : cursor.cells);
      }
      expect(got, `cut at ${cut}`).toEqual([
        ['1', '2', '3'],
        ['x,y', 'say "hi"', 'z'],
        ['two\nlines', 'é', ''],
        ['', '', ''],
        ['4', '5', '6'],
      ]);
    }
  });

  it("finds where a quoted record ends by the splitter's rules", () => {
    const b = (s: string) => Buffer.from(s);
    expect(recordEnd(b('"a\nb",c\nnext'), 0, false)).toBe(8);
    expect(recordEnd(b('x "y,z\nnext'), 0, false)).toBe(7); // a quote inside an unquoted cell is literal
    expect(recordEnd(b('"a""b"\n'), 0, false)).toBe(7);
    expect(recordEnd(b('"open'), 0, false)).toBe(-1);
    expect(recordEnd(b('"open'), 0, true)).toBe(5);
  });

  it('refuses a record with the wrong number of cells, naming its line', async () => {
    const path = await file('a,b\n1,2\n3\n');
    await expect(viaBytes(path)).rejects.toThrow(
      /line 3: the row has a different number of cells from the header \(Invalid Record Length: expect 2, got 1 on line 3\)/,
    );
  });

  it('refuses bytes that are not UTF-8 on the line where they are', async () => {
    const path = await file(Buffer.concat([Buffer.from('a,b\n1,2\n3,'), Buffer.from([0x93]), Buffer.from('x\n')]));
    const error = await viaBytes(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect((error as ImportRejectedError).problems[0]).toMatchObject({ line: 3, value: '0x93' });
    expect((error as Error).message).toMatch(/not valid UTF-8\. It looks like Windows-1252/);
  });

  it('refuses a line longer than 1 MB', async () => {
    const path = await file(`a,b\n1,${'x'.repeat(1024 * 1024 + 10)}\n`);
    await expect(viaBytes(path)).rejects.toThrow(/line 2: a line is longer than 1 MB/);
  });

  it('reads CR-only files and other encodings through the text splitter', async () => {
    const cr = await file('a,b\r1,2\r3,4\r');
    expect(await viaBytes(cr)).toEqual([
      [2, ['1', '2'], false],
      [3, ['3', '4'], false],
    ]);
  });

  // Found by byteCsv.differential.test.ts.
  it('keeps a lone CR inside a quoted cell of an LF file (was: that record was split as if the file were CR-only, and refused)', async () => {
    const path = await file('a,b\n"x\ry",2\n3,4\n');
    expect(await viaBytes(path)).toEqual([
      [2, ['x\ry', '2'], false],
      [3, ['3', '4'], true],
    ]);
  });

  it('reads a CR-only file whose first line break is its last byte, or ends a chunk (was: read as LF and refused)', async () => {
    const path = await file('"a","b"\r');
    expect(await viaBytes(path)).toEqual([]);
    const cursor = new ByteCsvCursor('f.csv');
    expect(cursor.crOnly(Buffer.from('"a","b"\r'))).toBe(false); // the next byte decides
    expect(cursor.crOnly(Buffer.from('"1",2\r'))).toBe(true);
  });
});
