import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { PersonSex } from '../../db/tables/panels.ts';
import { ageBand, ageOn, ETHNICITY_CODES, ethnicGroup } from '../../domain/panels/demographics.ts';
import { openJson, sealJson } from '../crypto/fieldCipher.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { newReference } from '../references.ts';

/*
 * A person on a referral or a case: the minimum that identifies them in clear (name, date of birth, sex: needed
 * to find repeats and to answer a subject access request) and the special category fields sealed
 * (`special_enc`, AES-256-GCM, src/panels/crypto). Nothing else about a person is stored.
 */

const SPECIAL_CONTEXT = 'person.special_enc';

export const SpecialFields = z.object({
  ethnicity: z.enum(ETHNICITY_CODES as [string, ...string[]]).default('not-stated'),
  /** Health or disability relevant to the risk (special category). */
  health: z.string().max(2000).optional(),
  /** Anything else in a special category (sexuality, religion) the referrer judged necessary. */
  other: z.string().max(2000).optional(),
});
export type SpecialFields = z.infer<typeof SpecialFields>;

export interface NewPerson {
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: PersonSex;
  special: SpecialFields;
}

export interface Person extends NewPerson {
  id: number;
  reference: string;
}

/** Lower case, accents and anything not a letter removed: "O'Brien-Smith" and "obrien smith" match. */
const normalise = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');

/** What repeat detection matches a person on: normalised family name, given name and date of birth. */
export const matchKey = (p: Pick<NewPerson, 'givenName' | 'familyName' | 'dateOfBirth'>): string =>
  `${normalise(p.familyName)}|${normalise(p.givenName)}|${p.dateOfBirth}`;

/** Inserts a person (inside the caller's transaction); retries a reference clash. */
export async function insertPerson(trx: Kysely<DB>, ring: KeyRing, p: NewPerson, createdBy: number): Promise<Person> {
  for (let attempt = 0; ; attempt++) {
    const reference = newReference('P');
    const clash = await trx.selectFrom('person').select('id').where('reference', '=', reference).executeTakeFirst();
    if (clash && attempt < 5) continue;
    const row = await trx
      .insertInto('person')
      .values({
        reference,
        given_name: p.givenName.trim(),
        family_name: p.familyName.trim(),
        date_of_birth: p.dateOfBirth,
        sex: p.sex,
        match_key: matchKey(p),
        special_enc: sealJson(ring, SPECIAL_CONTEXT, p.special),
        created_by: createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ...p, id: row.id, reference };
  }
}

/** Reads a person and opens their special category fields. Callers have already checked need to know. */
export async function readPerson(db: Kysely<DB>, ring: KeyRing, id: number): Promise<Person | null> {
  const row = await db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  const special = openSpecial(ring, row.special_enc);
  return {
    id: row.id,
    reference: row.reference,
    givenName: row.given_name,
    familyName: row.family_name,
    dateOfBirth: row.date_of_birth,
    sex: row.sex,
    special,
  };
}

/** Opens a person's sealed special category fields (none sealed reads as the defaults). */
export const openSpecial = (ring: KeyRing, sealed: string | null): SpecialFields =>
  SpecialFields.parse(sealed ? openJson(ring, SPECIAL_CONTEXT, sealed) : {});

/** Re-seals a person's special fields (rectification; key rotation). */
export async function writeSpecial(trx: Kysely<DB>, ring: KeyRing, id: number, special: SpecialFields): Promise<void> {
  await trx
    .updateTable('person')
    .set({ special_enc: sealJson(ring, SPECIAL_CONTEXT, special), updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

/** The coarse dimensions a person contributes to an anonymous count on a day. */
export const factDimensions = (person: Person, day: string) => ({
  age_band: ageBand(ageOn(person.dateOfBirth, day)),
  sex: person.sex,
  ethnicity_group: ethnicGroup(person.special.ethnicity),
});

export { SPECIAL_CONTEXT };
