import { hasColumns, type Layout, type LoadContext } from '../layout.ts';
import { isIsoDate, monthAfter, parseCount, parseMonth, type Parsed } from '../fields.ts';
import { SliceWriter } from '../sliceWriter.ts';
import { boroughCodesByName } from '../../db/repositories/areas.ts';
import { columnIndexes, laterMonth, rawColumn, resolveBoroughName, settleExtractDate } from './mpsNames.ts';

/** The Metropolitan Police force area: where London-wide sheets (no borough) are counted. */
export const MPS_FORCE_AREA = 'E23000001';

const COMMON = [
  'bcu_location',
  'borough_name',
  'ward_name_clean_2',
  'recorded_date_months',
  'date_committed_from_date_months',
  'count',
  'sheet',
] as const;

interface VawgVariant {
  id: string;
  series: string;
  table: 'mps_vawg_offence_count' | 'mps_vawg_victim_count';
  /** Publisher column → table column, for the dimensions only this file has. */
  dimensions: readonly (readonly [string, string])[];
  /** Known sheets (lower case): whether they are by location, and which dimensions every row of the sheet must fill. */
  sheets: ReadonlyMap<string, { byLocation: boolean; requires: readonly string[] }>;
  description: string;
}

const VARIANTS: VawgVariant[] = [
  {
    id: 'mps-vawg-offences',
    series: 'mps-vawg-offences',
    table: 'mps_vawg_offence_count',
    dimensions: [
      ['crimsec_group', 'crimsec_group'],
      ['crimseccodeexpansion', 'crimsec_code_expansion'],
      ['crimsec_offences', 'crimsec_offence'],
      ['vawg_offence', 'vawg_offence'],
    ],
    sheets: new Map([
      ['offence count location', { byLocation: true, requires: [] }],
      [
        'offence count classification',
        { byLocation: false, requires: ['crimsec_group', 'crimseccodeexpansion', 'crimsec_offences', 'vawg_offence'] },
      ],
    ]),
    description: 'MPS violence against women and girls: offence counts by BCU, borough, ward, month and offence group',
  },
  {
    id: 'mps-vawg-victims',
    series: 'mps-vawg-victims',
    table: 'mps_vawg_victim_count',
    dimensions: [
      ['age_group', 'age_group'],
      ['ethnic_appearance_group_group', 'ethnic_group'],
    ],
    sheets: new Map([
      ['victim count by location', { byLocation: true, requires: [] }],
      ['victim count by age group', { byLocation: false, requires: ['age_group'] }],
      ['victim count by ethnic group', { byLocation: false, requires: ['ethnic_appearance_group_group'] }],
    ]),
    description:
      'MPS violence against women and girls: victim counts by BCU, borough, ward, month, age group and ethnicity',
  },
];

/**
 * MPS VAWG files: long format, one row per count. Location sheets count by
 * borough and ward name; the other sheets are London-wide breakdowns (offence
 * group, victim age, ethnicity) and are counted in the MPS force area.
 * Slices: area = borough (or force area), month = recorded month, scope = sheet.
 */
function makeVawgLayout(variant: VawgVariant): Layout {
  const signature = [...COMMON, ...variant.dimensions.map(([c]) => c)];
  return {
    id: variant.id,
    description: variant.description,
    signature,
    detect: (file) => hasColumns(file, signature),
    plan: () => ({
      series: variant.series,
      notes: 'extract date inferred as the month after the last recorded month unless given',
    }),
    load: (ctx) => loadVawg(ctx, variant, signature),
  };
}

async function loadVawg(baseCtx: LoadContext, variant: VawgVariant, signature: readonly string[]): Promise<void> {
  const col = columnIndexes(baseCtx, signature);
  let last: string | null = null;
  for await (const { cells } of baseCtx.dataRecords()) {
    const m = parseMonth('', cells[col.recorded_date_months!] ?? '');
    if (m.ok) last = laterMonth(last, m.value);
  }
  const ctx = await settleExtractDate(baseCtx, last === null ? null : monthAfter(last));
  const boroughs = await boroughCodesByName(ctx.trx);
  const writer = new SliceWriter(ctx, variant.table, [
    'bcu',
    'ward_name',
    'committed_month',
    ...variant.dimensions.map(([, t]) => t),
    'value',
  ]);
  const seen = new Map<string, number>();
  const cell = (cells: string[], name: string) => (cells[col[name]!] ?? '').trim();
  const orNull = (s: string) => (s === '' ? null : s);

  for await (const { line, cells } of ctx.dataRecords()) {
    ctx.stats.rowsRead += 1;
    const problem = (name: string, value: string, message: string) =>
      ctx.problems.add({ line, column: rawColumn(ctx, col[name]!), value, message });
    const sheetName = cell(cells, 'sheet');
    const sheet = variant.sheets.get(sheetName.toLowerCase());
    if (!sheet)
      problem(
        'sheet',
        sheetName,
        `not a sheet Safer knows for ${variant.id} (known: ${[...variant.sheets.keys()].join(', ')})`,
      );
    const recorded = parseMonth(rawColumn(ctx, col.recorded_date_months!), cell(cells, 'recorded_date_months'));
    if (!recorded.ok) ctx.problems.add({ line, ...recorded.problem });
    const committedText = cell(cells, 'date_committed_from_date_months');
    const committed =
      committedText === ''
        ? null
        : parseHistoricMonth(rawColumn(ctx, col.date_committed_from_date_months!), committedText);
    if (committed && !committed.ok) ctx.problems.add({ line, ...committed.problem });
    const count = parseCount(rawColumn(ctx, col.count!), cell(cells, 'count'));
    if (!count.ok) ctx.problems.add({ line, ...count.problem });
    const boroughName = cell(cells, 'borough_name');
    let area: string | null = MPS_FORCE_AREA;
    if (boroughName !== '') {
      area = resolveBoroughName(boroughs, boroughName);
      if (!area) problem('borough_name', boroughName, 'not a London borough or MPS area name Safer knows');
    } else if (sheet?.byLocation) {
      area = null;
      problem('borough_name', boroughName, 'the borough is blank on a sheet counted by location');
    }
    for (const required of sheet?.requires ?? []) {
      if (cell(cells, required) === '') problem(required, '', `the ${required} is blank on sheet "${sheetName}"`);
    }
    if (!sheet || !recorded.ok || (committed && !committed.ok) || !count.ok || !area) continue;

    const dims = variant.dimensions.map(([c]) => orNull(cell(cells, c)));
    const row = [
      orNull(cell(cells, 'bcu_location')),
      orNull(cell(cells, 'ward_name_clean_2')),
      committed?.value ?? null,
      ...dims,
    ];
    const identity = JSON.stringify(row);
    const duplicateKey = `${area}|${recorded.value}|${sheetName}|${identity}`;
    const firstLine = seen.get(duplicateKey);
    if (firstLine !== undefined) {
      ctx.problems.add({
        line,
        column: null,
        value: null,
        message: `duplicate row: the same sheet, area, months and groups as line ${firstLine}`,
      });
      continue;
    }
    seen.set(duplicateKey, line);
    await writer.add({ areaCode: area, month: recorded.value, scope: sheetName }, `${identity}|${count.value}`, [
      ...row,
      count.value,
    ]);
  }
  if (ctx.problems.any) return;
  await writer.finish();
}

/**
 * The month an offence was committed: VAWG files include historic offences
 * reported decades later (back to 1900, which the MPS also uses when the date
 * is not known), so years from 1900 are accepted.
 */
export function parseHistoricMonth(column: string, value: string): Parsed<string> {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value.trim());
  const fail = (message: string): Parsed<string> => ({ ok: false, problem: { column, value, message } });
  if (!m) return fail('not a month (expected YYYY-MM-DD)');
  const month = Number(m[2]);
  if (month < 1 || month > 12) return fail(`impossible month ${month}`);
  if (Number(m[1]) < 1900 || Number(m[1]) > 2100) return fail(`year ${m[1]} is out of range`);
  if (m[3] !== undefined && !isIsoDate(`${m[1]}-${m[2]}-${m[3]}`)) return fail('impossible date');
  return { ok: true, value: `${m[1]}-${m[2]}-01` };
}

export const vawgLayouts: Layout[] = VARIANTS.map(makeVawgLayout);
