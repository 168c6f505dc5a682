import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * police_uk_label ids of the texts street records repeat (forces, outcome
 * categories; migration 0013), found or added in the import's transaction, so
 * a rejected file leaves none behind. A file has a few dozen: each costs a
 * statement the first time, a Map lookup after.
 */
export class StreetLabels {
  private readonly ids = new Map<string, number>();

  constructor(private readonly trx: Kysely<DB>) {}

  /** The id already known for `text`, or undefined (then idFor finds it). */
  idOf(text: string): number | undefined {
    return this.ids.get(text);
  }

  async idFor(text: string): Promise<number> {
    const known = this.ids.get(text);
    if (known !== undefined) return known;
    const found = await this.trx
      .selectFrom('police_uk_label')
      .select('id')
      .where('label', '=', text)
      .executeTakeFirst();
    const id = found?.id ?? (await this.add(text));
    this.ids.set(text, id);
    return id;
  }

  private async add(text: string): Promise<number> {
    // DO NOTHING, then read: another import may have added the label since (PostgreSQL server).
    await this.trx
      .insertInto('police_uk_label')
      .values({ label: text })
      .onConflict((oc) => oc.column('label').doNothing())
      .execute();
    const row = await this.trx
      .selectFrom('police_uk_label')
      .select('id')
      .where('label', '=', text)
      .executeTakeFirstOrThrow();
    return row.id;
  }
}
