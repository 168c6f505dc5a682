import type { Figure } from '../../../../analysis/figure.ts';
import type { AnalysisResult } from '../../../../analysis/analysisResult.ts';

/** One cell of the flat table: numbers stay numbers (downloads keep full precision), text stays text. */
export type FlatCell = string | number | boolean | null;

export interface FlatColumn {
  key: string;
  head: string;
  numeric: boolean;
}

/** The figures of one answer as one flat table: the page, the CSV and the XLSX all print this, so their numbers agree. */
export interface FlatTable {
  columns: FlatColumn[];
  rows: FlatCell[][];
}

const GROUP_HEADS: Record<string, string> = {
  area: 'Area',
  period: 'Period',
  month: 'Month',
  quarter: 'Quarter',
  financialYear: 'Financial year',
  borough: 'Borough code',
  ward: 'Ward code',
  lsoa: 'LSOA code',
  name: 'Name',
  category: 'Category',
  weekdayHour: 'Weekday and hour',
  hour: 'Hour',
  weekday: 'Day of week',
  window: 'Window',
  age: 'Age band',
  ethnicity: 'Ethnicity',
  sex: 'Sex',
  outcome: 'Outcome',
  object: 'Object of search',
  measure: 'Measure',
};

const CORE_COLUMNS: readonly FlatColumn[] = [
  { key: 'count', head: 'Count', numeric: true },
  { key: 'denominator', head: 'Denominator', numeric: true },
  { key: 'rate', head: 'Rate', numeric: true },
  { key: 'lower', head: 'Lower limit', numeric: true },
  { key: 'upper', head: 'Upper limit', numeric: true },
  { key: 'multiplier', head: 'Rate per', numeric: true },
  { key: 'method', head: 'Method', numeric: false },
  { key: 'confidence', head: 'Confidence', numeric: false },
  { key: 'source', head: 'Source', numeric: false },
  { key: 'extractDate', head: 'Extract date', numeric: false },
];
const CORE_KEYS = new Set(['group', 'definition', ...CORE_COLUMNS.map((c) => c.key)]);
/** Values a suppressed figure withholds: shown as the rule's symbol, never as an empty cell that reads like zero. */
const WITHHELD = new Set(['count', 'rate', 'lower', 'upper']);

/** camelCase keys become words; names (an area, a group) keep their capitals. */
const words = (key: string) =>
  key === 'spc' ? 'SPC' : /^[A-Z]/.test(key) ? key : key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
const headFor = (key: string) => GROUP_HEADS[key] ?? key.charAt(0).toUpperCase() + words(key).slice(1);
/** A dotted extra as people read it: `spc.lowerLimit` → "SPC: lower limit". */
const extraHead = (key: string) => {
  const [first = key, ...rest] = key.split('.');
  return [headFor(first), ...rest.map(words)].join(': ');
};

/**
 * Flattens a figure's extras (benchmarks, change, SPC, ratios, ranks…) into
 * dotted columns: `compare.count`, `spc.flags`, `benchmarks.London.rate`.
 * Arrays of plain values become one "a; b" cell.
 */
export function flattenExtras(value: unknown, prefix: string, into: Map<string, FlatCell>): void {
  if (value === null || value === undefined) {
    into.set(prefix, null);
  } else if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) into.set(prefix, value.map(String).join('; '));
    else
      value.forEach((v, i) => {
        // Benchmarks are named by their area, which then need not be repeated as a column of its own.
        if (v && typeof v === 'object' && 'area' in v && typeof v.area === 'string') {
          const { area, ...rest } = v as { area: string } & Record<string, unknown>;
          flattenExtras(rest, `${prefix}.${area}`, into);
        } else flattenExtras(v, `${prefix}.${i + 1}`, into);
      });
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flattenExtras(v, `${prefix}.${k}`, into);
  } else if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') {
    into.set(prefix, value);
  } else {
    into.set(prefix, String(value));
  }
}

/** Builds the flat table; columns that are empty in every row (e.g. after suppression) are left out. */
export function flatTable(result: AnalysisResult, symbol = '*'): FlatTable {
  const groupKeys: string[] = [];
  const extraKeys: string[] = [];
  const perFigure = result.figures.map((f: Figure) => {
    for (const k of Object.keys(f.group)) if (!groupKeys.includes(k)) groupKeys.push(k);
    const extras = new Map<string, FlatCell>();
    for (const [k, v] of Object.entries(f)) if (!CORE_KEYS.has(k)) flattenExtras(v, k, extras);
    for (const k of extras.keys()) if (!extraKeys.includes(k)) extraKeys.push(k);
    return extras;
  });
  const columns: FlatColumn[] = [
    ...groupKeys.map((k) => ({ key: `group.${k}`, head: headFor(k), numeric: false })),
    ...CORE_COLUMNS,
    ...extraKeys.map((k) => ({
      key: k,
      head: extraHead(k),
      numeric: result.figures.some((_, i) => typeof perFigure[i]!.get(k) === 'number'),
    })),
  ];
  const rows = result.figures.map((f: Figure, i) => {
    const fields = new Map(Object.entries(f));
    return columns.map((c): FlatCell => {
      if (c.key.startsWith('group.')) return f.group[c.key.slice(6)] ?? null;
      if (CORE_KEYS.has(c.key)) {
        const v = fields.get(c.key);
        if (v === null && f.suppressed === true && WITHHELD.has(c.key)) return symbol;
        return typeof v === 'number' || typeof v === 'string' ? v : null;
      }
      return perFigure[i]!.get(c.key) ?? null;
    });
  });
  const keep = columns.map(
    (c, j) => c.key.startsWith('group.') || c.key === 'count' || rows.some((r) => r[j] !== null && r[j] !== ''),
  );
  return { columns: columns.filter((_, j) => keep[j]), rows: rows.map((r) => r.filter((_, j) => keep[j])) };
}
