import type { CopyValue } from '../../db/copy.ts';
import { isIsoDate, parseGssCode, parseMonth, parseUkPoint, type Parsed } from '../fields.ts';
import { hasColumns, type Layout, type LoadContext } from '../layout.ts';
import { SliceWriter } from '../sliceWriter.ts';
import { cellAt, locateColumns } from './columns.ts';
import { stopSearchForce } from './forces.ts';
import { memoisedField } from './memoisedField.ts';

const STOP_SEARCH_COLUMNS = {
  type: 'type',
  date: 'date',
  partOfOperation: 'part of a policing operation',
  operation: 'policing operation',
  latitude: 'latitude',
  longitude: 'longitude',
  gender: 'gender',
  ageRange: 'age range',
  selfDefinedEthnicity: 'self-defined ethnicity',
  officerDefinedEthnicity: 'officer-defined ethnicity',
  legislation: 'legislation',
  objectOfSearch: 'object of search',
  outcome: 'outcome',
  outcomeLinked: 'outcome linked to object of search',
  removal: 'removal of more than just outer clothing',
  // Optional columns added by the point-in-polygon extracts.
  sourceFileMonth: 'source file month',
  lsoa21Code: 'lsoa21cd (point-in-polygon)',
  lsoa21Name: 'lsoa21nm (point-in-polygon)',
} as const;

const REQUIRED = Object.values(STOP_SEARCH_COLUMNS).slice(0, 15);

/**
 * The data.police.uk stop-and-search CSV (15 columns), with or without the
 * three added columns (source file month, LSOA 2021 code and name by
 * point-in-polygon). The file does not name the force: it comes from a
 * data.police.uk download name, else the Metropolitan Police Service is
 * assumed (see forces.ts). Slices: LSOA 2021 (or '') × month of Date × force.
 */
export const policeUkStopSearchLayout: Layout = {
  id: 'police-uk-stop-search',
  description: 'data.police.uk stop-and-search CSV (Type, Date, … Removal of more than just outer clothing)',
  signature: REQUIRED,
  detect: (file) => hasColumns(file, REQUIRED),
  plan: (file) => {
    const { force, fromFileName } = stopSearchForce(file.label);
    return {
      series: 'police-uk-stop-search',
      notes: `force: ${force} (${fromFileName ? 'from the file name' : 'assumed: the file does not name its force'}); extract date is the import date unless --extract-date is given`,
    };
  },
  load: loadStopSearch,
};

/** ISO date-time as published, e.g. 2016-06-01T12:10:00+00:00 (seconds, zone optional). */
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

function parseSearchDate(column: string, value: string): Parsed<{ at: string; month: string }> {
  const m = DATE_TIME.exec(value.trim());
  const bad = (message: string): Parsed<never> => ({ ok: false, problem: { column, value, message } });
  if (!m) return bad('not a date and time (expected e.g. 2016-06-01T12:10:00+00:00)');
  const month = parseMonth(column, m[1]!);
  if (!month.ok) return month;
  if (!isIsoDate(m[1]!)) return bad('impossible date');
  if (m[2] !== undefined && (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59))
    return bad('impossible time');
  // A time without a zone is UK local time as published; PostgreSQL reads it with the session zone, so pin it.
  const at = m[2] === undefined ? `${m[1]}T00:00:00Z` : m[5] === undefined ? `${value.trim()}Z` : value.trim();
  return { ok: true, value: { at, month: month.value } };
}

function parseFlag(column: string, value: string): Parsed<boolean | null> {
  const t = value.trim().toLowerCase();
  if (t === '') return { ok: true, value: null };
  if (t === 'true') return { ok: true, value: true };
  if (t === 'false') return { ok: true, value: false };
  return { ok: false, problem: { column, value, message: 'expected True, False or blank' } };
}

async function loadStopSearch(ctx: LoadContext): Promise<void> {
  const { index, name } = locateColumns(ctx.file, STOP_SEARCH_COLUMNS);
  const { force } = stopSearchForce(ctx.file.label);
  const writer = new SliceWriter(ctx, 'police_uk_stop_search', [
    'force',
    'search_type',
    'searched_at',
    'month',
    'part_of_policing_operation',
    'policing_operation',
    'latitude',
    'longitude',
    'gender',
    'age_range',
    'self_defined_ethnicity',
    'officer_defined_ethnicity',
    'legislation',
    'object_of_search',
    'outcome',
    'outcome_linked_to_object',
    'removal_of_outer_clothing',
    'source_file_month',
    'lsoa21_code',
    'lsoa21_name',
  ]);
  const lsoaOf = memoisedField((v) => parseGssCode(name.lsoa21Code, v, ['E01', 'W01']));
  const sourceMonthOf = memoisedField((v) => parseMonth(name.sourceFileMonth, v));
  for await (const { line, cells } of ctx.dataRecords()) {
    ctx.stats.rowsRead += 1;
    const cell = (key: keyof typeof STOP_SEARCH_COLUMNS) => cellAt(cells, index[key]);
    const report = (p: Parsed<unknown>) => {
      if (!p.ok) ctx.problems.add({ line, ...p.problem });
    };
    const date = parseSearchDate(name.date, cell('date'));
    report(date);
    const lat = cell('latitude').trim();
    const lon = cell('longitude').trim();
    const point = parseUkPoint(name.latitude, lat, name.longitude, lon);
    report(point);
    const flags = [
      parseFlag(name.partOfOperation, cell('partOfOperation')),
      parseFlag(name.outcomeLinked, cell('outcomeLinked')),
      parseFlag(name.removal, cell('removal')),
    ];
    flags.forEach(report);
    const lsoaText = cell('lsoa21Code').trim();
    const lsoa = lsoaText === '' ? null : lsoaOf(lsoaText);
    if (lsoa) report(lsoa);
    const sourceText = cell('sourceFileMonth').trim();
    const sourceMonth = sourceText === '' ? null : sourceMonthOf(sourceText);
    if (sourceMonth) report(sourceMonth);
    if (ctx.problems.any || !date.ok) continue;
    const flag = (i: number) => {
      const f = flags[i]!;
      return f.ok ? f.value : null;
    };
    const lsoaCode = lsoa?.ok ? lsoa.value : null;
    const hasPoint = point.ok && point.value !== null;
    const row: CopyValue[] = [
      force,
      cell('type').trim(),
      date.value.at,
      date.value.month,
      flag(0),
      cell('operation'),
      hasPoint ? lat : null,
      hasPoint ? lon : null,
      cell('gender'),
      cell('ageRange'),
      cell('selfDefinedEthnicity'),
      cell('officerDefinedEthnicity'),
      cell('legislation'),
      cell('objectOfSearch'),
      cell('outcome'),
      flag(1),
      flag(2),
      sourceMonth?.ok ? sourceMonth.value : null,
      lsoaCode,
      lsoaCode === null ? null : cell('lsoa21Name'),
    ];
    await writer.add({ areaCode: lsoaCode ?? '', month: date.value.month, scope: force }, row.join('\u001f'), row);
  }
  if (ctx.problems.any) return;
  await writer.finish();
}
