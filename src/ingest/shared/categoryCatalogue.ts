import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** How differently spelt or cased category names find one catalogue entry. */
export function categoryMatchKey(major: string, minor: string): string {
  const clean = (s: string) => s.trim().replace(/\s+/g, ' ').toUpperCase();
  return `${clean(major)}|${clean(minor)}`;
}

/**
 * Finds or adds offence categories during an import, caching ids. The
 * catalogue grows as publishers introduce categories; mappings between
 * classifications are curated separately (offence_mapping).
 */
export class CategoryCatalogue {
  private readonly ids = new Map<string, number>();

  constructor(private readonly trx: Kysely<DB>) {}

  async idFor(classification: string, major: string, minor = ''): Promise<number> {
    const key = categoryMatchKey(major, minor);
    const cacheKey = `${classification}\u0001${key}`;
    const cached = this.ids.get(cacheKey);
    if (cached !== undefined) return cached;
    await this.trx
      .insertInto('offence_category')
      .values({ classification, major: major.trim(), minor: minor.trim(), match_key: key })
      .onConflict((oc) => oc.columns(['classification', 'match_key']).doNothing())
      .execute();
    const row = await this.trx
      .selectFrom('offence_category')
      .select('id')
      .where('classification', '=', classification)
      .where('match_key', '=', key)
      .executeTakeFirstOrThrow();
    this.ids.set(cacheKey, row.id);
    return row.id;
  }
}
