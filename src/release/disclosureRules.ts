import type { Figure } from '../analysis/figure.ts';
import type { FigureShape, FigureShapes } from '../analysis/figureShapes.ts';

/**
 * How each field a figure shape adds is released when disclosure control applies (figureDisclosure.ts):
 * - 'describes': says what the figure is (a label, a note, an area's deprivation decile, how many were ranked);
 *   kept on a hidden figure and released as it is;
 * - 'derived': worked out from the figure's count (a ratio, a z-score, a rank, SPC limits, a cost); null on a
 *   hidden figure, and any count nested in it is protected as below;
 * - 'nested': a figure of its own inside this one (a comparison period, a benchmark area, a cost line), with its
 *   own count: null on a hidden figure; otherwise hidden by itself when its own count is small, counts rounded
 *   when the rule rounds.
 * The map is typed so that a field added to a shape in src/analysis/figureShapes.ts without a rule here does not
 * compile; protectFigures also refuses, at run time, a field that has no rule (figureDisclosure.test.ts).
 */
export type FieldRule = 'describes' | 'derived' | 'nested';

/** The fields a shape adds to the fields every figure carries. */
type AddedFields<F> = Exclude<keyof F, keyof Figure>;

export type FieldRules<F> = { readonly [K in AddedFields<F>]-?: FieldRule };

export const FIELD_RULES: { readonly [S in FigureShape]: FieldRules<FigureShapes[S]> } = {
  headline: { benchmarks: 'nested', compare: 'nested', baseline: 'nested' },
  series: { partial: 'describes', spc: 'derived', recentTrend: 'derived' },
  areas: { imdDecile: 'describes' },
  ranking: { rank: 'derived', of: 'describes', selected: 'derived' },
  shares: { percent: 'derived', note: 'describes' },
  'group-rates': { rateRatio: 'derived' },
  'grid-hotspots': { z: 'derived', p: 'derived', adjustedP: 'derived', classification: 'derived', centre: 'derived' },
  density: {},
  'emerging-hotspots': {
    classification: 'derived',
    hotMonths: 'derived',
    coldMonths: 'derived',
    months: 'derived',
    centre: 'derived',
  },
  'near-repeat': { expected: 'derived', ratio: 'derived', p: 'derived', events: 'derived' },
  cost: { unitCostEdition: 'derived', priceYear: 'derived', provisional: 'derived', lines: 'nested' },
};

/** Fields every figure carries, protected by protectFigures itself (counts, rates, limits) or descriptive. */
export const CORE_FIELDS: ReadonlySet<string> = new Set<keyof Figure>([
  'group',
  'count',
  'denominator',
  'rate',
  'lower',
  'upper',
  'multiplier',
  'method',
  'confidence',
  'definition',
  'source',
  'extractDate',
  'disclosureRule',
  'suppressed',
  'suppression',
]);

/** A figure field with no disclosure rule: released unchecked it could show what the rule hides, so nothing is released. */
export class UnruledFieldError extends Error {
  constructor(shape: FigureShape, field: string) {
    super(
      `a ${shape} figure carries "${field}", which has no disclosure rule: add one in src/release/disclosureRules.ts`,
    );
    this.name = 'UnruledFieldError';
  }
}

/** The rule for one field of a shape; throws when there is none. */
export function fieldRule(shape: FigureShape, field: string): FieldRule {
  const rules: Readonly<Record<string, FieldRule>> = FIELD_RULES[shape];
  const rule = Object.hasOwn(rules, field) ? rules[field] : undefined;
  if (rule === undefined) throw new UnruledFieldError(shape, field);
  return rule;
}
