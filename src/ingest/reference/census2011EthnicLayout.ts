import { parseCount, parseGssCode } from '../fields.ts';
import type { FileInfo, Layout, LoadContext } from '../layout.ts';
import { columnName, findColumn, FirstSeen, take } from './referenceFields.ts';
import { ReplacingWriter } from './replacingWriter.ts';

/**
 * Census 2011 QS201EW (ethnic group), Nomis bulk layout: `date, geography,
 * geography code, Rural Urban`, then `Ethnic Group: …; measures: Value`
 * columns for the total, the 5 broad groups and their 18 detailed groups.
 * Broad groups get the same keys as Census 2021 TS021 ('asian', 'white' …);
 * detailed ones are 'broad: label', e.g. 'asian: bangladeshi'.
 */

const TOTAL = 'ethnic group: all categories: ethnic group; measures: value';

/** The first words of a broad group's label, in either of the publisher's spellings. */
const BROAD = ['white', 'mixed', 'asian', 'black', 'other'] as const;

export function ethnicGroupKey(header: string): string | null {
  const text = header
    .replace(/;\s*measures:\s*value\s*$/i, '')
    .replace(/^ethnic group:\s*/i, '')
    .trim()
    .toLowerCase();
  if (text === 'all categories: ethnic group') return 'all';
  const [group, ...detail] = text.split(':').map((s) => s.trim());
  const broad = BROAD.find((b) => group!.startsWith(b));
  if (!broad) return null;
  return detail.length === 0 ? broad : `${broad}: ${detail.join(': ')}`;
}

function groupColumns(file: FileInfo): { index: number; key: string | null }[] {
  return (file.header ?? []).flatMap((h, index) =>
    h.startsWith('ethnic group:') ? [{ index, key: ethnicGroupKey(h) }] : [],
  );
}

export const census2011EthnicLayout: Layout = {
  id: 'nomis-census2011-qs201ew',
  description: 'Census 2011 QS201EW ethnic group (broad and detailed), Nomis bulk layout',
  signature: ['date', 'geography', 'geography code', 'rural urban', TOTAL],
  detect: (file) => ['date', 'geography code', 'rural urban', TOTAL].every((c) => findColumn(file, [c]) >= 0),
  plan: () => ({
    series: 'reference/census2011-qs201ew',
    owningAgency: 'ons',
    notes: 'ONS Census 2011 via Nomis; OGL v3.0',
  }),
  load: loadQs201,
};

async function loadQs201(ctx: LoadContext): Promise<void> {
  const file = ctx.file;
  const groups = groupColumns(file);
  for (const g of groups) {
    if (!g.key)
      ctx.problems.add({
        line: 1,
        column: columnName(file, g.index),
        value: null,
        message: 'not an ethnic group Safer knows',
      });
  }
  const col = {
    code: findColumn(file, ['geography code']),
    date: findColumn(file, ['date']),
    rural: findColumn(file, ['rural urban']),
  };
  const writer = new ReplacingWriter(
    ctx,
    'population',
    ['source', 'area_code', 'year', 'sex', 'age_band', 'ethnic_group', 'value'],
    2,
  );
  const seen = new FirstSeen();
  for await (const { line, cells } of ctx.dataRecords()) {
    ctx.stats.rowsRead += 1;
    const code = take(ctx, line, parseGssCode(columnName(file, col.code), cells[col.code] ?? ''));
    const year = (cells[col.date] ?? '').trim();
    if (!/^\d{4}$/.test(year))
      ctx.problems.add({
        line,
        column: columnName(file, col.date),
        value: year,
        message: 'the date must be the census year, e.g. 2011',
      });
    // Other rural-urban splits would repeat each area; only the totals are a population.
    if ((cells[col.rural] ?? '').trim().toLowerCase() !== 'total') {
      ctx.problems.add({
        line,
        column: columnName(file, col.rural),
        value: cells[col.rural] ?? '',
        message: 'only "Total" rural-urban rows can be imported',
      });
    }
    const counts = new Map<string, number>();
    for (const g of groups) {
      const value = take(ctx, line, parseCount(columnName(file, g.index), cells[g.index] ?? ''));
      if (value !== undefined && g.key) counts.set(g.key, value);
    }
    if (!code || ctx.problems.any) continue;
    const first = seen.check(code, line);
    if (first !== undefined) {
      ctx.problems.add({
        line,
        column: columnName(file, col.code),
        value: code,
        message: `duplicate row: the same area as line ${first}`,
      });
      continue;
    }
    const broadSum = BROAD.reduce((s, b) => s + (counts.get(b) ?? 0), 0);
    if (broadSum !== counts.get('all')) {
      ctx.problems.add({
        line,
        column: columnName(file, findColumn(file, [TOTAL])),
        value: String(counts.get('all')),
        message: `the broad ethnic groups add up to ${broadSum}, not the total`,
      });
      continue;
    }
    for (const [group, value] of counts)
      await writer.add(['census2011-qs201ew', code, Number(year), 'all', 'all', group, value]);
  }
  await writer.finish();
}
