import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';
import { duplicateKeyOf, type EntryValues, searchTextOf, type ValueProblem } from './entryValues.ts';
import { placeEntry } from './places.ts';
import { rightsFor } from './readers.ts';
import type { RegisterContext } from './registerContext.ts';
import type { RegisterDefinition } from './registerSchema.ts';

/** A referenced entry's place, for entries that take their place from it (a knife bin's emptying). */
export interface ReferencedPlace {
  lon: number | null;
  lat: number | null;
  lsoa_code: string | null;
  ward_code: string | null;
}

/**
 * Checks that every reference names a submitted entry of its register that the actor may read, and returns the
 * places of those referenced, by reference. Used for one entry (form) and for a whole file (import, one query per
 * referenced register).
 */
export async function checkReferences(
  db: Kysely<DB>,
  ctx: RegisterContext,
  actor: Actor,
  references: readonly EntryValues['references'][number][],
): Promise<{ problems: ValueProblem[]; places: Map<string, ReferencedPlace> }> {
  const problems: ValueProblem[] = [];
  const places = new Map<string, ReferencedPlace>();
  const byRegister = new Map<string, Set<string>>();
  for (const r of references)
    for (const ref of r.refs) byRegister.set(r.register, (byRegister.get(r.register) ?? new Set()).add(ref));
  const found = new Set<string>();
  for (const [registerId, refs] of byRegister) {
    const target = ctx.registers.get(registerId);
    if (!target || !(await rightsFor(db, actor, target)).read) continue;
    const rows = await db
      .selectFrom('register_entry')
      .select(['reference', 'lon', 'lat', 'lsoa_code', 'ward_code'])
      .where('register_id', '=', registerId)
      .where('status', '=', 'submitted')
      .where('reference', 'in', [...refs])
      .execute();
    for (const row of rows) {
      found.add(`${registerId}|${row.reference}`);
      places.set(row.reference ?? '', row);
    }
  }
  for (const r of references)
    for (const ref of r.refs)
      if (!found.has(`${r.register}|${ref}`)) {
        const name = ctx.registers.get(r.register)?.entryName ?? r.register;
        problems.push({ field: r.field, message: `${ref} is not a ${name} you can see` });
      }
  return { problems, places };
}

/** The columns an entry's values give (not status, owner or who): place, date, data, search text, duplicate key. */
export function entryRowOf(
  register: RegisterDefinition,
  ctx: RegisterContext,
  values: EntryValues,
  referenced: ReadonlyMap<string, ReferencedPlace>,
  problems: ValueProblem[],
) {
  let place: ReferencedPlace = { lon: null, lat: null, lsoa_code: null, ward_code: null };
  if (register.geometry === 'reference') {
    const ref = values.references.find((r) => r.field === register.placeFrom)?.refs[0];
    place = (ref === undefined ? undefined : referenced.get(ref)) ?? place;
  } else if (register.geometry !== 'none' && register.geometry !== 'wards') {
    const placed = placeEntry(ctx.places, values.place);
    if ('message' in placed) problems.push(placed);
    else place = { lon: placed.lon, lat: placed.lat, lsoa_code: placed.lsoaCode, ward_code: placed.wardCode };
  } else if (register.geometry === 'wards') {
    for (const w of values.place.wards)
      if (!ctx.places.wards.has(w))
        problems.push({ field: wardsField(register), message: `${w} is not a ward of the borough` });
  }
  return {
    ...place,
    occurred_on: values.occurredOn,
    data: JSON.stringify(values.data),
    personal: Object.keys(values.personal).length === 0 ? null : JSON.stringify(values.personal),
    search_text: searchTextOf(register, values.data, ''),
    duplicate_key: duplicateKeyOf(register, values.data, values.place),
  };
}

const wardsField = (register: RegisterDefinition): string =>
  register.fields.find((f) => f.type === 'wards')?.name ?? 'wards';
