import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Indicator } from '../indicatorSchema.ts';
import { PerformanceError } from '../performanceError.ts';
import { placeInFile, readReturnFile, returnFileCsv, returnFileXlsx } from './returnFile.ts';
import type { ReturnDetail, StoredValue } from './returnQueries.ts';

// Two indicators of a made-up police return: pure file reading and writing, no database.
const base = {
  version: 1,
  theme: 'anti-social-behaviour',
  leadAgency: 'police',
  subgroup: 'ASB OG',
  polarity: 'lower-is-better',
  periodType: 'october-september',
  target: { kind: 'none' },
  source: { kind: 'returned', description: 'CAD' },
  citation: 'test',
} as const;
const asks: Indicator[] = [
  { ...base, id: 'asb-calls', name: 'ASB calls', unit: { kind: 'count' } },
  {
    ...base,
    id: 'victim-satisfaction',
    name: 'Victim satisfaction',
    unit: { kind: 'percentage', numerator: 'satisfied', denominator: 'asked' },
  },
];
const stored = { value: 120, numerator: null, denominator: null, commentary: '=SUM(A1) looks odd' } as StoredValue;
const ret = {
  quarter: '2015/16 Q2',
  asks,
  current: new Map([['asb-calls', stored]]),
} as unknown as ReturnDetail;

const problemsOf = async (bytes: Buffer) => {
  const error = await readReturnFile(bytes, ret).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PerformanceError);
  return (error as PerformanceError).problems;
};

describe('return files', () => {
  it('writes one row per indicator with its period and current value, neutralising formula-like text', () => {
    const lines = returnFileCsv(ret).split('\r\n');
    expect(lines[0]).toBe('indicator_id,indicator,period,unit,value,numerator,denominator,commentary');
    expect(lines[1]).toBe("asb-calls,ASB calls,Oct 2014–Sep 2015,count,120,,,'=SUM(A1) looks odd");
    expect(lines[2]).toBe('victim-satisfaction,Victim satisfaction,Oct 2014–Sep 2015,percentage,,,,');
  });

  it('reads its own CSV back as typed, with the BOM, any column order and a blank line', async () => {
    const csv = `\uFEFF${returnFileCsv(ret).replace(',,,,\r\n', ',45,9,20,fine\r\n')}\r\n`;
    const read = await readReturnFile(Buffer.from(csv), ret);
    expect(read.entries['asb-calls']).toEqual({
      value: '120',
      numerator: '',
      denominator: '',
      commentary: '=SUM(A1) looks odd',
    });
    expect(read.entries['victim-satisfaction']).toMatchObject({ value: '45', numerator: '9', denominator: '20' });
    expect([...read.lines]).toEqual([
      ['asb-calls', 2],
      ['victim-satisfaction', 3],
    ]);
    const swapped =
      'value,indicator_id,indicator,period,unit,numerator,denominator,commentary\r\n7,asb-calls,,,,,,\r\n';
    expect((await readReturnFile(Buffer.from(swapped), ret)).entries['asb-calls']?.value).toBe('7');
  });

  it('reads its own XLSX back', async () => {
    const read = await readReturnFile(await returnFileXlsx(ret), ret);
    expect(read.entries['asb-calls']?.value).toBe('120');
    expect(read.lines.get('victim-satisfaction')).toBe(3);
  });

  it('refuses a wrong header on line 1, naming the column', async () => {
    expect(await problemsOf(Buffer.from('indicator_id,value,comment\r\nasb-calls,1,x\r\n'))).toEqual([
      expect.objectContaining({ line: 1, column: 'indicator', message: expect.stringContaining('missing indicator') }),
    ]);
  });

  it('refuses an unknown or repeated indicator id, naming each line', async () => {
    const csv = `${returnFileCsv(ret)}knife-crime,,,,3,,,\r\nasb-calls,,,,4,,,\r\n`;
    expect(await problemsOf(Buffer.from(csv))).toEqual([
      expect.objectContaining({ line: 4, column: 'indicator_id', message: expect.stringContaining('"knife-crime"') }),
      expect.objectContaining({ line: 5, column: 'indicator_id', message: expect.stringContaining('line 2') }),
    ]);
  });

  it('refuses a malformed CSV and a file that only looks like a workbook', async () => {
    const bad = await problemsOf(Buffer.from('indicator_id,value\r\n"asb-calls,1\r\n'));
    expect(bad[0]?.message).toMatch(/^The file is not a readable CSV/);
    expect((await problemsOf(Buffer.from('PK not a zip')))[0]?.message).toBe(
      'The file is not a readable XLSX workbook',
    );
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Return');
    expect((await problemsOf(Buffer.from(await empty.xlsx.writeBuffer())))[0]).toMatchObject({ line: 1 });
  });

  it("places saveReturn's problems at the indicator's line and the field's column", () => {
    const lines = new Map([['asb-calls', 2]]);
    expect(
      placeInFile(
        [
          { indicatorId: 'asb-calls', field: 'value', message: 'Enter a value' },
          { indicatorId: 'asb-calls', field: 'value', message: 'Far out', needsConfirmation: true },
          { indicatorId: 'victim-satisfaction', field: 'value', message: 'Enter a value for Victim satisfaction' },
          { field: 'reason', message: 'Say why' },
        ],
        lines,
      ),
    ).toEqual([
      { indicatorId: 'asb-calls', field: 'value', message: 'Enter a value', line: 2, column: 'value' },
      expect.objectContaining({ line: 2, column: 'value', message: 'Far out (confirm it with a note in the form)' }),
      expect.objectContaining({ message: expect.stringContaining('the file has no line for victim-satisfaction') }),
      { field: 'reason', message: 'Say why', line: undefined, column: undefined },
    ]);
  });
});
