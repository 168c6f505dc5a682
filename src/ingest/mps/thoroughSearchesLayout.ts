import type { CopyValue } from '../../db/copy.ts';
import { hasColumns, type Layout, type LoadContext } from '../layout.ts';
import { isIsoDate, monthAfter } from '../fields.ts';
import type { Problem } from '../problems.ts';
import { SliceWriter } from '../sliceWriter.ts';
import { boroughCodesByName } from '../../db/repositories/areas.ts';
import { laterMonth, resolveBoroughName, settleExtractDate } from './mpsNames.ts';

const REQUIRED = [
  'stop_date',
  'area',
  'borough',
  'age_group',
  'sex',
  'ethnic_appearance',
  'stop_reason',
  'outcome_reason',
  'sheet',
] as const;
/**
 * The file stacks three publications, each spelling the outcome column its
 * own way; which one a row fills says which publication it came from. The
 * publications overlap in time (2019-01..2022-08, 2019-01..2024-01,
 * 2022-04..2026-02) and repeat the same searches, so each is kept as its own
 * slice scope and only the latest counts (view mps_thorough_search_current).
 */
const OUTCOME_COLUMNS = ['positive_outcome_of_stop', 'postive_outcome_of_stop', 'positve_outcome'] as const;
const ADULT_COLUMNS = ['appropriate_adult_present', 'approporiate_adult_present_if_required?'] as const;

export const thoroughSearchesLayout: Layout = {
  id: 'mps-thorough-searches',
  description:
    "MPS more thorough searches (one row per search), with the publisher's misspelt duplicate outcome columns",
  signature: [...REQUIRED, 'positive_outcome_of_stop'],
  detect: (file) => hasColumns(file, REQUIRED) && OUTCOME_COLUMNS.some((c) => hasColumns(file, [c])),
  plan: () => ({
    series: 'mps-thorough-searches',
    notes: 'each publication in the file gets the month after its last stop month as its extract date',
  }),
  load: loadSearches,
};

interface ParsedSearch {
  publication: string;
  areaCode: string;
  month: string;
  row: CopyValue[];
}

async function loadSearches(ctx: LoadContext): Promise<void> {
  const header = ctx.file.header!;
  const raw = ctx.file.rawHeader!;
  const at = (name: string) => header.indexOf(name);
  const boroughs = await boroughCodesByName(ctx.trx);
  const parse = (line: number, cells: string[]): ParsedSearch | Problem[] =>
    parseSearch(line, cells, at, (i) => raw[i] ?? '', boroughs);

  const lastMonth = new Map<string, string>();
  for await (const { line, cells } of ctx.dataRecords()) {
    ctx.stats.rowsRead += 1;
    const parsed = parse(line, cells);
    if (Array.isArray(parsed)) for (const p of parsed) ctx.problems.add(p);
    else lastMonth.set(parsed.publication, laterMonth(lastMonth.get(parsed.publication) ?? null, parsed.month));
  }
  if (ctx.problems.any) return;
  const publications = [...lastMonth].sort((a, b) => a[1].localeCompare(b[1]));
  const newest = publications[publications.length - 1];
  const settled = await settleExtractDate(ctx, newest ? monthAfter(newest[1]) : null);
  for (const [publication, last] of publications) {
    const extractDate = publication === newest?.[0] ? settled.extractDate : monthAfter(last);
    const writer = new SliceWriter({ ...settled, extractDate }, 'mps_thorough_search', COLUMNS_STORED);
    for await (const { line, cells } of ctx.dataRecords()) {
      const parsed = parse(line, cells);
      if (Array.isArray(parsed) || parsed.publication !== publication) continue;
      await writer.add(
        { areaCode: parsed.areaCode, month: parsed.month, scope: publication },
        JSON.stringify(parsed.row),
        parsed.row,
      );
    }
    // One publication at a time: each reconciles before the next writes, so their slices never meet half-made.
    await writer.finish();
  }
}

const COLUMNS_STORED = [
  'source_ref',
  'stop_date',
  'bcu',
  'borough_name',
  'age_group',
  'sex',
  'ethnic_appearance',
  'stop_reason',
  'appropriate_adult_present',
  'positive_outcome',
  'outcome_reason',
] as const;

function parseSearch(
  line: number,
  cells: string[],
  at: (name: string) => number,
  rawName: (index: number) => string,
  boroughs: ReadonlyMap<string, string>,
): ParsedSearch | Problem[] {
  const problems: Problem[] = [];
  const cell = (name: string) => (at(name) < 0 ? '' : (cells[at(name)] ?? '').trim());
  const problem = (name: string, value: string, message: string) =>
    problems.push({ line, column: rawName(at(name)), value, message });

  const date = /^(\d{4}-\d{2}-\d{2})(?: \d{2}:\d{2}:\d{2}(?:\.\d+)?)?$/.exec(cell('stop_date'));
  if (!date || !isIsoDate(date[1]!))
    problem('stop_date', cell('stop_date'), 'not a date (expected YYYY-MM-DD, optionally with a midnight time)');
  const filled = OUTCOME_COLUMNS.filter((c) => cell(c) !== '');
  if (filled.length !== 1) {
    problem(
      filled[1] ?? 'stop_date',
      filled.map(cell).join(' / '),
      `exactly one outcome column (${OUTCOME_COLUMNS.join(', ')}) must be filled; ${filled.length} are`,
    );
  }
  const outcome = filled.length === 1 ? yesNo(cell(filled[0]!)) : null;
  if (filled.length === 1 && outcome === undefined) problem(filled[0]!, cell(filled[0]!), 'expected Yes or No');
  const adults = ADULT_COLUMNS.map((c) => ({ c, v: yesNo(cell(c)) }));
  for (const a of adults) if (a.v === undefined) problem(a.c, cell(a.c), 'expected Y, N or blank');
  const [present, ifRequired] = adults.map((a) => a.v);
  if (present != null && ifRequired != null && present !== ifRequired)
    problem(ADULT_COLUMNS[1], cell(ADULT_COLUMNS[1]), 'the two appropriate-adult columns disagree');
  // A blank borough is recorded as not known, not dropped.
  const areaCode = cell('borough') === '' ? 'MPS-UNKNOWN' : resolveBoroughName(boroughs, cell('borough'));
  if (!areaCode) problem('borough', cell('borough'), 'not a London borough or MPS area name Safer knows');
  for (const name of ['age_group', 'sex', 'ethnic_appearance', 'stop_reason'] as const) {
    if (cell(name) === '') problem(name, '', `the ${name} is blank`);
  }
  if (problems.length > 0 || !date || !areaCode || filled.length !== 1) return problems;
  const orNull = (s: string) => (s === '' ? null : s);
  return {
    publication: filled[0]!,
    areaCode,
    month: `${date[1]!.slice(0, 7)}-01`,
    row: [
      orNull(cell('col_0')),
      date[1]!,
      orNull(cell('area')),
      orNull(cell('borough')),
      cell('age_group'),
      cell('sex'),
      cell('ethnic_appearance'),
      cell('stop_reason'),
      present ?? ifRequired ?? null,
      outcome ?? null,
      orNull(cell('outcome_reason')),
    ],
  };
}

/** Y/Yes → true, N/No → false, blank → null; anything else undefined (a problem). */
function yesNo(value: string): boolean | null | undefined {
  const v = value.trim().toLowerCase();
  if (v === '') return null;
  if (v === 'y' || v === 'yes') return true;
  if (v === 'n' || v === 'no') return false;
  return undefined;
}
