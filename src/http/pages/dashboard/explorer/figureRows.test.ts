import { describe, expect, it } from 'vitest';
import type { Figure } from '../../../../analysis/figure.ts';
import type { AnalysisResult } from '../../../../analysis/analysisResult.ts';
import { csvBody } from './downloadFiles.ts';
import { flatTable } from './figureRows.ts';
import { pageTable } from './pageTable.ts';

const figure = (month: string, count: number | null, extra: Record<string, unknown> = {}): Figure => ({
  group: { month },
  count,
  denominator: 310_303,
  rate: count === null ? null : (count / 310_303) * 1000,
  lower: count === null ? null : 0.1,
  upper: count === null ? null : 0.2,
  multiplier: 1000,
  method: 'crude rate per 1,000, Byar limits',
  confidence: '95%',
  definition: 'knife-crime',
  source: 'partner police extract',
  extractDate: '2026-02-28',
  ...extra,
});
/** flatTable flattens whatever extras a figure carries, so the fixtures mix them; the shape named is nominal. */
const result = (figures: Figure[]): AnalysisResult => ({
  shape: 'headline',
  figures,
  definition: { id: 'knife-crime', version: 1, name: 'Knife crime', counts: 'offences' },
  vintage: {
    source: 'partner police extract',
    extractDates: ['2026-02-28'],
    denominator: null,
    asOf: null,
    synthetic: true,
  },
  warnings: [],
});

describe('flatTable', () => {
  it('flattens extras into dotted columns, shows withheld values as the symbol, and drops columns empty in every row', () => {
    const t = flatTable(
      result([
        figure('2025-03', 53, {
          spc: { centre: 35.5, flags: ['run'] },
          benchmarks: [{ area: 'London', rate: 0.24 }],
          rank: null,
          suppressed: false,
          disclosureRule: 'case-derived',
        }),
        figure('2025-04', null, {
          spc: null,
          benchmarks: null,
          rank: null,
          suppressed: true,
          suppression: 'primary',
          disclosureRule: 'case-derived',
        }),
      ]),
    );
    const keys = t.columns.map((c) => c.key);
    expect(keys).toEqual([
      'group.month',
      'count',
      'denominator',
      'rate',
      'lower',
      'upper',
      'multiplier',
      'method',
      'confidence',
      'source',
      'extractDate',
      'spc.centre',
      'spc.flags',
      'benchmarks.London.rate',
      'suppressed',
      'disclosureRule',
      'suppression',
    ]);
    expect(t.columns.find((c) => c.key === 'spc.centre')!.head).toBe('SPC: centre');
    expect(t.columns.find((c) => c.key === 'benchmarks.London.rate')!.head).toBe('Benchmarks: London: rate');
    const at = (row: number, key: string) => t.rows[row]![keys.indexOf(key)];
    expect([at(0, 'count'), at(0, 'spc.flags'), at(0, 'benchmarks.London.rate')]).toEqual([53, 'run', 0.24]);
    expect([at(1, 'count'), at(1, 'rate'), at(1, 'lower'), at(1, 'denominator'), at(1, 'spc.centre')]).toEqual([
      '*',
      '*',
      '*',
      310_303,
      null,
    ]);
  });

  it('a null count that was not withheld stays empty, not a symbol', () => {
    const t = flatTable(result([figure('2025-03', null)]));
    expect(t.rows[0]![t.columns.findIndex((c) => c.key === 'count')]).toBeNull();
  });
});

describe('pageTable', () => {
  it('puts count, rate and the interval first and formats for reading', () => {
    const t = pageTable(flatTable(result([figure('2025-03', 1234)])));
    expect(t.head.map((h) => h.text).slice(0, 6)).toEqual([
      'Month',
      'Count',
      'Rate',
      'Interval',
      'Method',
      'Extract date',
    ]);
    // 1234 / 310,303 × 1000 = 3.97676… → 4 significant figures.
    expect(t.rows[0]!.slice(0, 4).map((c) => c.text)).toEqual(['2025-03', '1,234', '3.977', '0.1 to 0.2']);
    expect(t.rows[0]![0]!.header).toBe(true);
  });

  it('shows at most the row limit, and says how many there are', () => {
    const t = pageTable(flatTable(result([figure('a', 1), figure('b', 2), figure('c', 3)])), 2);
    expect(t.rows).toHaveLength(2);
    expect(t.total).toBe(3);
  });
});

describe('csvBody', () => {
  it('neutralises text a spreadsheet would run, quotes what needs quoting, and appends the notes after a blank line', () => {
    const t = {
      columns: [
        { key: 'group.name', head: 'Name', numeric: false },
        { key: 'count', head: 'Count', numeric: true },
      ],
      rows: [
        ['=1+2', 12],
        ['@SUM(A1)', -3],
      ],
    };
    expect(
      csvBody(t, [['Licence', 'Contains public sector information licensed under the Open Government Licence v3.0']]),
    ).toBe(
      "group.name,count\r\n'=1+2,12\r\n'@SUM(A1),-3\r\n\r\nLicence,Contains public sector information licensed under the Open Government Licence v3.0\r\n",
    );
  });
});
