import type { CostLine } from '../domain/costs/costOfCrime.ts';
import type { EmergingClass } from '../domain/hotspots/emergingHotspots.ts';
import type { GiStarCell } from '../domain/hotspots/getisOrd.ts';
import type { BenchmarkComparison } from '../domain/stats/benchmark.ts';
import type { RateRatio } from '../domain/stats/rateRatio.ts';
import type { RecentTrend } from '../domain/stats/recentTrend.ts';
import type { SpcFlag } from '../domain/stats/spc.ts';
import type { Figure } from './figure.ts';

/*
 * The closed set of figure shapes the engine makes (src/analysis/analyses/*), one per kind of answer. A field a
 * shape adds is typed here, and src/release/disclosureRules.ts must give it a disclosure rule or the build fails.
 * Fields derived from a figure's count may be null once disclosure control has hidden that count.
 */

/** Numbers inside a nested figure become null, and it is marked, when its own count is too small to release. */
export type Released<T> = { [K in keyof T]: T[K] extends number ? number | null : T[K] } & { suppressed?: true };

/** The same figure for a comparison period (compare) or a baseline. */
export interface PeriodChange {
  period: string;
  count: number | null;
  rate: number | null;
  change: number | null;
  percentChange: number | null;
  /** '+4.2%', 'n/a', or why there is no change (a comparison period with months missing). */
  percentChangeText: string;
  incomplete?: true;
}

/** The area's rate set against a parent area or London (Fingertips benchmark comparison). */
export type Benchmark = { area: string; rate: number; count: number | null } & BenchmarkComparison;

export interface HeadlineFigure extends Figure {
  benchmarks?: Released<Benchmark>[] | null;
  compare?: Released<PeriodChange> | null;
  baseline?: Released<PeriodChange> | null;
}

export interface SeriesSpc {
  centre: number;
  lowerLimit: number;
  upperLimit: number;
  flags: SpcFlag[];
}

export interface SeriesFigure extends Figure {
  /** Set when a step has fewer months than it should ('covers 2 of 3 months'). */
  partial?: string;
  spc?: SeriesSpc | null;
  /** On the last step only: the recent-trend test over the whole series. */
  recentTrend?: RecentTrend | null;
}

export interface AreaFigure extends Figure {
  /** LSOAs only: the IMD 2019 decile (1 = most deprived tenth). */
  imdDecile?: number | null;
}

export interface RankedFigure extends Figure {
  rank: number | null;
  of: number;
  selected?: boolean | null;
}

export interface ShareFigure extends Figure {
  /** Sanction detection rate as a percentage (partner records). */
  percent?: number | null;
  note?: string;
}

/** A group's rate over the reference group's (or the rest's), with limits; or why it is not estimable. */
export type GroupRateRatio =
  | ({ against: string } & Omit<Extract<RateRatio, { ok: true }>, 'ok'>)
  | ({ against: string } & Omit<Extract<RateRatio, { ok: false }>, 'ok'>);

export interface GroupRateFigure extends Figure {
  rateRatio?: GroupRateRatio | null;
}

export interface LonLat {
  longitude: number;
  latitude: number;
}

export interface GridHotspotFigure extends Figure {
  z: number | null;
  p: number | null;
  adjustedP: number | null;
  classification: GiStarCell['classification'] | null;
  centre: LonLat | null;
}

export type DensityFigure = Figure;

export interface EmergingHotspotFigure extends Figure {
  classification: EmergingClass | null;
  hotMonths: number | null;
  coldMonths: number | null;
  months: number | null;
  centre: LonLat | null;
}

export interface NearRepeatFigure extends Figure {
  expected: number | null;
  ratio: number | null;
  p: number | null;
  events: number | null;
}

export interface CostFigure extends Figure {
  unitCostEdition: string | null;
  priceYear: string | null;
  provisional: boolean | null;
  lines: Released<CostLine>[] | null;
}

/** Every shape by name: the `shape` of an answer says which its figures are. */
export interface FigureShapes {
  headline: HeadlineFigure;
  series: SeriesFigure;
  areas: AreaFigure;
  ranking: RankedFigure;
  shares: ShareFigure;
  'group-rates': GroupRateFigure;
  'grid-hotspots': GridHotspotFigure;
  density: DensityFigure;
  'emerging-hotspots': EmergingHotspotFigure;
  'near-repeat': NearRepeatFigure;
  cost: CostFigure;
}

export type FigureShape = keyof FigureShapes;

/** Every shape, listed through a record so that a shape added above and not here does not compile. */
const SHAPES: Readonly<Record<FigureShape, true>> = {
  headline: true,
  series: true,
  areas: true,
  ranking: true,
  shares: true,
  'group-rates': true,
  'grid-hotspots': true,
  density: true,
  'emerging-hotspots': true,
  'near-repeat': true,
  cost: true,
};
export const FIGURE_SHAPES = Object.keys(SHAPES) as FigureShape[];
