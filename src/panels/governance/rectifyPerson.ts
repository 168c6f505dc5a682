import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import type { KeyRing } from '../crypto/keyRing.ts';
import { matchKey, readPerson, SpecialFields, writeSpecial } from '../people/person.ts';

/*
 * Rectification (UK GDPR article 16): the corrected fields of one person, inside the caller's transaction. Names,
 * date of birth and sex are written in clear with a fresh match key; any special field corrected re-seals the whole
 * special record under the current key. `health` and `other` may also be cleared (`clear`), a choice apart from
 * leaving them unchanged (no value) and refused beside a corrected value for the same field. Returns the NAMES of
 * the fields changed, for the audit row, never a value.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar day that exists (2026-02-31 does not). */
export const realDay = (d: string) => !Number.isNaN(Date.parse(d)) && new Date(d).toISOString().slice(0, 10) === d;

export const Corrections = z
  .object({
    givenName: z.string().trim().min(1, 'enter the given name').max(100).optional(),
    familyName: z.string().trim().min(1, 'enter the family name').max(100).optional(),
    dateOfBirth: z.string().regex(DAY, 'a date as YYYY-MM-DD').refine(realDay, 'not a real date').optional(),
    sex: z.enum(['female', 'male', 'not-known']).optional(),
    ethnicity: SpecialFields.shape.ethnicity.removeDefault().optional(),
    health: z.string().max(2000).optional(),
    other: z.string().max(2000).optional(),
    /** Special fields to clear to blank: what is held is removed, not corrected. */
    clear: z.array(z.enum(['health', 'other'], { message: 'only health or other can be cleared' })).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    for (const field of c.clear ?? [])
      if (c[field] !== undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `either correct ${field} or clear it, not both` });
  });
export type Corrections = z.infer<typeof Corrections>;

export class RectificationError extends Error {
  override name = 'RectificationError';
}

export async function rectifyPerson(
  trx: Kysely<DB>,
  ring: KeyRing,
  personId: number,
  corrections: Corrections,
  today: string,
): Promise<string[]> {
  const person = await readPerson(trx, ring, personId);
  if (!person) throw new RectificationError('person: no person has that reference');
  // The schema refuses this too; here for callers that pass corrections unparsed.
  for (const field of corrections.clear ?? [])
    if (corrections[field] !== undefined)
      throw new RectificationError(`${field}: either correct ${field} or clear it, not both`);
  if (corrections.dateOfBirth !== undefined && corrections.dateOfBirth > today)
    throw new RectificationError('dateOfBirth: the date of birth cannot be in the future');
  const clear = {
    givenName: corrections.givenName ?? person.givenName,
    familyName: corrections.familyName ?? person.familyName,
    dateOfBirth: corrections.dateOfBirth ?? person.dateOfBirth,
    sex: corrections.sex ?? person.sex,
  };
  const special = SpecialFields.parse({
    ...person.special,
    ...(corrections.ethnicity === undefined ? {} : { ethnicity: corrections.ethnicity }),
    ...(corrections.health === undefined ? {} : { health: corrections.health }),
    ...(corrections.other === undefined ? {} : { other: corrections.other }),
  });
  // A cleared field leaves the sealed record altogether (no empty string kept in its place).
  for (const field of corrections.clear ?? []) delete special[field];
  const changed = (
    [
      ['givenName', clear.givenName !== person.givenName],
      ['familyName', clear.familyName !== person.familyName],
      ['dateOfBirth', clear.dateOfBirth !== person.dateOfBirth],
      ['sex', clear.sex !== person.sex],
      ['ethnicity', special.ethnicity !== person.special.ethnicity],
      ['health', (special.health ?? '') !== (person.special.health ?? '')],
      ['other', (special.other ?? '') !== (person.special.other ?? '')],
    ] as const
  )
    .filter(([, differs]) => differs)
    .map(([name]) => name);
  if (changed.length === 0) throw new RectificationError('corrections: nothing differs from what is held');
  await trx
    .updateTable('person')
    .set({
      given_name: clear.givenName,
      family_name: clear.familyName,
      date_of_birth: clear.dateOfBirth,
      sex: clear.sex,
      match_key: matchKey(clear),
      updated_at: new Date(),
    })
    .where('id', '=', personId)
    .execute();
  if (changed.some((c) => c === 'ethnicity' || c === 'health' || c === 'other'))
    await writeSpecial(trx, ring, personId, special);
  return changed;
}
