import type { Period } from '../domain/periods/period.ts';
import type { TargetArea } from './areas.ts';
import type { AnalysisContext } from './context.ts';
import { coveredMonths } from './counts.ts';
import { remembered } from './referenceMemo.ts';
import { boroughsCovered, firstExtract, hasWardLookup, monthsHeld, unplacedLsoas } from './sourceCoverage.ts';

/** What to import to place LSOAs, named as `safer import --format` knows the layouts (src/ingest/reference/lookupLayouts.ts). */
const LSOA_TO_BOROUGH =
  'import the ONS "LSOA (2021) to Electoral Ward to LAD Best Fit Lookup" (format ons-lookup-lsoa21-ward-lad) or "LSOA (2011) to LSOA (2021) to Local Authority District Lookup" (format ons-lookup-lsoa11-lsoa21-lad)';
const LSOA_TO_WARD =
  'import the ONS "LSOA (2021) to Electoral Ward to LAD Best Fit Lookup" (format ons-lookup-lsoa21-ward-lad)';

/** Sources whose slices (or, for police.uk street records, rows) are LSOAs: a borough or ward finds them only through a lookup. */
const LSOA_SOURCES = new Set(['mps-lsoa', 'police-uk-stop-search', 'police-uk-street']);

/**
 * The sentence a figure gives when its source holds none of the period for the area, saying why, so that
 * nobody reads "no data" as "no crime" or imports the same file again: nothing imported (as of the date
 * asked), the period outside the months held for the area, a lookup missing that maps the source's
 * areas to the area type asked for, or the area outside what the source covers.
 */
export async function noDataMessage(ctx: AnalysisContext, period: Period, target: TargetArea): Promise<string> {
  return `${ctx.source.name} holds no data for ${target.name} in ${period.label}: ${await noDataReason(ctx, target)}`;
}

async function noDataReason(ctx: AnalysisContext, target: TargetArea): Promise<string> {
  const { db, source, spec } = ctx;
  const asOf = ctx.request.asOf;
  // What a source holds changes only with the data: remembered per data version (a miss over 33 boroughs asked
  // which boroughs partner records cover once per borough, each time over every slice).
  const ofSource = JSON.stringify([source.id, asOf ?? null]);
  const held = await remembered(db, 'monthsHeld', ofSource, () => monthsHeld(db, source, asOf));
  if (held.length === 0) {
    const first = asOf ? await remembered(db, 'firstExtract', source.id, () => firstExtract(db, source)) : null;
    if (first) return `nothing of it was extracted by ${asOf} (its earliest extract is ${first})`;
    return 'none of it has been imported';
  }
  const forArea = await coveredMonths(db, { spec, target, from: held[0]!, to: held[held.length - 1]!, asOf });
  if (forArea.size > 0)
    return `the period is outside the months it holds for ${target.name} (${monthRanges([...forArea])})`;

  const lookup = await missingLookup(ctx, target);
  if (lookup) return lookup;
  const boroughs = await remembered(db, 'boroughsCovered', ofSource, () => boroughsCovered(db, source, asOf));
  const covers = boroughs.length === 0 ? 'no London borough' : boroughList(boroughs.map((b) => b.name));
  if (target.type !== 'borough' && target.type !== 'region' && boroughs.some((b) => b.code === target.parentCode)) {
    return `it covers ${covers}, but holds nothing for ${target.name} in any month`;
  }
  return `${target.name} is outside what it covers (${covers})`;
}

/** A lookup the target's area type needs to find the source's LSOAs, when it is missing; null otherwise. */
async function missingLookup(ctx: AnalysisContext, target: TargetArea): Promise<string | null> {
  const { db, source } = ctx;
  if (!LSOA_SOURCES.has(source.id)) return null;
  if (target.type === 'ward' && source.id === 'police-uk-street') {
    return (await remembered(db, 'hasWardLookup', '', () => hasWardLookup(db)))
      ? null
      : `no LSOA-to-ward lookup has been imported, so its records cannot be placed in wards: ${LSOA_TO_WARD}`;
  }
  if (target.type === 'lsoa') return null;
  const into = target.type === 'ward' ? 'ward' : 'borough';
  const asOf = ctx.request.asOf;
  const { held, unplaced } = await remembered(
    db,
    'unplacedLsoas',
    JSON.stringify([source.id, asOf ?? null, into]),
    () => unplacedLsoas(db, source, asOf, into),
  );
  if (unplaced === 0) return null;
  const lookup = into === 'ward' ? LSOA_TO_WARD : LSOA_TO_BOROUGH;
  if (unplaced === held)
    return `the LSOA-to-${into} lookup has not been imported, so none of the ${held.toLocaleString('en-GB')} LSOAs it holds can be placed in a ${into}: ${lookup}`;
  return `${unplaced.toLocaleString('en-GB')} of the ${held.toLocaleString('en-GB')} LSOAs it holds are in no ${into} Safer knows (the LSOA-to-${into} lookup does not cover them): ${lookup}`;
}

/** Months as runs: '2016-06 to 2019-02, 2021-06 to 2024-08'; at most four runs, then '…'. */
export function monthRanges(months: readonly string[]): string {
  const sorted = [...months].sort();
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  const runs: [string, string][] = [];
  for (const m of sorted) {
    const last = runs[runs.length - 1];
    if (last && index(m) === index(last[1]) + 1) last[1] = m;
    else runs.push([m, m]);
  }
  const text = runs.slice(0, 4).map(([a, b]) => (a === b ? a : `${a} to ${b}`));
  return `${text.join(', ')}${runs.length > 4 ? ', …' : ''}`;
}

/** 'Tower Hamlets', 'Hackney and Tower Hamlets', 'Hackney, Newham and Tower Hamlets'; beyond six, how many. */
function boroughList(names: readonly string[]): string {
  if (names.length > 6) return `${names.length} London boroughs`;
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
