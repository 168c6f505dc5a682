import { hasColumns, type Layout, type LoadContext } from '../layout.ts';
import { isIsoDate, parseCount, parseMonth } from '../fields.ts';
import { CategoryCatalogue } from '../shared/categoryCatalogue.ts';
import { SliceWriter } from '../sliceWriter.ts';
import { boroughCodesByName } from '../../db/repositories/areas.ts';
import { resolveDashboardArea } from './dashboardAreas.ts';
import { columnIndexes, rawColumn, settleExtractDate } from './mpsNames.ts';

const COLUMNS = [
  'month_year',
  'area_type',
  'borough_snt',
  'area_name',
  'area_code',
  'crime_type',
  'crime_subtype',
  'measure',
  'financial_year',
  'count',
  'refresh_date',
] as const;

/** The dashboard's measures, as stored in crime_count.measure. */
const MEASURES: ReadonlyMap<string, string> = new Map([
  ['offences', 'offences'],
  ['positive outcomes', 'positive_outcomes'],
]);

/**
 * The MPS monthly crime dashboard (knife crime): one row per month × area
 * (borough or safer neighbourhood team) × crime subtype × measure. Counts go
 * to crime_count under classification 'mps_dashboard', in slices of series
 * 'mps-dashboard', so the next refresh revises the months it repeats.
 */
export const knifeCrimeDashboardLayout: Layout = {
  id: 'mps-knife-crime-dashboard',
  description: 'MPS monthly crime dashboard (knife crime), long format with refresh_date',
  signature: COLUMNS,
  detect: (file) => hasColumns(file, COLUMNS),
  plan: () => ({ series: 'mps-dashboard', notes: 'extract date = the refresh_date in the file unless given' }),
  load: loadDashboard,
};

async function loadDashboard(baseCtx: LoadContext): Promise<void> {
  const col = columnIndexes(baseCtx, COLUMNS);
  let refreshDate: string | null = null;
  for await (const { cells } of baseCtx.dataRecords()) {
    refreshDate = (cells[col.refresh_date] ?? '').trim();
    break;
  }
  const ctx = await settleExtractDate(baseCtx, refreshDate !== null && isIsoDate(refreshDate) ? refreshDate : null);
  const boroughs = await boroughCodesByName(ctx.trx);
  const catalogue = new CategoryCatalogue(ctx.trx);
  const writer = new SliceWriter(ctx, 'crime_count', ['category_id', 'measure', 'value']);
  const teams = new Map<string, { name: string; parent: string }>();
  const seen = new Map<string, number>();
  const cell = (cells: string[], name: (typeof COLUMNS)[number]) => cells[col[name]] ?? '';
  const problem = (line: number, name: (typeof COLUMNS)[number], value: string, message: string) =>
    ctx.problems.add({ line, column: rawColumn(ctx, col[name]), value, message });

  for await (const { line, cells } of ctx.dataRecords()) {
    ctx.stats.rowsRead += 1;
    const month = parseMonth(rawColumn(ctx, col.month_year), cell(cells, 'month_year'));
    if (!month.ok) ctx.problems.add({ line, ...month.problem });
    const count = parseCount(rawColumn(ctx, col.count), cell(cells, 'count'));
    if (!count.ok) ctx.problems.add({ line, ...count.problem });
    const measure = MEASURES.get(cell(cells, 'measure').trim().toLowerCase());
    if (!measure) problem(line, 'measure', cell(cells, 'measure'), 'expected "Offences" or "Positive Outcomes"');
    const refresh = cell(cells, 'refresh_date').trim();
    if (refresh !== refreshDate || !isIsoDate(refresh)) {
      problem(
        line,
        'refresh_date',
        refresh,
        `every row must carry the same refresh date, a real YYYY-MM-DD date (the first row has ${JSON.stringify(refreshDate)})`,
      );
    }
    const crimeType = cell(cells, 'crime_type').trim();
    const subtype = cell(cells, 'crime_subtype').trim();
    if (crimeType === '') problem(line, 'crime_type', crimeType, 'the crime type is blank');
    if (subtype === '') problem(line, 'crime_subtype', subtype, 'the crime subtype is blank');
    if (month.ok && cell(cells, 'financial_year').trim() !== financialYearOf(month.value)) {
      problem(
        line,
        'financial_year',
        cell(cells, 'financial_year'),
        `month ${month.value.slice(0, 7)} is in ${financialYearOf(month.value)}`,
      );
    }
    const area = resolveDashboardArea(
      {
        areaType: cell(cells, 'area_type'),
        boroughSnt: cell(cells, 'borough_snt'),
        areaName: cell(cells, 'area_name'),
        areaCode: cell(cells, 'area_code'),
      },
      boroughs,
    );
    if (!area.ok) problem(line, area.column, area.value, area.message);
    if (!area.ok || !month.ok || !count.ok || !measure || crimeType === '' || subtype === '') continue;

    const duplicateKey = [
      month.value,
      cell(cells, 'area_type'),
      cell(cells, 'borough_snt'),
      cell(cells, 'area_name'),
      cell(cells, 'area_code'),
      crimeType,
      subtype,
      measure,
    ].join('\u0001');
    const firstLine = seen.get(duplicateKey);
    if (firstLine !== undefined) {
      ctx.problems.add({
        line,
        column: null,
        value: `${cell(cells, 'area_name')} / ${subtype} / ${cell(cells, 'measure')}`,
        message: `duplicate row: the same month, area, subtype and measure as line ${firstLine}`,
      });
      continue;
    }
    seen.set(duplicateKey, line);
    if (area.snt && !teams.has(area.code)) teams.set(area.code, area.snt);
    const categoryId = await catalogue.idFor('mps_dashboard', crimeType, subtype);
    // Two published rows can land in one area (e.g. "N/K (Legacy Only)" and blank, both not known): stored side by side, they add up.
    await writer.add(
      { areaCode: area.code, month: month.value, scope: '' },
      `${categoryId}|${measure}|${count.value}`,
      [categoryId, measure, count.value],
    );
  }
  if (ctx.problems.any) return;
  await insertTeams(ctx, teams);
  await writer.finish();
}

/** 'fy24-25' for any month from April 2024 to March 2025. */
export function financialYearOf(month: string): string {
  const year = Number(month.slice(0, 4));
  const start = Number(month.slice(5, 7)) >= 4 ? year : year - 1;
  const yy = (n: number) => String(n % 100).padStart(2, '0');
  return `fy${yy(start)}-${yy(start + 1)}`;
}

async function insertTeams(ctx: LoadContext, teams: Map<string, { name: string; parent: string }>): Promise<void> {
  const rows = [...teams].map(([code, t]) => ({
    code,
    name: t.name,
    type: 'snt' as const,
    vintage: '',
    parent_code: t.parent,
    batch_id: ctx.batchId,
  }));
  for (let i = 0; i < rows.length; i += 1000) {
    await ctx.trx
      .insertInto('area')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  }
}
