import { parseCount, parseGssCode } from '../fields.ts';
import type { FileInfo, Layout, LoadContext } from '../layout.ts';
import { columnName, findColumn, FirstSeen, parseDecimal, take } from './referenceFields.ts';
import { ReplacingWriter } from './replacingWriter.ts';

/**
 * ONS Census 2021 bulk downloads: `date, geography, geography code`, then one
 * column per category headed `Topic: Category[; measures: Value]`. The topic
 * says which table the file is. TS007A (age) becomes population rows; the
 * others are kept as census measures.
 */

/** Topic prefix (normalised) → table id, for the tables Safer reads. */
const TABLES: Record<string, string> = {
  age: 'ts007a',
  'country of birth': 'ts004',
  'population density': 'ts006',
  'general health': 'ts037',
  'unemployment history': 'ts065',
  'highest level of qualification': 'ts067',
};

const KEY_COLUMNS = ['date', 'geography', 'geography code'];

interface Category {
  index: number;
  /** The raw header without topic and `; measures: Value`. */
  label: string;
}

function topicOf(file: FileInfo): string | null {
  const first = file.header?.find((h) => !KEY_COLUMNS.includes(h));
  if (!first) return null;
  const topic = first.split(':')[0]!.trim();
  return topic in TABLES ? topic : null;
}

function categories(file: FileInfo): Category[] {
  return (file.rawHeader ?? []).flatMap((raw, index) => {
    if (KEY_COLUMNS.includes(file.header![index]!)) return [];
    const text = raw.replace(/;\s*measures:\s*value\s*$/i, '').trim();
    const colon = text.indexOf(':');
    return [{ index, label: colon >= 0 ? text.slice(colon + 1).trim() : text }];
  });
}

function isBulk(file: FileInfo): boolean {
  return KEY_COLUMNS.every((c) => findColumn(file, [c]) >= 0) && findColumn(file, ['rural urban']) < 0;
}

export const census2021AgeLayout: Layout = {
  id: 'ons-census2021-ts007a',
  description: 'ONS Census 2021 TS007A population by five-year age band (bulk download)',
  signature: [...KEY_COLUMNS, 'age: total'],
  detect: (file) => isBulk(file) && topicOf(file) === 'age',
  plan: () => ({ series: 'reference/census2021-ts007a', owningAgency: 'ons', notes: 'ONS Census 2021; OGL v3.0' }),
  load: loadAges,
};

export const census2021MeasureLayout: Layout = {
  id: 'ons-census2021-table',
  description: `ONS Census 2021 bulk download of ${Object.values(TABLES)
    .filter((t) => t !== 'ts007a')
    .join(', ')}`,
  signature: KEY_COLUMNS,
  detect: (file) => isBulk(file) && topicOf(file) !== null && topicOf(file) !== 'age',
  plan: (file) => ({
    series: `reference/census2021-${TABLES[topicOf(file) ?? ''] ?? 'table'}`,
    owningAgency: 'ons',
    notes: 'ONS Census 2021; OGL v3.0',
  }),
  load: loadMeasures,
};

/** 'Aged 4 years and under' → '0-4', 'Aged 5 to 9 years' → '5-9', 'Aged 85 years and over' → '85+', 'Total' → 'all'. */
export function ageBandOf(label: string): string | null {
  const text = label.trim().toLowerCase();
  if (text === 'total') return 'all';
  let m = /^aged (\d+) years? and under$/.exec(text);
  if (m) return `0-${m[1]}`;
  m = /^aged (\d+) to (\d+) years?$/.exec(text);
  if (m) return `${m[1]}-${m[2]}`;
  m = /^aged (\d+) years? and over$/.exec(text);
  if (m) return `${m[1]}+`;
  return null;
}

interface RowStart {
  code: string;
  year: number;
}

/** Validates the key columns every bulk row starts with; undefined when the row is unusable. */
function readKeys(ctx: LoadContext, line: number, cells: string[], seen: FirstSeen): RowStart | undefined {
  const file = ctx.file;
  const codeAt = findColumn(file, ['geography code']);
  const dateAt = findColumn(file, ['date']);
  const code = take(ctx, line, parseGssCode(columnName(file, codeAt), cells[codeAt] ?? ''));
  const date = (cells[dateAt] ?? '').trim();
  if (!/^\d{4}$/.test(date)) {
    ctx.problems.add({
      line,
      column: columnName(file, dateAt),
      value: date,
      message: 'the date must be the census year, e.g. 2021',
    });
    return undefined;
  }
  if (!code) return undefined;
  const first = seen.check(code, line);
  if (first !== undefined) {
    ctx.problems.add({
      line,
      column: columnName(file, codeAt),
      value: code,
      message: `duplicate row: the same area as line ${first}`,
    });
    return undefined;
  }
  return { code, year: Number(date) };
}

async function loadAges(ctx: LoadContext): Promise<void> {
  const bands = categories(ctx.file).map((c) => ({ ...c, band: ageBandOf(c.label.replace(/^age:\s*/i, '')) }));
  for (const b of bands) {
    if (!b.band)
      ctx.problems.add({
        line: 1,
        column: columnName(ctx.file, b.index),
        value: b.label,
        message: 'not an age band Safer knows',
      });
  }
  const writer = new ReplacingWriter(
    ctx,
    'population',
    ['source', 'area_code', 'year', 'sex', 'age_band', 'ethnic_group', 'value'],
    2,
  );
  const seen = new FirstSeen();
  for await (const { line, cells } of ctx.dataRecords()) {
    ctx.stats.rowsRead += 1;
    const keys = readKeys(ctx, line, cells, seen);
    for (const b of bands) {
      const value = take(ctx, line, parseCount(columnName(ctx.file, b.index), cells[b.index] ?? ''));
      if (keys && value !== undefined && b.band)
        await writer.add(['census2021-ts007a', keys.code, keys.year, 'all', b.band, 'all', value]);
    }
  }
  await writer.finish();
}

async function loadMeasures(ctx: LoadContext): Promise<void> {
  const table = TABLES[topicOf(ctx.file)!]!;
  const cats = categories(ctx.file);
  const writer = new ReplacingWriter(
    ctx,
    'census_measure',
    ['census_table', 'area_code', 'category', 'census_year', 'value'],
    2,
  );
  const seen = new FirstSeen();
  for await (const { line, cells } of ctx.dataRecords()) {
    ctx.stats.rowsRead += 1;
    const keys = readKeys(ctx, line, cells, seen);
    for (const c of cats) {
      const value = take(ctx, line, parseDecimal(columnName(ctx.file, c.index), cells[c.index] ?? '', { min: 0 }));
      if (keys && value !== undefined && value !== null)
        await writer.add([table, keys.code, c.label, keys.year, value]);
    }
  }
  await writer.finish();
}
