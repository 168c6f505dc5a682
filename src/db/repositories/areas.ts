import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../schema.ts';
import type { AreaTable } from '../tables/core.ts';

export type Area = Selectable<AreaTable>;

export async function listAreas(
  db: Kysely<DB>,
  filter: { type?: Area['type']; vintage?: string } = {},
): Promise<Area[]> {
  let query = db.selectFrom('area').selectAll();
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.vintage !== undefined) query = query.where('vintage', '=', filter.vintage);
  return query.orderBy('type').orderBy('code').execute();
}

/** Borough (or pseudo-borough) codes by lower-cased name, for files that name boroughs instead of coding them. */
export async function boroughCodesByName(db: Kysely<DB>): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('area')
    .select(['code', 'name'])
    .where('type', 'in', ['borough', 'pseudo'])
    .execute();
  const aliases = await db.selectFrom('area_alias').select(['alias', 'code']).execute();
  return new Map([
    ...rows.map((r) => [r.name.trim().toLowerCase(), r.code] as const),
    ...aliases.map((a) => [a.alias, a.code] as const),
  ]);
}
