import { hasColumns, type Layout, type LoadContext } from '../layout.ts';
import { monthAfter, parseCount, parseMonth } from '../fields.ts';
import { SliceWriter } from '../sliceWriter.ts';
import { columnIndexes, laterMonth, rawColumn, settleExtractDate } from './mpsNames.ts';
import { MPS_FORCE_AREA } from './vawgLayouts.ts';

const COLUMNS = [
  'current_disposal_year',
  'current_disposal_month',
  'current_disposal_month_name',
  'gender',
  'age_group',
  'ethnicity_4+1',
  'offence_group',
  'current_disposal',
  'offence_count',
  'sheet',
] as const;
const TEXT_COLUMNS = ['gender', 'age_group', 'ethnicity_4+1', 'offence_group', 'current_disposal'] as const;
const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * MPS custody disposals, London-wide: counts by month, sex, age group,
 * ethnicity, offence group and disposal. Slices: area = MPS force area,
 * month = disposal month, scope = sheet.
 */
export const custodyLayout: Layout = {
  id: 'mps-custody',
  description: 'MPS custody disposals by month, sex, age group, ethnicity, offence group and disposal',
  signature: COLUMNS,
  detect: (file) => hasColumns(file, COLUMNS),
  plan: () => ({
    series: 'mps-custody',
    notes: 'extract date inferred as the month after the last disposal month unless given',
  }),
  load: loadCustody,
};

async function loadCustody(baseCtx: LoadContext): Promise<void> {
  const col = columnIndexes(baseCtx, COLUMNS);
  const monthOf = (cells: string[]) =>
    parseMonth(
      rawColumn(baseCtx, col.current_disposal_month),
      `${(cells[col.current_disposal_year] ?? '').trim()}-${(cells[col.current_disposal_month] ?? '').trim().padStart(2, '0')}`,
    );
  let last: string | null = null;
  for await (const { cells } of baseCtx.dataRecords()) {
    const m = monthOf(cells);
    if (m.ok) last = laterMonth(last, m.value);
  }
  const ctx = await settleExtractDate(baseCtx, last === null ? null : monthAfter(last));
  const writer = new SliceWriter(ctx, 'mps_custody_disposal', [
    'sex',
    'age_group',
    'ethnicity',
    'offence_group',
    'disposal',
    'value',
  ]);
  const seen = new Map<string, number>();
  for await (const { line, cells } of ctx.dataRecords()) {
    ctx.stats.rowsRead += 1;
    const cell = (name: (typeof COLUMNS)[number]) => (cells[col[name]] ?? '').trim();
    const month = monthOf(cells);
    if (!month.ok)
      ctx.problems.add({
        line,
        ...month.problem,
        value: `${cell('current_disposal_year')}/${cell('current_disposal_month')}`,
      });
    else if (MONTH_NAMES[Number(month.value.slice(5, 7)) - 1] !== cell('current_disposal_month_name').toLowerCase()) {
      ctx.problems.add({
        line,
        column: rawColumn(ctx, col.current_disposal_month_name),
        value: cell('current_disposal_month_name'),
        message: `does not name month ${Number(month.value.slice(5, 7))}`,
      });
    }
    const count = parseCount(rawColumn(ctx, col.offence_count), cell('offence_count'));
    if (!count.ok) ctx.problems.add({ line, ...count.problem });
    const blank = [...TEXT_COLUMNS, 'sheet' as const].filter((c) => cell(c) === '');
    for (const c of blank)
      ctx.problems.add({ line, column: rawColumn(ctx, col[c]), value: '', message: `the ${c} is blank` });
    if (!month.ok || !count.ok || blank.length > 0) continue;
    const row = TEXT_COLUMNS.map(cell);
    const key = `${month.value}|${cell('sheet')}|${JSON.stringify(row)}`;
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      ctx.problems.add({
        line,
        column: null,
        value: null,
        message: `duplicate row: the same month, sheet and groups as line ${firstLine}`,
      });
      continue;
    }
    seen.set(key, line);
    await writer.add(
      { areaCode: MPS_FORCE_AREA, month: month.value, scope: cell('sheet') },
      `${JSON.stringify(row)}|${count.value}`,
      [...row, count.value],
    );
  }
  if (ctx.problems.any) return;
  await writer.finish();
}
