import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Definition } from '../../domain/definitions/definitionSchema.ts';
import { findDefinition, loadDefinitions } from '../loadDefinitions.ts';
import { buildSelection, type CountSpec } from '../selection.ts';
import { ALL_RECORDS_KEY, definitionKey } from './definitionKey.ts';

/**
 * Fills agg_partner_definition: for every definition (latest version of each
 * id) that partner records can produce, its record and offence counts per
 * slice and borough (with the slice's month), summed from agg_partner_police_core with exactly the
 * filter a figure would apply — so a headline, series or ward figure reads one
 * row per slice instead of one per record, and gives the same numbers.
 *
 * `batchId` fills that batch's slices; null fills every slice (after a rebuild).
 * A key seen for the first time is filled for every slice; keys of
 * definitions no longer on disk are dropped. Runs inside the import's
 * transaction, after the record-level aggregates of the batch are filled.
 */
export async function refreshDefinitionCounts(
  trx: Kysely<DB>,
  batchId: number | null,
  load: () => Promise<readonly Definition[]> = loadDefinitions,
): Promise<void> {
  let wanted: Map<string, { definition: Definition; spec: CountSpec }>;
  try {
    wanted = await wantedKeys(trx, await load());
  } catch {
    // Definitions that cannot be read now cannot be kept up to date: forget every key, so figures
    // read the record-level aggregates (slower, never wrong) until an import can fill them again.
    await sql`DELETE FROM agg_definition_key`.execute(trx);
    return;
  }
  const stale = (await trx.selectFrom('agg_definition_key').select('definition_key').execute())
    .map((r) => r.definition_key)
    .filter((k) => !wanted.has(k));
  if (stale.length > 0) await trx.deleteFrom('agg_definition_key').where('definition_key', 'in', stale).execute(); // rows cascade
  for (const [key, { definition, spec }] of wanted) {
    // Whoever registers a key fills it for every slice it can see; everyone else fills only their own batch.
    const inserted = await trx
      .insertInto('agg_definition_key')
      .values({ definition_key: key, definition_id: definition.id, version: definition.version })
      .onConflict((oc) => oc.column('definition_key').doNothing())
      .returning('definition_key')
      .executeTakeFirst();
    if (batchId === null && !inserted)
      await trx.deleteFrom('agg_partner_definition').where('definition_key', '=', key).execute();
    const scope = inserted || batchId === null ? sql<boolean>`true` : sql<boolean>`s.batch_id = ${batchId}`;
    await sql`
      INSERT INTO agg_partner_definition (slice_id, definition_key, borough_code, month, n_records, n_offences)
      SELECT a.slice_id, ${key}, a.borough_code, a.month, sum(a.n_records), sum(a.n_offences)
      FROM agg_partner_police_core a JOIN count_slice s ON s.id = a.slice_id
      WHERE ${scope} AND ${spec.filter}
      GROUP BY a.slice_id, a.borough_code, a.month
      ORDER BY a.borough_code, a.month, a.slice_id`.execute(trx);
  }
  // Small (a row per slice and key), and read by every figure: fresh statistics keep its plans right,
  // and PGlite, which never analyses by itself, would otherwise plan it as if empty.
  await sql`ANALYZE agg_partner_definition`.execute(trx);
}

/** Key → definition and partner filter, for the latest version of every definition partner records can produce. */
async function wantedKeys(
  db: Kysely<DB>,
  definitions: readonly Definition[],
): Promise<Map<string, { definition: Definition; spec: CountSpec }>> {
  // Every record, whatever it is: which slices hold any record of a borough (coverage of a period).
  const everything: Definition = {
    id: ALL_RECORDS_KEY,
    version: 0,
    name: 'all partner police records',
    description: 'every record',
    combine: 'union',
    requires: [],
    source: { document: 'Safer', publisher: 'Safer', date: '', quote: '' },
    rules: [{ id: 'all', label: 'all', counts: 'offences', offences: 'any offence' }],
  };
  const out = new Map<string, { definition: Definition; spec: CountSpec }>([
    [
      ALL_RECORDS_KEY,
      {
        definition: everything,
        spec: { source: 'partner-police', filter: sql<boolean>`true`, counts: 'offences', caveats: [] },
      },
    ],
  ]);
  for (const id of new Set(definitions.map((d) => d.id))) {
    const definition = findDefinition(definitions, id)!;
    const spec = (await buildSelection(db, definitions, { definition: id })).specs['partner-police'];
    if (spec) out.set(definitionKey(db, definition, spec), { definition, spec });
  }
  return out;
}
