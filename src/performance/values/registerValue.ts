import type { Period } from '../../domain/periods/period.ts';
import type { Indicator } from '../indicatorSchema.ts';
import { computedKey } from './comparability.ts';
import type { ValuePoint } from './valuePoint.ts';

/**
 * A register measure's total for one period, counted for the reader (src/registers/counts: their rights, and
 * disclosure control outside a register's readership), as the performance framework asks for it. A port, so
 * src/performance reads registers the way it reads the figure engine: through whoever serves the reader.
 */
export type CountRegister = (
  registerId: string,
  measureId: string,
  period: Period,
) => Promise<
  | {
      /** null when withheld (a count of 1–7 for a reader outside the readership). */
      count: number | null;
      registerName: string;
      measureLabel: string;
      registerVersion: number;
      /** The period has not ended: shown, never judged. */
      partial: boolean;
    }
  | { refused: string }
>;

/** A computed indicator whose source is a register measure: its value for one period, or why it has none. */
export async function registerValue(
  countRegister: CountRegister | null | undefined,
  indicator: Indicator,
  period: Period,
): Promise<ValuePoint | { missing: string }> {
  const source = indicator.source;
  if (source.kind !== 'computed' || source.register === undefined) return { missing: 'not a register indicator' };
  if (countRegister == null) return { missing: 'register counts are not available here' };
  if (indicator.unit.kind !== 'count') return { missing: 'a register indicator is a count' };
  const { register, measure } = source.register;
  const counted = await countRegister(register, measure, period);
  if ('refused' in counted) return { missing: counted.refused };
  if (counted.count === null) return { missing: 'the count is withheld by disclosure control' };
  return {
    periodId: period.id,
    periodLabel: period.label,
    start: period.start,
    end: period.end,
    value: counted.count,
    numerator: counted.count,
    denominator: null,
    comparability: computedKey(indicator, {
      definition: `register ${register}/${measure}`,
      version: counted.registerVersion,
      source: 'registers',
    }),
    partial: counted.partial,
    synthetic: false,
    origin: {
      kind: 'computed',
      source: `${counted.registerName} register`,
      extractDate: null,
      definition: counted.measureLabel,
      definitionVersion: counted.registerVersion,
    },
  };
}
