import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/recordAudit.ts';
import type { Actor } from '../../auth/policy.ts';
import type { DB } from '../../db/schema.ts';
import { listEntries } from '../entryQueries.ts';
import type { RegisterSet } from '../loadRegisters.ts';
import { rightsFor, rightsForAll } from '../readers.ts';
import type { RegisterDefinition } from '../registerSchema.ts';
import { type RegisterCounts, registerCounts } from './registerCounts.ts';

/*
 * A register on the places map: its entries as points for readers of the register, or its counts by ward or LSOA
 * (small numbers suppressed) for readers outside a readership that releases counts; nothing for anyone else.
 * A register placed only by area (community tensions) is counted by area even for its readers.
 */

/**
 * The most points drawn (the newest); the layer says when there are more. Each point is drawn on two maps and listed
 * in the table beside them: 2,000 made a page of about a megabyte, too much for a phone, and at 50 readers at once
 * the places page missed its 250 ms (bench/registers); 500 newest points still show where the work is.
 */
export const MAX_LAYER_POINTS = 500;

const placed = (r: RegisterDefinition) => r.geometry !== 'none' && r.geometry !== 'wards';
const hasPoints = (r: RegisterDefinition) =>
  r.geometry === 'point' || r.geometry === 'point-or-area' || r.geometry === 'reference';

export interface LayerChoice {
  id: string;
  name: string;
  mode: 'points' | 'counts';
}

/** The registers the reader may put on the map, and how: points, or counts. */
export async function layerChoices(db: Kysely<DB>, actor: Actor, registers: RegisterSet): Promise<LayerChoice[]> {
  return (await rightsForAll(db, actor, registers))
    .filter(({ register, rights }) => placed(register) && (rights.read || rights.countsOnly))
    .map(({ register, rights }) => ({
      id: register.id,
      name: register.name,
      mode: rights.read && hasPoints(register) ? ('points' as const) : ('counts' as const),
    }));
}

export interface LayerEntryPoint {
  id: number;
  reference: string;
  occurredOn: string | null;
  lon: number;
  lat: number;
  wardCode: string | null;
  lsoaCode: string | null;
}

export type RegisterLayerData =
  | { kind: 'points'; register: RegisterDefinition; points: LayerEntryPoint[]; more: boolean; withoutPoint: number }
  | { kind: 'counts'; register: RegisterDefinition; counts: RegisterCounts }
  | { kind: 'refused'; register: RegisterDefinition; message: string };

export async function registerLayerData(
  db: Kysely<DB>,
  actor: Actor,
  register: RegisterDefinition,
  span: { from: string; to: string; level: 'ward' | 'lsoa' },
  now: Date = new Date(),
): Promise<RegisterLayerData> {
  const rights = await rightsFor(db, actor, register);
  if (!placed(register) || (!rights.read && !rights.countsOnly))
    return { kind: 'refused', register, message: `you may not see ${register.name} on the map` };
  if (!rights.read || !hasPoints(register))
    return {
      kind: 'counts',
      register,
      counts: await registerCounts(db, actor, register, register.measures[0]!.id, {
        from: span.from,
        to: span.to,
        by: span.level,
      }),
    };
  const base = db
    .selectFrom('register_entry')
    .where('register_id', '=', register.id)
    .where('status', '=', 'submitted')
    .where('occurred_on', '>=', span.from)
    .where('occurred_on', '<=', span.to);
  const [rows, unplaced] = await Promise.all([
    base
      .select(['id', 'reference', 'occurred_on', 'lon', 'lat', 'ward_code', 'lsoa_code'])
      .where('lon', 'is not', null)
      .orderBy('occurred_on', 'desc')
      .orderBy('id', 'desc')
      .limit(MAX_LAYER_POINTS + 1)
      .execute(),
    base
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('lon', 'is', null)
      .executeTakeFirstOrThrow(),
  ]);
  const points = rows.slice(0, MAX_LAYER_POINTS).map((r) => ({
    id: r.id,
    reference: r.reference ?? `#${r.id}`,
    occurredOn: r.occurred_on === null ? null : String(r.occurred_on).slice(0, 10),
    lon: r.lon as number,
    lat: r.lat as number,
    wardCode: r.ward_code,
    lsoaCode: r.lsoa_code,
  }));
  // Entries of an OFFICIAL-SENSITIVE register read as points are read like a list: audited.
  if (register.classification === 'restricted' && points.length > 0)
    await db.transaction().execute((trx) =>
      recordAudit(
        trx,
        {
          action: 'register.read',
          actor: { userId: actor.id, email: actor.email, agency: actor.agency },
          subjectType: 'register',
          subjectId: register.id,
          details: { mapLayer: true, references: points.map((p) => p.reference) },
        },
        now,
      ),
    );
  return { kind: 'points', register, points, more: rows.length > MAX_LAYER_POINTS, withoutPoint: Number(unplaced.n) };
}

export interface PlaceEntry {
  registerId: string;
  registerName: string;
  reference: string;
  date: string | null;
  href: string;
}

/** The entries within a ward or LSOA, from every register the reader may read, newest first per register. */
export async function placeEntries(
  db: Kysely<DB>,
  actor: Actor,
  registers: RegisterSet,
  area: { type: 'ward' | 'lsoa'; code: string },
  span: { from: string; to: string },
  now: Date = new Date(),
): Promise<{ entries: PlaceEntry[]; more: boolean }> {
  const readable = (await rightsForAll(db, actor, registers)).filter((r) => r.rights.read && placed(r.register));
  const lists = await Promise.all(
    readable.map(async ({ register }) => {
      const filter = { from: span.from, to: span.to, limit: 50, [area.type]: area.code };
      const { entries, total } = await listEntries(db, actor, register, filter, now);
      return {
        more: total > entries.length,
        entries: entries.map((e) => ({
          registerId: register.id,
          registerName: register.name,
          reference: e.reference,
          date: e.occurredOn,
          href: `/registers/${register.id}/entries/${e.id}`,
        })),
      };
    }),
  );
  return { entries: lists.flatMap((l) => l.entries), more: lists.some((l) => l.more) };
}
