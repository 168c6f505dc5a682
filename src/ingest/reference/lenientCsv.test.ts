import { describe, expect, it } from 'vitest';
import { splitLenientCsv } from './lenientCsv.ts';

describe('splitLenientCsv', () => {
  it.each([
    [
      'a bare quote inside an unquoted cell is text',
      'a,b\nHomicide,rounded ("£3.2m"),x\n',
      [
        ['a', 'b'],
        ['Homicide', 'rounded ("£3.2m")', 'x'],
      ],
    ],
    ['a quoted cell keeps commas and doubled quotes', 'a\n"one, ""two""",3\n', [['a'], ['one, "two"', '3']]],
    [
      'CRLF endings and no final newline',
      'a,b\r\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['an empty cell', 'a,,c\n', [['a', '', 'c']]],
  ])('%s', (_, text, cells) => {
    expect(splitLenientCsv(text).map((r) => r.cells)).toEqual(cells);
  });

  it('numbers records by the line they start on, across a quoted newline', () => {
    expect(splitLenientCsv('h\n"x\ny"\nz\n').map((r) => r.line)).toEqual([1, 2, 4]);
  });
});
