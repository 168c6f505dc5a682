import { describe, expect, it } from 'vitest';
import { CsvSplitter, CsvSyntaxError } from './csvSplitter.ts';

/** Splits `text` fed in two chunks cut at every position: the result must not depend on where chunks end. */
function splitEveryWay(text: string, relaxColumnCount = false): { line: number; cells: string[] }[] {
  let first: string | null = null;
  let result: { line: number; cells: string[] }[] = [];
  for (let cut = 0; cut <= text.length; cut += 1) {
    const s = new CsvSplitter({ relaxColumnCount, maxRecordChars: 1000 });
    result = [...s.push(text.slice(0, cut)), ...s.push(text.slice(cut)), ...s.end()];
    const json = JSON.stringify(result);
    if (first === null) first = json;
    else expect(json, `cut at ${cut}`).toBe(first);
  }
  return result;
}

describe('CsvSplitter (the rules csv-parse applied before it)', () => {
  it.each<[string, string, [number, string[]][]]>([
    [
      'plain rows, no final newline',
      'a,b\n1,2',
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ],
    ],
    [
      'CRLF',
      'a,b\r\n1,2\r\n',
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
      ],
    ],
    [
      'CR only (old Mac)',
      'a,b\r1,2\r"q\rr",3\r',
      [
        [1, ['a', 'b']],
        [2, ['1', '2']],
        [3, ['q\rr', '3']],
      ],
    ],
    ['CR only, one line ending in a quote (its CR is the last character)', '"a","b"\r', [[1, ['a', 'b']]]],
    [
      'quoted commas, quotes and newlines keep the start line',
      'a,b\n"x,\n""y""",2\n3,4\n',
      [
        [1, ['a', 'b']],
        [2, ['x,\n"y"', '2']],
        [4, ['3', '4']],
      ],
    ],
    [
      'empty and quoted-empty cells',
      'a,b,c\n,,\n,"",\n',
      [
        [1, ['a', 'b', 'c']],
        [2, ['', '', '']],
        [3, ['', '', '']],
      ],
    ],
    [
      'cells are not trimmed',
      'a,b\n 1 , 2 \n',
      [
        [1, ['a', 'b']],
        [2, [' 1 ', ' 2 ']],
      ],
    ],
  ])('%s', (_, text, expected) => {
    expect(splitEveryWay(text).map((r) => [r.line, r.cells])).toEqual(expected);
  });

  it('keeps a quote inside an unquoted cell as a literal character, as csv-parse relax_quotes does', () => {
    expect(splitEveryWay('a,b\nrounded ("£3.2m"),2\n').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['rounded ("£3.2m")', '2'],
    ]);
  });

  it('an empty line is one empty cell: an error unless the column count is relaxed', () => {
    expect(() => splitEveryWay('a,b\n1,2\n\n3,4\n')).toThrow(/Invalid Record Length: expect 2, got 1 on line 3/);
    expect(splitEveryWay('a,b\n\n3,4\n', true).map((r) => r.cells)).toEqual([['a', 'b'], [''], ['3', '4']]);
  });

  it.each<[string, string, number, CsvSyntaxError['code']]>([
    ['text after a closing quote', 'a,b\n"x"y,2\n', 2, 'INVALID_CLOSING_QUOTE'],
    ['a quote never closed', 'a,b\n1,2\n"x,2\n', 3, 'QUOTE_NOT_CLOSED'],
    ['a record longer than the limit', `a,b\n${'x'.repeat(1200)},2\n`, 2, 'MAX_RECORD_SIZE'],
  ])('%s is an error at its line', (_, text, line, code) => {
    const s = new CsvSplitter({ maxRecordChars: 1000 });
    let error: unknown;
    try {
      s.push(text);
      s.end();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect(error).toMatchObject({ line, code });
  });

  it('skips leading lines and keeps counting them', () => {
    const s = new CsvSplitter({ skipLines: 2, maxRecordChars: 1000 });
    expect([...s.push('title\nnote\nh1,h2\n1,2\n'), ...s.end()]).toEqual([
      { line: 3, cells: ['h1', 'h2'] },
      { line: 4, cells: ['1', '2'] },
    ]);
  });
});
