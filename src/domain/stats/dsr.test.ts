import { describe, expect, it } from 'vitest';
import { directlyStandardisedRate, directlyStandardisedRateNonIndependent } from './dsr.ts';

/*
 * Worked by hand (checked with python):
 * band   count  population  standard
 * 0–24     30     20,000     30,000    x·w/n = 30·1.5       = 45         x(w/n)² = 30·2.25     = 67.5
 * 25–49    45     25,000     35,000            45·1.4       = 63                 45·1.96     = 88.2
 * 50–74    20     15,000     25,000            20·1.6667    = 33.3333            20·2.7778   = 55.5556
 * 75+       5      5,000     10,000             5·2         = 10                  5·4        = 20
 * Σw = 100,000; DSR = 151.3333/100,000 → 151.3333 per 100,000; var = 231.2556 / 1e10.
 * O = 100; Byar(100) = 81.362105 – 121.627938; √(var/O) = 1.520708e-4.
 * lower = (151.3333e-5 + 1.520708e-4 × (81.362105 − 100)) × 1e5 = 122.9905
 * upper = (151.3333e-5 + 1.520708e-4 × (121.627938 − 100)) × 1e5 = 184.2231
 */
const strata = [
  { count: 30, population: 20000, standardPopulation: 30000 },
  { count: 45, population: 25000, standardPopulation: 35000 },
  { count: 20, population: 15000, standardPopulation: 25000 },
  { count: 5, population: 5000, standardPopulation: 10000 },
];

describe('directly standardised rate (Dobson)', () => {
  it('four age bands worked by hand', () => {
    const dsr = directlyStandardisedRate(strata);
    expect(dsr.suppressed).toBe(false);
    if (dsr.suppressed) return;
    expect(dsr.value).toBeCloseTo(151.3333, 4);
    expect(dsr.lower).toBeCloseTo(122.9905, 4);
    expect(dsr.upper).toBeCloseTo(184.2231, 4);
    expect(dsr.method).toBe('Dobson');
  });

  it('is suppressed when the total count is below 10', () => {
    const dsr = directlyStandardisedRate([
      { count: 4, population: 1000, standardPopulation: 500 },
      { count: 5, population: 1000, standardPopulation: 500 },
    ]);
    expect(dsr).toEqual({
      suppressed: true,
      count: 9,
      reason: 'total count 9 is below 10: a DSR is not reliable',
      method: 'Dobson',
      multiplier: 100000,
    });
  });

  it('non-independent events widen the interval', () => {
    // Same strata as people × event frequency: band 1 = 20×1 + 5×2 = 30; band 2 = 35×1 + 2×2 + 2×3 = 45; band 3 = 20×1; band 4 = 1×1 + 1×4 = 5.
    // var = Σ f²·people·(w/n)² / Σw² = (20·2.25 + 4·5·2.25 + (35 + 4·2 + 9·2)·1.96 + 20·2.7778 + (1 + 16)·4) / 1e10 = 333.1156 / 1e10
    // lower = 151.3333 + √(3.331156e-8/100) × (81.362105 − 100) × 1e5 = 117.3165; upper = 190.8075 (python).
    const dsr = directlyStandardisedRateNonIndependent([
      {
        population: 20000,
        standardPopulation: 30000,
        peopleByFrequency: [
          { frequency: 1, people: 20 },
          { frequency: 2, people: 5 },
        ],
      },
      {
        population: 25000,
        standardPopulation: 35000,
        peopleByFrequency: [
          { frequency: 1, people: 35 },
          { frequency: 2, people: 2 },
          { frequency: 3, people: 2 },
        ],
      },
      { population: 15000, standardPopulation: 25000, peopleByFrequency: [{ frequency: 1, people: 20 }] },
      {
        population: 5000,
        standardPopulation: 10000,
        peopleByFrequency: [
          { frequency: 1, people: 1 },
          { frequency: 4, people: 1 },
        ],
      },
    ]);
    expect(dsr.suppressed).toBe(false);
    if (dsr.suppressed) return;
    expect(dsr.value).toBeCloseTo(151.3333, 4);
    expect(dsr.lower).toBeCloseTo(117.3165, 4);
    expect(dsr.upper).toBeCloseTo(190.8075, 4);
    expect(dsr.method).toBe('Dobson, with confidence adjusted for non-independent events');
  });

  it('refuses a stratum without population', () => {
    expect(() => directlyStandardisedRate([{ count: 12, population: 0, standardPopulation: 10 }])).toThrow(
      'every stratum needs a population above 0, got 0',
    );
    expect(() => directlyStandardisedRate([])).toThrow('a DSR needs at least one stratum');
  });
});
