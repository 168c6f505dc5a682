import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { LoadContext } from '../layout.ts';

/**
 * The area a police.uk street or outcome row's revision slice is keyed by (see
 * docs/decisions/0004-police-uk-borough-slices.md and 0009): the London borough its
 * LSOA lies in, read from the LSOA name ("Tower Hamlets 001A"), or else the
 * LSOA code itself. A pure function of the row, so the same row always falls
 * in the same slice whatever was imported before: two imports can never key
 * one crime differently and count it twice.
 */
const LONDON_BOROUGH_CODES: ReadonlyMap<string, string> = new Map([
  ['City of London', 'E09000001'],
  ['Barking and Dagenham', 'E09000002'],
  ['Barnet', 'E09000003'],
  ['Bexley', 'E09000004'],
  ['Brent', 'E09000005'],
  ['Bromley', 'E09000006'],
  ['Camden', 'E09000007'],
  ['Croydon', 'E09000008'],
  ['Ealing', 'E09000009'],
  ['Enfield', 'E09000010'],
  ['Greenwich', 'E09000011'],
  ['Hackney', 'E09000012'],
  ['Hammersmith and Fulham', 'E09000013'],
  ['Haringey', 'E09000014'],
  ['Harrow', 'E09000015'],
  ['Havering', 'E09000016'],
  ['Hillingdon', 'E09000017'],
  ['Hounslow', 'E09000018'],
  ['Islington', 'E09000019'],
  ['Kensington and Chelsea', 'E09000020'],
  ['Kingston upon Thames', 'E09000021'],
  ['Lambeth', 'E09000022'],
  ['Lewisham', 'E09000023'],
  ['Merton', 'E09000024'],
  ['Newham', 'E09000025'],
  ['Redbridge', 'E09000026'],
  ['Richmond upon Thames', 'E09000027'],
  ['Southwark', 'E09000028'],
  ['Sutton', 'E09000029'],
  ['Tower Hamlets', 'E09000030'],
  ['Waltham Forest', 'E09000031'],
  ['Wandsworth', 'E09000032'],
  ['Westminster', 'E09000033'],
]);

/** An LSOA name is its local authority's name, a space, three digits and a letter. */
const LSOA_NAME = /^(.+) \d{3}[A-Z]$/;

/** The London borough code an LSOA name belongs to, or null (outside London, or not an LSOA name). */
export function londonBoroughOfLsoaName(lsoaName: string): string | null {
  const m = LSOA_NAME.exec(lsoaName);
  return m ? (LONDON_BOROUGH_CODES.get(m[1]!) ?? null) : null;
}

/** Remembers each LSOA name's borough: a file has a few thousand LSOAs and millions of rows. */
export class PoliceUkSliceAreas {
  private readonly byName = new Map<string, string | null>();
  /** LSOAs whose rows were keyed by borough: slices keyed by these LSOAs come from before 0004 (see legacyLsoaBatches). */
  readonly lsoasKeyedByBorough = new Set<string>();

  /** The slice area of a row in LSOA `lsoaCode` named `lsoaName`: its London borough, or else the LSOA code. */
  areaOf(lsoaCode: string, lsoaName: string): string {
    let borough = this.byName.get(lsoaName);
    if (borough === undefined) {
      borough = londonBoroughOfLsoaName(lsoaName);
      if (this.byName.size < 100_000) this.byName.set(lsoaName, borough);
    }
    if (borough === null) return lsoaCode;
    this.lsoasKeyedByBorough.add(lsoaCode);
    return borough;
  }
}

/**
 * Batches holding current police.uk street slices keyed by one of `lsoas` in
 * one of `months`: imported before slices were keyed by borough (0004). A new
 * borough slice would not replace them, so the same crimes would count twice.
 */
export async function legacyLsoaBatches(
  trx: Kysely<DB>,
  series: string,
  lsoas: readonly string[],
  months: readonly string[],
): Promise<number[]> {
  if (lsoas.length === 0 || months.length === 0) return [];
  const { rows } = await sql<{ batch_id: number }>`
    SELECT DISTINCT batch_id FROM count_slice
    WHERE series = ${series} AND superseded_by IS NULL AND area_code = ANY(${lsoas}::text[]) AND month = ANY(${months}::date[])
    ORDER BY batch_id LIMIT 20`.execute(trx);
  return rows.map((r) => Number(r.batch_id));
}

/**
 * Refuses the import (adds the problem and returns true) when its months already hold current slices
 * keyed by an LSOA it now keys by borough: `records` names what was imported ("street records", "outcomes").
 */
export async function refuseLegacyLsoaSlices(
  ctx: Pick<LoadContext, 'trx' | 'series' | 'problems'>,
  areas: PoliceUkSliceAreas,
  months: Iterable<string>,
  records: string,
): Promise<boolean> {
  const legacy = await legacyLsoaBatches(ctx.trx, ctx.series, [...areas.lsoasKeyedByBorough], [...months]);
  if (legacy.length === 0) return false;
  ctx.problems.add({
    line: null,
    column: null,
    value: null,
    message: `this database holds police.uk ${records} for the same months imported before ${records} were grouped by borough (batch ${legacy.join(', ')}); undo those imports and import their files again, so that nothing is counted twice`,
  });
  return true;
}
