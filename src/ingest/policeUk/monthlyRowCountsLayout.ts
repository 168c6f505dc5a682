import { hasColumns, type Layout, type LoadContext } from '../layout.ts';
import { parseCount, parseMonth } from '../fields.ts';
import { CategoryCatalogue } from '../shared/categoryCatalogue.ts';
import { SliceWriter } from '../sliceWriter.ts';

/**
 * Control totals published beside police.uk extracts: how many rows the
 * force-wide monthly file had (all Met burglary rows; all Met stop-and-search
 * rows). Kept as counts for the Metropolitan Police force area so an analyst
 * can check a borough extract against the force total it was cut from.
 */
interface Variant {
  id: string;
  monthColumn: string;
  countColumn: string;
  crimeType: string;
}

const VARIANTS: Variant[] = [
  {
    id: 'police-uk-street-monthly-rows',
    monthColumn: 'month',
    countColumn: 'burglary_rows_all_mps_file',
    crimeType: 'Burglary',
  },
  {
    id: 'police-uk-stop-search-monthly-rows',
    monthColumn: 'file_month',
    countColumn: 'rows_all_mps',
    crimeType: 'Stop and search',
  },
];

const MET = 'E23000001';

function makeLayout(v: Variant): Layout {
  return {
    id: v.id,
    description: `police.uk control totals: rows per month in the all-Met file (${v.crimeType.toLowerCase()})`,
    signature: [v.monthColumn, v.countColumn],
    detect: (file) => hasColumns(file, [v.monthColumn, v.countColumn]) && file.header!.length === 2,
    plan: () => ({
      series: `police-uk-control-totals/${v.id}`,
      notes: 'control totals for checking extracts, not crime counts for analysis',
    }),
    load: (ctx) => load(ctx, v),
  };
}

async function load(ctx: LoadContext, v: Variant): Promise<void> {
  const header = ctx.file.header!;
  const monthAt = header.indexOf(v.monthColumn);
  const countAt = header.indexOf(v.countColumn);
  const rawMonth = ctx.file.rawHeader![monthAt]!;
  const rawCount = ctx.file.rawHeader![countAt]!;
  const category = await new CategoryCatalogue(ctx.trx).idFor('police_uk', v.crimeType);
  const writer = new SliceWriter(ctx, 'crime_count', ['category_id', 'measure', 'value']);
  const seen = new Map<string, number>();
  for await (const { line, cells } of ctx.dataRecords()) {
    ctx.stats.rowsRead += 1;
    const month = parseMonth(rawMonth, cells[monthAt] ?? '');
    const count = parseCount(rawCount, cells[countAt] ?? '');
    if (!month.ok) ctx.problems.add({ line, ...month.problem });
    if (!count.ok) ctx.problems.add({ line, ...count.problem });
    if (!month.ok || !count.ok) continue;
    const first = seen.get(month.value);
    if (first !== undefined) {
      ctx.problems.add({
        line,
        column: rawMonth,
        value: cells[monthAt] ?? '',
        message: `the same month as line ${first}`,
      });
      continue;
    }
    seen.set(month.value, line);
    await writer.add({ areaCode: MET, month: month.value, scope: '' }, String(count.value), [
      category,
      'file_rows',
      count.value,
    ]);
  }
  await writer.finish();
}

export const policeUkMonthlyRowCountsLayouts: Layout[] = VARIANTS.map(makeLayout);
