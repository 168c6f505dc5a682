import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { CategoryRef, ClassificationId, Definition } from '../domain/definitions/definitionSchema.ts';
import { isTotalNotifiable, TOTAL_NOTIFIABLE_MAJOR } from '../domain/classifications/totalNotifiable.ts';
import { AnalysisError } from './figure.ts';
import { remembered } from './referenceMemo.ts';

/* The offence catalogue (offence_category) as a selection needs it: a category asked by name, and a definition's categories as ids. */

/** A one-rule definition for every category, in any classification, whose major or minor is the label (case-insensitive). */
export function categoryDefinition(db: Kysely<DB>, label: string): Promise<Definition> {
  return remembered(db, 'categoryDefinition', label, () => lookUpCategoryDefinition(db, label));
}

async function lookUpCategoryDefinition(db: Kysely<DB>, label: string): Promise<Definition> {
  const rows = await db
    .selectFrom('offence_category')
    .select(['classification', 'major', 'minor'])
    .where((eb) =>
      eb.or([
        eb(eb.fn('upper', ['major']), '=', label.toUpperCase()),
        eb(eb.fn('upper', ['minor']), '=', label.toUpperCase()),
      ]),
    )
    .execute();
  if (rows.length === 0) {
    throw new AnalysisError(
      'NOT_FOUND',
      `no offence category is called "${label}" in any classification (try a police.uk crime type, an MPS major or minor category, VAWG or stop and search)`,
    );
  }
  const offences: Partial<Record<ClassificationId, { relation: 'same offences'; categories: CategoryRef[] }>> = {};
  for (const r of rows) {
    const c = r.classification as ClassificationId;
    const refs = offences[c]?.categories ?? [];
    const majorMatch = r.major.toUpperCase() === label.toUpperCase();
    refs.push(majorMatch ? { major: r.major } : { major: r.major, minor: r.minor });
    offences[c] = { relation: 'same offences', categories: refs };
  }
  return {
    id: 'category',
    version: 1,
    name: `category "${label}"`,
    description: `every offence categorised "${label}"`,
    source: { document: 'offence classification', publisher: 'Safer', date: '', quote: '' },
    combine: 'union',
    requires: [],
    rules: [{ id: 'category', label, counts: 'offences', offences }],
  };
}

/**
 * offence_category ids for category references of one classification (a major without minor takes all its minors).
 * Total notifiable offences takes every other category of the classification (totalNotifiable.ts): its own
 * catalogue row holds no counts, and leaving it out keeps a publisher's own total line, were one stored, from counting twice.
 */
export async function categoryIds(
  db: Kysely<DB>,
  classification: ClassificationId,
  refs: readonly CategoryRef[],
): Promise<number[]> {
  if (refs.length === 0) return [];
  return remembered(db, 'categoryIds', JSON.stringify([classification, refs]), () =>
    lookUpCategoryIds(db, classification, refs),
  );
}

async function lookUpCategoryIds(
  db: Kysely<DB>,
  classification: ClassificationId,
  refs: readonly CategoryRef[],
): Promise<number[]> {
  const total = refs.some((r) => isTotalNotifiable(classification, r));
  const rows = await db
    .selectFrom('offence_category')
    .select('id')
    .where('classification', '=', classification)
    .where((eb) =>
      total
        ? eb(
            eb.fn('upper', ['major']),
            '<>',
            TOTAL_NOTIFIABLE_MAJOR[classification as keyof typeof TOTAL_NOTIFIABLE_MAJOR].toUpperCase(),
          )
        : eb.or(
            refs.map((r) => {
              const major = eb(eb.fn('upper', ['major']), '=', r.major.trim().toUpperCase());
              return r.minor === undefined
                ? major
                : eb.and([major, eb(eb.fn('upper', ['minor']), '=', r.minor.trim().toUpperCase())]);
            }),
          ),
    )
    .orderBy('id') // a stable filter, so its definition key (aggregates/definitionKey.ts) is too
    .execute();
  return rows.map((r) => r.id);
}
