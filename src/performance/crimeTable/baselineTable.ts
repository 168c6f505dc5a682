import { percentChange } from '../../domain/change/change.ts';
import {
  assessAgainstTarget,
  reductionTarget,
  type Target,
  type TargetAssessment,
} from '../../domain/stats/targetRag.ts';
import {
  categoryKey,
  changeNoteFor,
  yearInfo,
  type Category,
  type ChangeNote,
  type MpsClassification,
  type YearCounts,
  type YearInfo,
} from './crimeTable.ts';

/*
 * Seed 004's "2015/16 Financial Year Performance Against the MOPAC Baseline Year 2011/12": a basket of
 * categories in a year against a baseline year, and whether the basket's total meets a reduction target.
 * Pure arithmetic; loadCrimeTable.ts resolves the basket and reads the counts.
 */

/** One category of the basket as people name it: a minor, or a whole major group when minor is absent. */
export interface BasketItem {
  classification: MpsClassification;
  major: string;
  minor?: string;
}

/** A basket item with the catalogue categories it stands for (a major: all its minors; TNO: every category). */
export interface ResolvedItem {
  item: BasketItem;
  categories: readonly Category[];
}

/** A target stated as a % change against the baseline, e.g. -20; tolerance as in reductionTarget (a fraction of the target value). */
export interface ChangeTarget {
  percentChange: number;
  toleranceFraction?: number;
}

export interface BaselineRow {
  kind: 'item' | 'total';
  classification: MpsClassification | null;
  major: string;
  minor: string | null;
  current: number;
  baseline: number;
  percentChange: number | null;
  changeNote: ChangeNote | null;
}

export interface BaselineTable {
  area: { code: string; name: string };
  /** The years as each classification in the basket holds them (months can differ between classifications). */
  years: Partial<Record<MpsClassification, { current: YearInfo; baseline: YearInfo }>>;
  currentLabel: string;
  baselineLabel: string;
  rows: BaselineRow[];
  total: BaselineRow;
  target: Target;
  /** null when either year is partial or absent: a part year measured against a whole one would be meaningless. */
  assessment: TargetAssessment | null;
  assessmentNote: ChangeNote | null;
  asOf: string | null;
  extractDates: string[];
}

export interface BaselineInput {
  area: { code: string; name: string };
  items: readonly ResolvedItem[];
  counts: Partial<Record<MpsClassification, { current: YearCounts; baseline: YearCounts }>>;
  target: ChangeTarget;
  asOf?: string | null;
  extractDates?: readonly string[];
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** A category two basket lines both stand for (which the total would count twice), as 'MAJOR / minor'; null when none. */
export function overlapIn(items: readonly ResolvedItem[]): string | null {
  const seen = new Set<string>();
  for (const { item, categories } of items)
    for (const c of categories) {
      const key = `${item.classification}|${categoryKey(c)}`;
      if (seen.has(key)) return `${c.major}${c.minor ? ` / ${c.minor}` : ''}`;
      seen.add(key);
    }
  return null;
}

export function buildBaselineTable(input: BaselineInput): BaselineTable {
  const { percentChange: change, toleranceFraction = 0 } = input.target;
  if (!(change < 0 && change > -100))
    throw new RangeError(`the target must be a reduction, a % change between 0 and -100 (e.g. -20), got ${change}`);
  if (input.items.length === 0) throw new RangeError('the basket is empty');
  const twice = overlapIn(input.items);
  if (twice) throw new RangeError(`the basket counts ${twice} twice`);
  const years: BaselineTable['years'] = {};
  for (const [classification, y] of Object.entries(input.counts) as [
    MpsClassification,
    (typeof input.counts)['ho_aligned'],
  ][])
    if (y) years[classification] = { current: yearInfo(y.current), baseline: yearInfo(y.baseline) };
  const rows: BaselineRow[] = input.items.map(({ item, categories }) => {
    const y = input.counts[item.classification];
    const info = years[item.classification];
    if (!y || !info) throw new RangeError(`no counts were read for the ${item.classification} classification`);
    const keys = categories.map(categoryKey);
    const current = sum(keys.map((k) => y.current.offences.get(k) ?? 0));
    const baseline = sum(keys.map((k) => y.baseline.offences.get(k) ?? 0));
    const note = changeNoteFor(info.current, info.baseline, baseline);
    return {
      kind: 'item',
      classification: item.classification,
      major: item.major,
      minor: item.minor ?? null,
      current,
      baseline,
      percentChange: note === null ? percentChange(baseline, current) : null,
      changeNote: note,
    };
  });
  const current = sum(rows.map((r) => r.current));
  const baseline = sum(rows.map((r) => r.baseline));
  // The total is only as whole as its least complete part.
  const partNote = rows.find((r) => r.changeNote !== null && r.changeNote !== 'previous year is 0')?.changeNote ?? null;
  const totalNote = partNote ?? (baseline === 0 ? 'previous year is 0' : null);
  const total: BaselineRow = {
    kind: 'total',
    classification: null,
    major: 'Total',
    minor: null,
    current,
    baseline,
    percentChange: totalNote === null ? percentChange(baseline, current) : null,
    changeNote: totalNote,
  };
  const first = input.counts[input.items[0]!.item.classification]!;
  const [currentLabel, baselineLabel] = [first.current.period.label, first.baseline.period.label];
  const target = reductionTarget(baseline, -change / 100, baselineLabel, toleranceFraction);
  return {
    area: input.area,
    years,
    currentLabel,
    baselineLabel,
    rows,
    total,
    target,
    assessment: partNote === null ? assessAgainstTarget(current, target) : null,
    assessmentNote: partNote,
    asOf: input.asOf ?? null,
    extractDates: [...new Set(input.extractDates ?? [])].sort(),
  };
}
