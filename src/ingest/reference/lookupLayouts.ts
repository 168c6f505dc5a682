import { parseGssCode } from '../fields.ts';
import type { FileInfo, Layout, LoadContext } from '../layout.ts';
import { AreaWriter } from './areaWriter.ts';
import { columnName, findColumn, FirstSeen, take } from './referenceFields.ts';
import { ReplacingWriter } from './replacingWriter.ts';

/**
 * ONS lookups (Open Geography Portal CSVs; the first column carries a BOM,
 * which the reader strips). Each gives both the edges between areas and the
 * areas themselves, with names and the local authority each lies in.
 */

const LSOA = ['E01', 'W01'];
const LAD = ['E06', 'E07', 'E08', 'E09', 'W06'];
const CHANGES = new Set(['U', 'S', 'M', 'X']);

/** The two-digit year of the first header like `lad22cd`, or null. */
function yearOf(file: FileInfo, pattern: RegExp): string | null {
  for (const h of file.header ?? []) {
    const m = pattern.exec(h);
    if (m) return m[1]!;
  }
  return null;
}

const lookupColumns = ['lsoa11nm', 'lsoa21cd', 'lsoa21nm', 'chgind'];

export const lsoa11To21Lookup: Layout = {
  id: 'ons-lookup-lsoa11-lsoa21-lad',
  description: 'ONS LSOA (2011) to LSOA (2021) to local authority lookup, with change indicator',
  signature: ['f_lsoa11cd', ...lookupColumns, 'lad22cd'],
  detect: (file) =>
    findColumn(file, ['f_lsoa11cd', 'lsoa11cd']) >= 0 &&
    lookupColumns.every((c) => findColumn(file, [c]) >= 0) &&
    yearOf(file, /^lad(\d\d)cd$/) !== null,
  plan: () => ({
    series: 'reference/lookup-lsoa11-lsoa21',
    owningAgency: 'ons',
    notes: 'ONS Open Geography Portal; OGL v3.0',
  }),
  load: loadLsoa11To21,
};

async function loadLsoa11To21(ctx: LoadContext): Promise<void> {
  const file = ctx.file;
  const lad = yearOf(file, /^lad(\d\d)cd$/)!;
  const col = {
    from: findColumn(file, ['f_lsoa11cd', 'lsoa11cd']),
    fromName: findColumn(file, ['lsoa11nm']),
    to: findColumn(file, ['lsoa21cd']),
    toName: findColumn(file, ['lsoa21nm']),
    change: findColumn(file, ['chgind']),
    lad: findColumn(file, [`lad${lad}cd`]),
  };
  const lookups = new ReplacingWriter(ctx, 'area_lookup', ['relation', 'from_code', 'to_code', 'change'], 2);
  const areas = new AreaWriter(ctx);
  const pairs = new FirstSeen();
  const edges = new Set<string>();
  const toLad = `lsoa11_to_lad${lad}`;
  const newToLad = `lsoa21_to_lad${lad}`;
  for await (const { line, cells } of ctx.dataRecords()) {
    ctx.stats.rowsRead += 1;
    const from = take(ctx, line, parseGssCode(columnName(file, col.from), cells[col.from] ?? '', LSOA));
    const to = take(ctx, line, parseGssCode(columnName(file, col.to), cells[col.to] ?? '', LSOA));
    const parent = take(ctx, line, parseGssCode(columnName(file, col.lad), cells[col.lad] ?? '', LAD));
    const change = (cells[col.change] ?? '').trim().toUpperCase();
    if (!CHANGES.has(change)) {
      ctx.problems.add({
        line,
        column: columnName(file, col.change),
        value: cells[col.change] ?? '',
        message: 'the change indicator must be U, S, M or X',
      });
      continue;
    }
    if (!from || !to || !parent) continue;
    const first = pairs.check(`${from}|${to}`, line);
    if (first !== undefined) {
      ctx.problems.add({
        line,
        column: null,
        value: `${from} → ${to}`,
        message: `duplicate row: the same pair as line ${first}`,
      });
      continue;
    }
    areas.offerFirst({
      code: from,
      type: 'lsoa',
      vintage: '2011',
      name: (cells[col.fromName] ?? '').trim(),
      parentCode: parent,
    });
    const offered = areas.offer({
      code: to,
      type: 'lsoa',
      vintage: '2021',
      name: (cells[col.toName] ?? '').trim(),
      parentCode: parent,
    });
    if (!offered.ok) {
      ctx.problems.add({
        line,
        column: columnName(file, col.lad),
        value: parent,
        message: `LSOA ${to} was in ${offered.previousParent} on an earlier line`,
      });
      continue;
    }
    await lookups.add(['lsoa11_to_lsoa21', from, to, change]);
    for (const [relation, a, b] of [
      [toLad, from, parent],
      [newToLad, to, parent],
    ] as const) {
      const key = `${relation}|${a}|${b}`;
      if (edges.has(key)) continue;
      edges.add(key);
      await lookups.add([relation, a, b, null]);
    }
  }
  await areas.finish();
  await lookups.finish();
}

const wardColumns = ['lsoa21cd', 'lsoa21nm'];

export const lsoa21ToWardLookup: Layout = {
  id: 'ons-lookup-lsoa21-ward-lad',
  description: 'ONS LSOA (2021) to electoral ward to local authority best-fit lookup',
  signature: [...wardColumns, 'wd25cd', 'wd25nm', 'lad25cd'],
  detect: (file) =>
    wardColumns.every((c) => findColumn(file, [c]) >= 0) &&
    yearOf(file, /^wd(\d\d)cd$/) !== null &&
    yearOf(file, /^lad(\d\d)cd$/) !== null,
  plan: () => ({
    series: 'reference/lookup-lsoa21-ward',
    owningAgency: 'ons',
    notes: 'ONS Open Geography Portal; OGL v3.0',
  }),
  load: loadLsoa21ToWard,
};

async function loadLsoa21ToWard(ctx: LoadContext): Promise<void> {
  const file = ctx.file;
  const wd = yearOf(file, /^wd(\d\d)cd$/)!;
  const lad = yearOf(file, /^lad(\d\d)cd$/)!;
  const col = {
    lsoa: findColumn(file, ['lsoa21cd']),
    lsoaName: findColumn(file, ['lsoa21nm']),
    ward: findColumn(file, [`wd${wd}cd`]),
    wardName: findColumn(file, [`wd${wd}nm`]),
    lad: findColumn(file, [`lad${lad}cd`]),
  };
  const lookups = new ReplacingWriter(ctx, 'area_lookup', ['relation', 'from_code', 'to_code', 'change'], 2);
  const areas = new AreaWriter(ctx);
  const lsoas = new FirstSeen();
  const wardsLinked = new Set<string>();
  const wardVintage = `20${wd}`;
  for await (const { line, cells } of ctx.dataRecords()) {
    ctx.stats.rowsRead += 1;
    const lsoa = take(ctx, line, parseGssCode(columnName(file, col.lsoa), cells[col.lsoa] ?? '', LSOA));
    const ward = take(ctx, line, parseGssCode(columnName(file, col.ward), cells[col.ward] ?? '', ['E05', 'W05']));
    const parent = take(ctx, line, parseGssCode(columnName(file, col.lad), cells[col.lad] ?? '', LAD));
    if (!lsoa || !ward || !parent) continue;
    const first = lsoas.check(lsoa, line);
    if (first !== undefined) {
      ctx.problems.add({
        line,
        column: columnName(file, col.lsoa),
        value: lsoa,
        message: `duplicate row: a best-fit lookup lists each LSOA once, and this one is on line ${first}`,
      });
      continue;
    }
    const wardName = col.wardName >= 0 ? (cells[col.wardName] ?? '').trim() : ward;
    const offered = areas.offer({ code: ward, type: 'ward', vintage: wardVintage, name: wardName, parentCode: parent });
    if (!offered.ok) {
      ctx.problems.add({
        line,
        column: columnName(file, col.lad),
        value: parent,
        message: `ward ${ward} was in ${offered.previousParent} on an earlier line`,
      });
      continue;
    }
    areas.offer({
      code: lsoa,
      type: 'lsoa',
      vintage: '2021',
      name: (cells[col.lsoaName] ?? '').trim(),
      parentCode: parent,
    });
    await lookups.add([`lsoa21_to_ward${wd}`, lsoa, ward, null]);
    await lookups.add([`lsoa21_to_lad${lad}`, lsoa, parent, null]);
    if (!wardsLinked.has(ward)) {
      wardsLinked.add(ward);
      await lookups.add([`ward${wd}_to_lad${lad}`, ward, parent, null]);
    }
  }
  await areas.finish();
  await lookups.finish();
}

export const lookupLayouts: Layout[] = [lsoa11To21Lookup, lsoa21ToWardLookup];
