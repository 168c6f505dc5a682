import type { Period } from '../../domain/periods/period.ts';
import type { Indicator } from '../indicatorSchema.ts';
import type { StoredValue } from '../returns/returnQueries.ts';
import { returnedKey } from './comparability.ts';
import { type Analyse, computedValue } from './computedValue.ts';
import { type CountPanel, panelValue } from './panelValue.ts';
import { type CountRegister, registerValue } from './registerValue.ts';
import type { SeriesCell, ValuePoint } from './valuePoint.ts';

export interface SeriesSources {
  /** The figure engine, for computed indicators; null leaves them out (an agency's return form needs none). */
  analyse: Analyse | null;
  /** Register counts for the reader, for indicators computed from a register measure; absent leaves them out. */
  countRegister?: CountRegister | null;
  /** The anonymous panel counts as released, for indicators computed from a panel measure (issue 21). */
  countPanel?: CountPanel | null;
  /** The partnership's area (GSS code). */
  area: string;
  /** Accepted returned values of the indicators asked about. */
  accepted: readonly StoredValue[];
  /** Every stored indicator version by 'id@version': what each returned value was reported under. */
  versions: ReadonlyMap<string, Indicator>;
}

/** The indicator's value in each period, or why it has none. */
export async function indicatorSeries(
  sources: SeriesSources,
  indicator: Indicator,
  periods: readonly Period[],
): Promise<SeriesCell[]> {
  return Promise.all(periods.map((p) => cellFor(sources, indicator, p)));
}

async function cellFor(sources: SeriesSources, indicator: Indicator, period: Period): Promise<SeriesCell> {
  const cell = (point: ValuePoint | null, missing: string | null): SeriesCell => ({
    periodId: period.id,
    periodLabel: period.label,
    point,
    missing,
  });
  if (indicator.source.kind === 'computed' && indicator.source.register !== undefined) {
    const v = await registerValue(sources.countRegister, indicator, period);
    return 'missing' in v ? cell(null, v.missing) : cell(v, null);
  }
  if (indicator.source.kind === 'computed' && indicator.source.panel !== undefined) {
    const v = await panelValue(sources.countPanel, indicator, period);
    return 'missing' in v ? cell(null, v.missing) : cell(v, null);
  }
  if (indicator.source.kind === 'computed') {
    if (sources.analyse === null) return cell(null, 'not computed here');
    const v = await computedValue(sources.analyse, indicator, sources.area, period);
    return 'missing' in v ? cell(null, v.missing) : cell(v, null);
  }
  const found = sources.accepted.find(
    (v) =>
      v.indicatorId === indicator.id &&
      v.periodStart.slice(0, 7) === period.start &&
      v.periodEnd.slice(0, 7) === period.end,
  );
  if (found === undefined) return cell(null, 'no accepted return');
  const body = sources.versions.get(`${found.indicatorId}@${found.indicatorVersion}`);
  return cell(
    {
      periodId: period.id,
      periodLabel: period.label,
      start: period.start,
      end: period.end,
      value: found.value,
      numerator: found.numerator,
      denominator: found.denominator,
      comparability: body === undefined ? `unknown version ${found.indicatorVersion}` : returnedKey(body),
      partial: false,
      synthetic: found.synthetic,
      origin: {
        kind: 'returned',
        returnId: found.returnId,
        valueId: found.id,
        commentary: found.commentary,
        enteredAt: found.enteredAt.toISOString(),
        enteredBy: found.enteredByEmail,
      },
    },
    null,
  );
}
