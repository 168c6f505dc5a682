import { hasColumns, type FileInfo, type Layout, type LoadContext } from '../layout.ts';
import { monthAfter, parseCount, parseGssCode, parseMonth } from '../fields.ts';
import { CategoryCatalogue } from '../shared/categoryCatalogue.ts';
import { SliceWriter } from '../sliceWriter.ts';
import { boroughCodesByName } from '../../db/repositories/areas.ts';
import { classifyMajors } from './mpsClassification.ts';
import { partialEdgeMonthDetails } from './partialEdgeMonths.ts';
import { resolveBoroughName } from './mpsNames.ts';

/**
 * MPS London Datastore crime counts: one row per area × major × minor
 * category, one column per month (YYYYMM). Borough, ward and LSOA files share
 * the shape; header spelling, case and column order vary by vintage.
 */
interface WideVariant {
  id: string;
  level: 'borough' | 'ward' | 'lsoa';
  description: string;
  /** Alternative spellings of each role, normalised. */
  columns: { major: string[]; minor: string[]; area: string[]; areaName?: string[]; borough?: string[] };
}

const VARIANTS: WideVariant[] = [
  {
    id: 'mps-borough-wide',
    level: 'borough',
    description: 'MPS borough-level crime, months as YYYYMM columns (any vintage)',
    columns: {
      major: ['majortext', 'major category'],
      minor: ['minortext', 'minor category'],
      area: ['boroughname', 'borough'],
    },
  },
  {
    id: 'mps-ward-wide',
    level: 'ward',
    description: 'MPS ward-level crime, months as YYYYMM columns',
    columns: {
      major: ['majortext'],
      minor: ['minortext'],
      area: ['wardcode'],
      areaName: ['wardname'],
      borough: ['lookup_boroughname'],
    },
  },
  {
    id: 'mps-lsoa-wide',
    level: 'lsoa',
    description: 'MPS LSOA (2021) crime, months as YYYYMM columns',
    columns: {
      major: ['major_category'],
      minor: ['minor_category'],
      area: ['lsoa_code'],
      areaName: ['lsoa_name'],
      borough: ['borough'],
    },
  },
];

const MONTH_COLUMN = /^\d{6}$/;

function findColumn(header: readonly string[], names: readonly string[] | undefined): number {
  if (!names) return -1;
  return header.findIndex((h) => names.includes(h));
}

function monthColumns(file: FileInfo): { index: number; raw: string }[] {
  return (file.header ?? []).flatMap((h, index) => (MONTH_COLUMN.test(h) ? [{ index, raw: h }] : []));
}

function makeLayout(variant: WideVariant): Layout {
  const roles = Object.values(variant.columns) as string[][];
  return {
    id: variant.id,
    description: variant.description,
    signature: roles.map((names) => names[0]!),
    detect: (file) =>
      file.header !== null &&
      roles.every((names) => findColumn(file.header!, names) >= 0) &&
      monthColumns(file).length > 0 &&
      // The borough variant must not claim ward/LSOA files, which also carry a borough column.
      (variant.level !== 'borough' || (!hasColumns(file, ['wardcode']) && !hasColumns(file, ['lsoa_code']))),
    plan: (file) => {
      const months = monthColumns(file)
        .map((m) => m.raw)
        .sort();
      const last = months[months.length - 1];
      const lastMonth = last ? parseMonth('month', last) : null;
      return {
        series: `mps-${variant.level}`,
        extractDate: lastMonth?.ok ? monthAfter(lastMonth.value) : undefined,
        notes: 'extract date inferred as the month after the last month column unless given',
      };
    },
    load: (ctx) => loadWide(ctx, variant),
  };
}

async function loadWide(ctx: LoadContext, variant: WideVariant): Promise<void> {
  const header = ctx.file.header!;
  const col = {
    major: findColumn(header, variant.columns.major),
    minor: findColumn(header, variant.columns.minor),
    area: findColumn(header, variant.columns.area),
    areaName: findColumn(header, variant.columns.areaName),
    borough: findColumn(header, variant.columns.borough),
  };
  const months: { index: number; month: string; raw: string }[] = [];
  for (const m of monthColumns(ctx.file)) {
    const parsed = parseMonth(ctx.file.rawHeader![m.index]!, m.raw);
    if (parsed.ok) months.push({ index: m.index, month: parsed.value, raw: ctx.file.rawHeader![m.index]! });
    else ctx.problems.add({ line: 1, ...parsed.problem });
  }
  // The classification is a property of the whole file (see mpsClassification.ts): one pass over the majors first.
  // The same pass totals each month, to find a stub first or last month (see partialEdgeMonths.ts).
  const majors = new Set<string>();
  const totals = new Map<string, number>(months.map((m) => [m.month, 0]));
  for await (const record of ctx.dataRecords()) {
    majors.add(record.cells[col.major] ?? '');
    for (const m of months) totals.set(m.month, totals.get(m.month)! + (Number(record.cells[m.index]) || 0));
  }
  const classification = classifyMajors(majors);
  const series = `${ctx.series}/${classification}`;
  // Months left out are stored on the batch as well as in its notes: `safer import` reports them and figures over them say so.
  const partial = partialEdgeMonthDetails(totals);
  const notes = partial.map(
    (p) => `partial month ${p.month} not imported: ${p.offences} offences against a median month of ${p.medianMonth}`,
  );
  const leftOut = new Set(partial.map((p) => p.month));
  if (partial.length > 0) months.splice(0, months.length, ...months.filter((m) => !leftOut.has(m.month.slice(0, 7))));
  const batch = await ctx.trx
    .selectFrom('import_batch')
    .select('notes')
    .where('id', '=', ctx.batchId)
    .executeTakeFirstOrThrow();
  const allNotes = [batch.notes, ...notes].filter((n): n is string => Boolean(n)).join('; ');
  await ctx.trx
    .updateTable('import_batch')
    .set({ series, notes: allNotes || null, partial_months: partial.length > 0 ? JSON.stringify(partial) : null })
    .where('id', '=', ctx.batchId)
    .execute();

  const boroughs = await boroughCodesByName(ctx.trx);
  const catalogue = new CategoryCatalogue(ctx.trx);
  const writer = new SliceWriter({ ...ctx, series }, 'crime_count', ['category_id', 'measure', 'value']);
  const seen = new Map<string, number>();
  const areas = new Map<string, { name: string; parent: string | null }>();

  for await (const { line, cells } of ctx.dataRecords()) {
    ctx.stats.rowsRead += 1;
    const rawArea = (cells[col.area] ?? '').trim();
    let areaCode: string | null = null;
    let parent: string | null = null;
    if (variant.level === 'borough') {
      areaCode = resolveBoroughName(boroughs, rawArea);
      if (!areaCode)
        ctx.problems.add({
          line,
          column: ctx.file.rawHeader![col.area]!,
          value: rawArea,
          message: 'not a London borough name Safer knows',
        });
    } else {
      parent = parentBorough(ctx, variant, cells[col.borough] ?? '', boroughs, line);
      const code = parseGssCode(ctx.file.rawHeader![col.area]!, rawArea, [variant.level === 'ward' ? 'E05' : 'E01']);
      if (code.ok) areaCode = wardUnderPseudoBorough(code.value, parent);
      else ctx.problems.add({ line, ...code.problem });
    }
    const major = cells[col.major] ?? '';
    const minor = cells[col.minor] ?? '';
    if (major.trim() === '')
      ctx.problems.add({
        line,
        column: ctx.file.rawHeader![col.major]!,
        value: major,
        message: 'the major category is blank',
      });
    if (!areaCode) continue;
    const duplicateKey = `${areaCode}|${major.trim().toUpperCase()}|${minor.trim().toUpperCase()}`;
    const firstLine = seen.get(duplicateKey);
    if (firstLine !== undefined) {
      ctx.problems.add({
        line,
        column: null,
        value: `${rawArea} / ${major} / ${minor}`,
        message: `duplicate row: the same area and category as line ${firstLine}`,
      });
      continue;
    }
    seen.set(duplicateKey, line);
    if (variant.level !== 'borough' && !areas.has(areaCode)) {
      const name = (cells[col.areaName] ?? areaCode).trim();
      areas.set(areaCode, {
        name: areaCode === rawArea.toUpperCase() ? name : `${name} (${(cells[col.borough] ?? '').trim()})`,
        parent,
      });
    }
    const categoryId = await catalogue.idFor(classification, major, minor);
    for (const m of months) {
      const raw = cells[m.index] ?? '';
      const count = parseCount(m.raw, raw);
      if (!count.ok) {
        ctx.problems.add({ line, ...count.problem });
        continue;
      }
      // Zeros are not stored: within a stored slice, a missing category means none.
      if (count.value === 0) {
        await writer.touch({ areaCode, month: m.month, scope: '' });
        continue;
      }
      await writer.add({ areaCode, month: m.month, scope: '' }, `${categoryId}|${count.value}`, [
        categoryId,
        'offences',
        count.value,
      ]);
    }
  }
  if (ctx.problems.any) return;
  await upsertAreas(ctx, variant.level, areas);
  await writer.finish();
}

/** The borough a ward or LSOA row names: a name (ward files) or an E09 code (LSOA files); null, with a problem, when unknown. */
function parentBorough(
  ctx: LoadContext,
  variant: WideVariant,
  raw: string,
  boroughs: ReadonlyMap<string, string>,
  line: number,
): string | null {
  const column = ctx.file.rawHeader![findColumn(ctx.file.header!, variant.columns.borough)]!;
  if (variant.level === 'lsoa') {
    const code = parseGssCode(column, raw, ['E09']);
    if (code.ok) return code.value;
    ctx.problems.add({ line, ...code.problem });
    return null;
  }
  const code = resolveBoroughName(boroughs, raw);
  if (!code) ctx.problems.add({ line, column, value: raw, message: 'not a London borough name Safer knows' });
  return code;
}

/**
 * Ward files count some wards twice: once under their borough and once under
 * a pseudo-borough such as "Aviation Security (SO18)" (Heathrow Villages).
 * The pseudo-borough's share is its own area, 'MPS-SO18/E05013570', whose
 * parent is the pseudo-borough, so it is kept and never added to the borough.
 */
export function wardUnderPseudoBorough(wardCode: string, parent: string | null): string {
  return parent !== null && !parent.startsWith('E09') ? `${parent}/${wardCode}` : wardCode;
}

async function upsertAreas(
  ctx: LoadContext,
  level: 'borough' | 'ward' | 'lsoa',
  areas: Map<string, { name: string; parent: string | null }>,
): Promise<void> {
  if (level === 'borough' || areas.size === 0) return;
  const rows = [...areas].map(([code, a]) => ({
    code,
    name: a.name,
    type: level,
    vintage: level === 'lsoa' ? '2021' : '',
    parent_code: a.parent,
    batch_id: ctx.batchId,
  }));
  for (let i = 0; i < rows.length; i += 1000) {
    await ctx.trx
      .insertInto('area')
      .values(rows.slice(i, i + 1000))
      .onConflict((oc) =>
        oc
          .column('code')
          .doUpdateSet((eb) => ({ parent_code: eb.fn.coalesce('area.parent_code', eb.ref('excluded.parent_code')) })),
      )
      .execute();
  }
}

export const mpsWideLayouts: Layout[] = VARIANTS.map(makeLayout);
