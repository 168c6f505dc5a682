import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv.ts';

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
