import { rateRatio } from '../../domain/stats/rateRatio.ts';
import type { AnalysisContext } from '../context.ts';
import { countIn, sumByGroup } from '../countIn.ts';
import { rateFigure } from '../rateFigure.ts';
import type { GroupKey } from '../counts.ts';
import type { GroupRateFigure } from '../figureShapes.ts';
import { ETHNICITY_POPULATION, populationByGroup, POPULATION_LABELS, DEFAULT_POPULATION } from '../population.ts';

const ETHNIC_GROUPS = ['asian', 'black', 'mixed', 'white', 'other'];

/** Aggregate age bands → groups Census 2021 five-year bands can match exactly. */
const AGE_GROUPS: Record<string, { group: string; census: string[] }> = {
  '0': { group: '0-9', census: ['0-4', '5-9'] },
  '1-9': { group: '0-9', census: ['0-4', '5-9'] },
  '10-14': { group: '10-14', census: ['10-14'] },
  '15-17': { group: '15-24', census: ['15-19', '20-24'] },
  '18-24': { group: '15-24', census: ['15-19', '20-24'] },
  '25-34': { group: '25-34', census: ['25-29', '30-34'] },
  '35-44': { group: '35-44', census: ['35-39', '40-44'] },
  '45-54': { group: '45-54', census: ['45-49', '50-54'] },
  '55-64': { group: '55-64', census: ['55-59', '60-64'] },
  '65+': { group: '65+', census: ['65-69', '70-74', '75-79', '80-84', '85+'] },
};

/**
 * Rates per 1,000 residents of each ethnic group (Census 2021 TS021) or age
 * group (TS007A), and each group's rate ratio against a reference group
 * ('white' by default for ethnicity, or 'rest': everyone else), with log-scale limits.
 */
export async function disproportionality(
  ctx: AnalysisContext,
  group: GroupKey,
  kind: 'ethnicity' | 'age',
): Promise<GroupRateFigure[]> {
  const rows = await countIn(ctx, ctx.period, group);
  const raw = sumByGroup(rows);
  const counts = new Map<string, number>();
  let unmatched = 0;
  for (const [value, n] of raw) {
    const key =
      kind === 'ethnicity' ? (ETHNIC_GROUPS.includes(value) ? value : null) : (AGE_GROUPS[value]?.group ?? null);
    if (key === null) unmatched += n;
    else counts.set(key, (counts.get(key) ?? 0) + n);
  }
  if (unmatched > 0) ctx.warnings.push(`${unmatched} with ${kind} not stated or unknown are left out of the rates`);
  const population =
    kind === 'ethnicity'
      ? await populationByGroup(ctx.db, ctx.target, 'ethnic_group', { source: ETHNICITY_POPULATION })
      : ageGroupPopulation(await populationByGroup(ctx.db, ctx.target, 'age_band', { source: DEFAULT_POPULATION }));
  ctx.denominator = POPULATION_LABELS[kind === 'ethnicity' ? ETHNICITY_POPULATION : DEFAULT_POPULATION] ?? null;
  const groups = kind === 'ethnicity' ? ETHNIC_GROUPS : [...new Set(Object.values(AGE_GROUPS).map((g) => g.group))];
  if (groups.every((g) => !(population.get(g)! > 0))) {
    ctx.warnings.push(
      `no Census 2021 population by ${kind} for ${ctx.target.name}: import ${kind === 'ethnicity' ? 'TS021' : 'TS007A'} and the LSOA 2021 lookups`,
    );
  }
  const reference = (ctx.request.reference ?? (kind === 'ethnicity' ? 'white' : 'rest')).toLowerCase();
  return groups.map((g) => {
    const count = counts.get(g) ?? 0;
    const pop = population.get(g) ?? 0;
    const f: GroupRateFigure = rateFigure(ctx, { [kind]: g }, count, pop, rows);
    const comparison =
      reference === 'rest'
        ? {
            count: [...counts].filter(([k]) => k !== g).reduce((a, [, n]) => a + n, 0),
            population: groups.filter((k) => k !== g).reduce((a, k) => a + (population.get(k) ?? 0), 0),
          }
        : { count: counts.get(reference) ?? 0, population: population.get(reference) ?? 0 };
    if (pop > 0 && comparison.population > 0 && g !== reference) {
      const rr = rateRatio({ count, population: pop }, comparison, ctx.request.confidence);
      f.rateRatio = rr.ok
        ? {
            against: reference,
            ratio: rr.ratio,
            lower: rr.lower,
            upper: rr.upper,
            method: rr.method,
            confidence: rr.confidence,
          }
        : { against: reference, ratio: rr.ratio, reason: rr.reason };
    }
    return f;
  });
}

function ageGroupPopulation(byBand: Map<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  const seen = new Set<string>();
  for (const { group, census } of Object.values(AGE_GROUPS)) {
    if (seen.has(group)) continue;
    seen.add(group);
    out.set(
      group,
      census.reduce((a, b) => a + (byBand.get(b) ?? 0), 0),
    );
  }
  return out;
}
