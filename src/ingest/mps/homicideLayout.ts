import { hasColumns, type Layout, type LoadContext } from '../layout.ts';
import { monthAfter, parseCount, type Parsed } from '../fields.ts';
import { SliceWriter } from '../sliceWriter.ts';
import { boroughCodesByName } from '../../db/repositories/areas.ts';
import { columnIndexes, laterMonth, rawColumn, resolveBoroughName, settleExtractDate } from './mpsNames.ts';

const COLUMNS = [
  'count_of_ppa',
  'borough',
  'gender',
  'age_group',
  'self_classified_ethnicity',
  'offence_type',
  'charged_summonsed',
  'proceedings_date',
] as const;
const TEXT_COLUMNS = ['gender', 'age_group', 'self_classified_ethnicity', 'offence_type', 'charged_summonsed'] as const;

/**
 * MPS homicide: one row per person proceeded against, with the month of
 * proceedings written 'Jan-03'. Slices: area = borough, month = proceedings month.
 */
export const homicideLayout: Layout = {
  id: 'mps-homicide',
  description: 'MPS homicide: people proceeded against, by borough, sex, age, ethnicity, offence and outcome',
  signature: COLUMNS,
  detect: (file) => hasColumns(file, COLUMNS),
  plan: () => ({
    series: 'mps-homicide',
    notes: 'extract date inferred as the month after the last proceedings month unless given',
  }),
  load: loadHomicide,
};

async function loadHomicide(baseCtx: LoadContext): Promise<void> {
  const col = columnIndexes(baseCtx, COLUMNS);
  let last: string | null = null;
  for await (const { cells } of baseCtx.dataRecords()) {
    const m = parseShortMonth('', cells[col.proceedings_date] ?? '');
    if (m.ok) last = laterMonth(last, m.value);
  }
  const ctx = await settleExtractDate(baseCtx, last === null ? null : monthAfter(last));
  const boroughs = await boroughCodesByName(ctx.trx);
  const writer = new SliceWriter(ctx, 'mps_homicide_accused', [
    'persons',
    'sex',
    'age_group',
    'ethnicity',
    'offence_type',
    'proceedings_outcome',
  ]);
  for await (const { line, cells } of ctx.dataRecords()) {
    ctx.stats.rowsRead += 1;
    const cell = (name: (typeof COLUMNS)[number]) => (cells[col[name]] ?? '').trim();
    const month = parseShortMonth(rawColumn(ctx, col.proceedings_date), cell('proceedings_date'));
    if (!month.ok) ctx.problems.add({ line, ...month.problem });
    const persons = parseCount(rawColumn(ctx, col.count_of_ppa), cell('count_of_ppa'));
    if (!persons.ok) ctx.problems.add({ line, ...persons.problem });
    const borough = resolveBoroughName(boroughs, cell('borough'));
    if (!borough)
      ctx.problems.add({
        line,
        column: rawColumn(ctx, col.borough),
        value: cell('borough'),
        message: 'not a London borough or MPS area name Safer knows',
      });
    const blank = TEXT_COLUMNS.filter((c) => cell(c) === '');
    for (const c of blank)
      ctx.problems.add({ line, column: rawColumn(ctx, col[c]), value: '', message: `the ${c} is blank` });
    if (!month.ok || !persons.ok || !borough || blank.length > 0) continue;
    const row = [persons.value, ...TEXT_COLUMNS.map(cell)];
    // One row per person: identical rows are different people, so no duplicate check.
    await writer.add({ areaCode: borough, month: month.value, scope: '' }, JSON.stringify(row), row);
  }
  if (ctx.problems.any) return;
  await writer.finish();
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** 'Jan-03' → '2003-01-01'. The series starts in 2003, so a two-digit year is always 20YY. */
export function parseShortMonth(column: string, value: string): Parsed<string> {
  const m = /^([A-Za-z]{3})-(\d{2})$/.exec(value.trim());
  const index = m ? MONTHS.indexOf(m[1]!.toLowerCase()) : -1;
  if (!m || index < 0) return { ok: false, problem: { column, value, message: 'not a month written like Jan-03' } };
  return { ok: true, value: `20${m[2]}-${String(index + 1).padStart(2, '0')}-01` };
}
