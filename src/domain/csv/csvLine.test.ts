import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csvLine.ts';

describe('CSV cells', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['plain, with comma', '"plain, with comma"'],
  ])('neutralises %j', (input, output) => expect(csvCell(input)).toBe(output));

  it('leaves negative numbers as numbers', () => {
    expect(csvLine([-3, 'a', null])).toBe('-3,a,\r\n');
  });
});

describe('one CSV writer for exports, the CLI and the SYNTHETIC extracts', () => {
  it('quotes a carriage return, a line feed, a quote and a comma (RFC 4180)', () => {
    expect(csvLine(['a\rb', 'c\nd', 'say "hi"', 'x,y'], { eol: '\n' })).toBe('"a\rb","c\nd","say ""hi""","x,y"\n');
  });

  it('keeps values as they are for files Safer reads back, and writes dates as ISO 8601', () => {
    expect(csvLine(['-2+3', '=1', new Date(Date.UTC(2024, 2, 1))], { neutralise: false, eol: '\n' })).toBe(
      '-2+3,=1,2024-03-01T00:00:00.000Z\n',
    );
  });
});
