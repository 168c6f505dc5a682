import { parseCount, parseGssCode } from '../fields.ts';
import { ImportRejectedError } from '../problems.ts';
import type { FileInfo, Layout, LoadContext } from '../layout.ts';
import { columnName, findColumn, FirstSeen, take } from './referenceFields.ts';
import { ReplacingWriter } from './replacingWriter.ts';

/**
 * ONS mid-year population estimates by LSOA, sex and broad age band:
 * `la, lsoa, Total, F0 to 15, …, M65 and over`. The file does not say its
 * year, so it is read from the file name (`pop_mid_2015.csv`). The LSOA codes
 * are whatever vintage the publisher used (this file: LSOA 2021).
 */

const BAND = /^([fm])(\d+) (?:to (\d+)|and over)$/;

function bandColumns(file: FileInfo): { index: number; sex: 'female' | 'male'; band: string }[] {
  return (file.header ?? []).flatMap((h, index) => {
    const m = BAND.exec(h);
    if (!m) return [];
    return [
      {
        index,
        sex: m[1] === 'f' ? ('female' as const) : ('male' as const),
        band: m[3] ? `${m[2]}-${m[3]}` : `${m[2]}+`,
      },
    ];
  });
}

function yearFromName(label: string): number | null {
  const m = /(?:^|[^0-9])((?:19|20)\d{2})(?:[^0-9]|$)/.exec(label);
  return m ? Number(m[1]) : null;
}

export const midYearEstimateLayout: Layout = {
  id: 'ons-mid-year-estimates-lsoa',
  description: 'ONS mid-year population estimates by LSOA, sex and broad age band (year taken from the file name)',
  signature: ['la', 'lsoa', 'total'],
  detect: (file) => ['la', 'lsoa', 'total'].every((c) => findColumn(file, [c]) >= 0) && bandColumns(file).length > 0,
  plan: (file) => ({
    series: `reference/mye${yearFromName(file.label) ?? ''}`,
    owningAgency: 'ons',
    notes: 'ONS mid-year estimates; OGL v3.0',
  }),
  load: loadMidYear,
};

async function loadMidYear(ctx: LoadContext): Promise<void> {
  const file = ctx.file;
  const year = yearFromName(file.label);
  if (year === null) {
    throw ImportRejectedError.single(file.label, {
      message: 'the year of the estimates is not in the file name; name the file like pop_mid_2015.csv',
    });
  }
  const source = `mye${year}`;
  const col = { la: findColumn(file, ['la']), lsoa: findColumn(file, ['lsoa']), total: findColumn(file, ['total']) };
  const bands = bandColumns(file);
  const writer = new ReplacingWriter(
    ctx,
    'population',
    ['source', 'area_code', 'year', 'sex', 'age_band', 'ethnic_group', 'value'],
    2,
  );
  const seen = new FirstSeen();
  for await (const { line, cells } of ctx.dataRecords()) {
    ctx.stats.rowsRead += 1;
    take(ctx, line, parseGssCode(columnName(file, col.la), cells[col.la] ?? ''));
    const code = take(ctx, line, parseGssCode(columnName(file, col.lsoa), cells[col.lsoa] ?? '', ['E01', 'W01']));
    const total = take(ctx, line, parseCount(columnName(file, col.total), cells[col.total] ?? ''));
    const values = bands.map((b) => take(ctx, line, parseCount(columnName(file, b.index), cells[b.index] ?? '')));
    if (!code || total === undefined || values.some((v) => v === undefined)) continue;
    const first = seen.check(code, line);
    if (first !== undefined) {
      ctx.problems.add({
        line,
        column: columnName(file, col.lsoa),
        value: code,
        message: `duplicate row: the same LSOA as line ${first}`,
      });
      continue;
    }
    const sum = values.reduce<number>((s, v) => s + v!, 0);
    if (sum !== total) {
      ctx.problems.add({
        line,
        column: columnName(file, col.total),
        value: String(total),
        message: `the sex and age bands add up to ${sum}, not the total`,
      });
      continue;
    }
    await writer.add([source, code, year, 'all', 'all', 'all', total]);
    for (const [i, b] of bands.entries()) await writer.add([source, code, year, b.sex, b.band, 'all', values[i]!]);
  }
  await writer.finish();
}
