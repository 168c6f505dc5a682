import { sql, type RawBuilder } from 'kysely';
import type { Condition } from '../domain/definitions/definitionSchema.ts';

/** The aggregate age bands as inclusive [min, max] whole years ('65+' open-ended). */
export const AGE_BANDS: readonly { band: string; min: number; max: number }[] = [
  { band: '0', min: 0, max: 0 },
  { band: '1-9', min: 1, max: 9 },
  { band: '10-14', min: 10, max: 14 },
  { band: '15-17', min: 15, max: 17 },
  { band: '18-24', min: 18, max: 24 },
  { band: '25-34', min: 25, max: 34 },
  { band: '35-44', min: 35, max: 44 },
  { band: '45-54', min: 45, max: 54 },
  { band: '55-64', min: 55, max: 64 },
  { band: '65+', min: 65, max: 200 },
];

/** Columns of the partner aggregates a condition may test (all of them carry these). */
const FLAG_COLUMNS: Record<string, string> = {
  domestic_abuse: 'domestic_abuse',
  hate_crime: 'hate',
  knife_or_sharp_instrument: 'knife',
  firearm: 'firearm',
  sexual_offence: 'sexual',
};

export interface TranslatedCondition {
  sql: RawBuilder<boolean>;
  /** Set when an age condition does not fall on band edges: the figure then counts whole bands. */
  approximations: string[];
}

/**
 * A definition's record conditions as SQL over a partner aggregate aliased `a`. Raw SQL, on purpose: it is part of
 * the CountSpec filter, whose compiled text keys the stored definition counts (see CountSpec.filter in selection.ts),
 * and it runs over every partner aggregate and the derived person rows of analyses/recordProfiles.ts alike.
 * Ages are held in bands, so an age range is the bands inside it; a range
 * that cuts a band is widened to the whole band and says so.
 */
export function partnerConditionSql(condition: Condition): TranslatedCondition {
  const approximations: string[] = [];
  const walk = (c: Condition): RawBuilder<boolean> => {
    if ('anyOf' in c) return sql<boolean>`(${sql.join(c.anyOf.map(walk), sql` OR `)})`;
    if ('allOf' in c) return sql<boolean>`(${sql.join(c.allOf.map(walk), sql` AND `)})`;
    if (c.field === 'victim_age' || c.field === 'suspect_age') {
      const min = c.min ?? 0;
      const max = c.max ?? 200;
      const bands = AGE_BANDS.filter((b) => b.max >= min && b.min <= max);
      const cut = bands.filter((b) => b.min < min || b.max > max);
      if (cut.length > 0)
        approximations.push(
          `${c.field.replace('_', ' ')} ${min}–${max} counted by whole age bands (${cut.map((b) => b.band).join(', ')})`,
        );
      const column = c.field === 'victim_age' ? sql.ref('a.victim_band') : sql.ref('a.suspect_band');
      if (bands.length === 0) return sql<boolean>`false`;
      return sql<boolean>`${column} IN (${sql.join(bands.map((b) => sql.lit(b.band)))})`;
    }
    const column = FLAG_COLUMNS[c.field];
    if (!column) throw new Error(`partner records carry no ${c.field}`); // capability() rules this out first
    const is = 'is' in c ? c.is : true;
    return is ? sql<boolean>`${sql.ref(`a.${column}`)}` : sql<boolean>`NOT ${sql.ref(`a.${column}`)}`;
  };
  return { sql: walk(condition), approximations };
}
