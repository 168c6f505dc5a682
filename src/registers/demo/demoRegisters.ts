import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/policy.ts';
import { findUserByEmail } from '../../auth/users.ts';
import type { DB } from '../../db/schema.ts';
import { Prng } from '../../synth/prng.ts';
import { saveEntry } from '../entryStore.ts';
import { loadRegisters } from '../loadRegisters.ts';
import { setNamedReader } from '../readers.ts';
import { type RegisterContext, registerContext } from '../registerContext.ts';
import { demoBins, demoEmptyings, demoSweeps, demoTestPurchases, type RawEntry } from './demoOperations.ts';
import { type DemoPlaces, loadDemoPlaces } from './demoPlaces.ts';
import { demoServices } from './demoProvision.ts';
import { demoIncidents, demoLocationsOfConcern, demoTensions } from './demoSafeguarding.ts';

/*
 * Seeds the demo's registers with a year of SYNTHETIC entries for Tower Hamlets (the twelve months to the last month
 * of the demo's crime data, so the layers sit beside the crime maps of the same year), through saveEntry like a
 * form, so every rule, version row and audit entry holds. The demo's partnership manager and council analyst are
 * named readers of community tensions. Seeded, so the same entries every time; a register that already holds
 * entries by the demo's people is left alone, so a second start adds nothing.
 */

export const DEMO_BOROUGH = 'E09000030';
const SEED = 20;
const MANAGER = 'manager@council.demo';
const ANALYST = 'analyst@council.demo';
const POLICE = 'owner@police.demo';

async function actor(db: Kysely<DB>, email: string): Promise<Actor | undefined> {
  const u = await findUserByEmail(db, email);
  return u ? { id: u.id, email: u.email, agency: u.agency_code, role: u.role } : undefined;
}

/** Whether the demo has seeded this register already: it holds entries by the demo's people. */
async function seeded(db: Kysely<DB>, registerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('register_entry')
    .select('id')
    .where('register_id', '=', registerId)
    .where('created_by_email', 'in', [MANAGER, ANALYST, POLICE])
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

interface Seeding {
  db: Kysely<DB>;
  ctx: RegisterContext;
  added: Record<string, number>;
}

/** Saves each entry, submitted, as a person would through the form. */
async function save(s: Seeding, by: Actor, registerId: string, entries: RawEntry[]): Promise<void> {
  for (const raw of entries) await saveEntry(s.db, s.ctx, by, registerId, raw, { submit: true });
  s.added[registerId] = entries.length;
}

/** The references of a register's entries, oldest first (for one seeded on an earlier start). */
const storedReferences = (db: Kysely<DB>, registerId: string) =>
  db
    .selectFrom('register_entry')
    .select(['reference', 'occurred_on'])
    .where('register_id', '=', registerId)
    .where('status', '=', 'submitted')
    .orderBy('occurred_on')
    .orderBy('id')
    .execute()
    .then((rows) => rows.map((r) => ({ reference: r.reference ?? '', date: String(r.occurred_on) })));

export async function seedDemoRegisters(db: Kysely<DB>, now: Date = new Date()): Promise<string> {
  const [manager, analyst, police] = [await actor(db, MANAGER), await actor(db, ANALYST), await actor(db, POLICE)];
  if (!manager || !analyst || !police) return 'Registers: nothing added (the demo users are missing)';
  const ctx = await registerContext(db, await loadRegisters(), DEMO_BOROUGH, now);
  const tensions = ctx.registers.get('community-tensions');
  const named = await db
    .selectFrom('register_reader')
    .select('user_id')
    .where('register_id', '=', 'community-tensions')
    .execute();
  for (const who of [manager, analyst])
    if (tensions && !named.some((n) => n.user_id === who.id))
      await setNamedReader(db, manager, tensions, who.id, true, now);
  const todo = new Set<string>();
  for (const r of ctx.registers.all) if (!(await seeded(db, r.id))) todo.add(r.id);
  if (todo.size === 0) return 'Registers: SYNTHETIC entries already there, nothing added';
  const places: DemoPlaces = await loadDemoPlaces(ctx.places);
  // One generator per register, each from its own seed, so seeding one register never moves another's entries.
  const rng = (n: number) => new Prng(SEED * 100 + n);
  const s: Seeding = { db, ctx, added: {} };
  const once = async (id: string, work: () => Promise<unknown>) => {
    if (todo.has(id)) await work();
  };
  await once('weapon-sweeps', () => save(s, police, 'weapon-sweeps', demoSweeps(rng(1), places)));
  await once('knife-bins', () => save(s, analyst, 'knife-bins', demoBins(rng(2), places)));
  await once('knife-bin-emptyings', async () => {
    const bins = (await storedReferences(db, 'knife-bins')).map((b) => ({
      reference: b.reference,
      installedOn: b.date,
    }));
    await save(s, analyst, 'knife-bin-emptyings', demoEmptyings(rng(3), places, bins));
  });
  await once('test-purchases', () => save(s, analyst, 'test-purchases', demoTestPurchases(rng(4), places)));
  await once('community-tensions', () => save(s, analyst, 'community-tensions', demoTensions(rng(5), places)));
  await once('serious-incidents', async () => {
    const logged = (await storedReferences(db, 'community-tensions')).map((t) => ({
      reference: t.reference,
      reportedOn: t.date,
    }));
    await save(s, manager, 'serious-incidents', demoIncidents(rng(6), places, logged));
  });
  await once('locations-of-concern', () =>
    save(s, manager, 'locations-of-concern', demoLocationsOfConcern(rng(7), places)),
  );
  await once('provision-services', () =>
    save(s, analyst, 'provision-services', demoServices(rng(8), places, ctx.today)),
  );
  const added = Object.entries(s.added);
  if (added.length === 0) return 'Registers: SYNTHETIC entries already there, nothing added';
  const total = added.reduce((a, [, n]) => a + n, 0);
  return `Registers: added ${total} SYNTHETIC entries (${added.map(([id, n]) => `${n} ${id}`).join(', ')}) over the twelve months to ${places.latestMonth}; named 2 readers of community tensions`;
}
