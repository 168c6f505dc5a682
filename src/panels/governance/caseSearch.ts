import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import { recordAudit } from '../../audit/recordAudit.ts';
import type { DB } from '../../db/schema.ts';
import { readableCases } from '../access/caseAccess.ts';
import { matchKey } from '../people/person.ts';
import { REFERENCE_PATTERN } from '../references.ts';

/*
 * Finding a case by its reference, its person's reference or the person's name. Every result passes the need-to-know
 * rule as SQL (`readableCases`), so a search by someone outside the panel finds nothing, exactly as if there were
 * no such case. The audit row keeps the query's length, never its text (a name typed is itself personal data).
 */

export interface CaseHit {
  id: number;
  reference: string;
  panelId: string;
  panelName: string;
  status: 'open' | 'closed';
  personReference: string | null;
  personName: string | null;
}

export const MAX_QUERY = 100;
const LIMIT = 50;

/** A name as match keys store it: lower case letters only ("O'Brien" → "obrien"). */
const normalised = (s: string): string =>
  matchKey({ familyName: s, givenName: '', dateOfBirth: '' }).split('|')[0] ?? '';

/** The match_key prefixes a name query means: "smith", or "alex smith" as family "smith", given "alex…" (and reversed). */
export function namePrefixes(query: string): string[] {
  const words = query
    .split(/\s+/)
    .map(normalised)
    .filter((w) => w.length > 0);
  if (words.length === 0) return [];
  if (words.length === 1) return [words[0] ?? ''];
  const first = words[0] ?? '';
  const last = words[words.length - 1] ?? '';
  return [`${last}|${first}`, `${first}|${last}`];
}

export async function searchCases(
  db: Kysely<DB>,
  actor: Actor,
  query: string,
  now: Date,
  ip?: string,
): Promise<CaseHit[]> {
  const q = query.trim().slice(0, MAX_QUERY);
  const reference = q.toUpperCase();
  const byReference = REFERENCE_PATTERN.test(reference);
  const prefixes = byReference ? [] : namePrefixes(q);
  let hits: CaseHit[] = [];
  if (byReference || prefixes.length > 0) {
    const rows = await db
      .selectFrom('panel_case as c')
      .innerJoin('panel as pn', 'pn.id', 'c.panel_id')
      .leftJoin('person as p', 'p.id', 'c.person_id')
      .select([
        'c.id',
        'c.reference',
        'c.panel_id',
        'pn.name as panel_name',
        'c.status',
        'p.reference as person_reference',
        'p.given_name',
        'p.family_name',
      ])
      .where(readableCases(actor, now))
      .where((eb) =>
        byReference
          ? eb.or([eb('c.reference', '=', reference), eb('p.reference', '=', reference)])
          : eb.or(prefixes.map((prefix) => eb('p.match_key', 'like', `${prefix}%`))),
      )
      .orderBy('c.opened_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(LIMIT)
      .execute();
    hits = rows.map((r) => ({
      id: r.id,
      reference: r.reference,
      panelId: r.panel_id,
      panelName: r.panel_name,
      status: r.status,
      personReference: r.person_reference,
      personName: r.given_name === null ? null : `${r.given_name} ${r.family_name}`,
    }));
  }
  await db.transaction().execute((trx) =>
    recordAudit(
      trx,
      {
        action: 'case.search',
        actor: { userId: actor.id, email: actor.email, agency: actor.agency },
        subjectType: 'panel_case',
        subjectId: '',
        ip,
        details: { queryLength: q.length, kind: byReference ? 'reference' : 'name', results: hits.length },
      },
      now,
    ),
  );
  return hits;
}
