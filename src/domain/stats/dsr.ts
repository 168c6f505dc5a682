import { DEFAULT_CONFIDENCE, formatConfidence, type ConfidenceLevel } from './confidence.ts';
import { byarLimits } from './poissonLimits.ts';

/** One standardisation stratum (usually an age band). */
export interface DsrStratum {
  /** Events observed in the stratum. */
  count: number;
  population: number;
  /** The standard population weight (e.g. European Standard Population 2013). */
  standardPopulation: number;
}

/** A stratum for non-independent events: how many people had 1, 2, 3… events. */
export interface DsrFrequencyStratum {
  population: number;
  standardPopulation: number;
  peopleByFrequency: readonly { frequency: number; people: number }[];
}

export type DsrEstimate =
  | {
      suppressed: false;
      count: number;
      value: number;
      lower: number;
      upper: number;
      method: string;
      confidence: string;
      multiplier: number;
    }
  | { suppressed: true; count: number; reason: string; method: string; multiplier: number };

export interface DsrOptions {
  multiplier?: number;
  confidence?: ConfidenceLevel;
}

const MINIMUM_COUNT = 10;

/**
 * Directly standardised rate with Dobson limits (PHEindicatormethods):
 * DSR = Σ(xᵢwᵢ/nᵢ)/Σwᵢ, var = Σxᵢ(wᵢ/nᵢ)²/(Σwᵢ)², limits DSR + √(var/O)(Byar(O) − O).
 * Suppressed when the total O < 10: Fingertips does not publish such DSRs.
 */
export function directlyStandardisedRate(strata: readonly DsrStratum[], options: DsrOptions = {}): DsrEstimate {
  checkStrata(strata);
  const weights = sum(strata.map((s) => s.standardPopulation));
  const variance = sum(strata.map((s) => s.count * (s.standardPopulation / s.population) ** 2)) / weights ** 2;
  return dobson(strata, variance, 'Dobson', options);
}

/**
 * The non-independent-events variant: when a person can have several events
 * (repeat victims), events are not Poisson. The variance sums, for each event
 * frequency f, f² × the variance of the people with f events
 * (PHEindicatormethods calculate_dsr with independent_events = FALSE).
 */
export function directlyStandardisedRateNonIndependent(
  strata: readonly DsrFrequencyStratum[],
  options: DsrOptions = {},
): DsrEstimate {
  const eventStrata: DsrStratum[] = strata.map((s) => {
    for (const f of s.peopleByFrequency) {
      if (!(Number.isInteger(f.frequency) && f.frequency >= 1))
        throw new RangeError(`event frequency must be a whole number ≥ 1, got ${f.frequency}`);
      if (!(f.people >= 0)) throw new RangeError(`people must be 0 or more, got ${f.people}`);
    }
    return {
      count: sum(s.peopleByFrequency.map((f) => f.frequency * f.people)),
      population: s.population,
      standardPopulation: s.standardPopulation,
    };
  });
  checkStrata(eventStrata);
  const weights = sum(strata.map((s) => s.standardPopulation));
  let variance = 0;
  for (const s of strata) {
    for (const f of s.peopleByFrequency)
      variance += f.frequency ** 2 * f.people * (s.standardPopulation / s.population) ** 2;
  }
  return dobson(
    eventStrata,
    variance / weights ** 2,
    'Dobson, with confidence adjusted for non-independent events',
    options,
  );
}

function dobson(strata: readonly DsrStratum[], variance: number, method: string, options: DsrOptions): DsrEstimate {
  const multiplier = options.multiplier ?? 100_000;
  const level = options.confidence ?? DEFAULT_CONFIDENCE;
  const observed = sum(strata.map((s) => s.count));
  if (observed < MINIMUM_COUNT) {
    return {
      suppressed: true,
      count: observed,
      reason: `total count ${observed} is below ${MINIMUM_COUNT}: a DSR is not reliable`,
      method,
      multiplier,
    };
  }
  const weights = sum(strata.map((s) => s.standardPopulation));
  const dsr = sum(strata.map((s) => (s.count * s.standardPopulation) / s.population)) / weights;
  const byar = byarLimits(observed, level);
  const factor = Math.sqrt(variance / observed);
  return {
    suppressed: false,
    count: observed,
    value: dsr * multiplier,
    lower: (dsr + factor * (byar.lower - observed)) * multiplier,
    upper: (dsr + factor * (byar.upper - observed)) * multiplier,
    method,
    confidence: formatConfidence(level),
    multiplier,
  };
}

function checkStrata(strata: readonly DsrStratum[]): void {
  if (strata.length === 0) throw new RangeError('a DSR needs at least one stratum');
  for (const s of strata) {
    if (!(s.population > 0)) throw new RangeError(`every stratum needs a population above 0, got ${s.population}`);
    if (!(s.count >= 0)) throw new RangeError(`counts must be 0 or more, got ${s.count}`);
    if (!(s.standardPopulation >= 0))
      throw new RangeError(`standard populations must be 0 or more, got ${s.standardPopulation}`);
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
