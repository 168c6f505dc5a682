import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DATA_DIR } from '../../demo/prepareDemo.ts';
import { ensureDemoUsers } from '../../demo/demoUsers.ts';
import { createRegisterFixture, type RegisterFixture } from '../testing/registerTestDb.ts';
import { seedDemoRegisters } from './demoRegisters.ts';

/*
 * The demo's SYNTHETIC registers on real Tower Hamlets outlines, with the demo's people. Today is fixed so the
 * funding cliff is known. The demo's year is the twelve months to the last month of the MPS ward counts (2026-02):
 * March 2025 to February 2026.
 */
const NOW = new Date('2026-12-07T10:00:00Z');
let f: RegisterFixture;
let first: string;

const countBy = async () => {
  const rows = await f.db
    .selectFrom('register_entry')
    .select(['register_id', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('register_id')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.register_id, Number(r.n)]));
};

/** Tower Hamlets' wards by possession-of-weapons offences, March 2025 to February 2026, read here from the file. */
function wardsByWeapons(): string[] {
  const rows: Record<string, string>[] = parse(readFileSync(join(DEMO_DATA_DIR, 'mps/recorded-crime-ward.csv')), {
    columns: true,
  });
  const months = ['202503', '202504', '202505', '202506', '202507', '202508'];
  months.push('202509', '202510', '202511', '202512', '202601', '202602');
  const total = new Map<string, number>();
  for (const r of rows)
    if (r.lookup_boroughname === 'Tower Hamlets' && r.majortext === 'POSSESSION OF WEAPONS')
      total.set(
        r.wardcode!,
        months.reduce((a, m) => a + Number(r[m]), total.get(r.wardcode!) ?? 0),
      );
  return [...total].sort((a, b) => b[1] - a[1]).map(([w]) => w);
}

beforeAll(async () => {
  f = await createRegisterFixture(NOW);
  await ensureDemoUsers(f.db);
  first = await seedDemoRegisters(f.db, NOW);
}, 300_000);
afterAll(() => f?.t.drop());

describe('the demo registers', () => {
  it('adds the planned volumes and says so in one line', async () => {
    // Emptyings: five bins installed before the year, emptied in each of its 12 months, and three installed in
    // its first, second and third months, emptied 11, 10 and 9 times: 60 + 30 = 90.
    expect(await countBy()).toEqual({
      'weapon-sweeps': 100,
      'knife-bins': 8,
      'knife-bin-emptyings': 90,
      'test-purchases': 40,
      'community-tensions': 30,
      'serious-incidents': 25,
      'locations-of-concern': 20,
      'provision-services': 25,
    });
    expect(first).toMatch(/^Registers: added 338 SYNTHETIC entries \(100 weapon-sweeps, /);
  });

  it('dates the year March 2025 to February 2026 and places every entry in the borough', async () => {
    const rows = await f.db
      .selectFrom('register_entry')
      .select(['register_id', 'occurred_on', 'lsoa_code', 'ward_code', 'lat'])
      .where('register_id', 'not in', ['knife-bins', 'provision-services'])
      .execute();
    for (const r of rows) {
      expect(String(r.occurred_on) >= '2025-03-01' && String(r.occurred_on) <= '2026-02-28').toBe(true);
      expect(r.ward_code).toMatch(/^E05009(3[1-3]\d)$/);
      if (r.register_id !== 'community-tensions') expect(r.lsoa_code).toMatch(/^E010\d{5}$/);
    }
  });

  it('says SYNTHETIC in every entry with text', async () => {
    const rows = await f.db
      .selectFrom('register_entry')
      .select(['search_text', 'personal'])
      .where('register_id', '<>', 'knife-bin-emptyings')
      .execute();
    expect(rows.filter((r) => !r.search_text.includes('synthetic'))).toEqual([]);
    const contacts = rows.filter((r) => r.personal !== null).map((r) => JSON.stringify(r.personal));
    expect(contacts).toHaveLength(20);
    for (const c of contacts) expect(c).toContain('SYNTHETIC contact');
  });

  it('puts more sweeps in the five wards with the most weapons offences than in the five with the fewest', async () => {
    const order = wardsByWeapons();
    expect(order).toHaveLength(20);
    const sweeps = await f.db
      .selectFrom('register_entry')
      .select('ward_code')
      .where('register_id', '=', 'weapon-sweeps')
      .execute();
    const inWards = (wards: string[]) => sweeps.filter((s) => wards.includes(s.ward_code ?? '')).length;
    expect(inWards(order.slice(0, 5))).toBeGreaterThan(2 * inWards(order.slice(-5)));
  });

  it('names the manager and the council analyst as readers of community tensions', async () => {
    const readers = await f.db
      .selectFrom('register_reader as r')
      .innerJoin('app_user as u', 'u.id', 'r.user_id')
      .select('u.email')
      .where('r.register_id', '=', 'community-tensions')
      .orderBy('u.email')
      .execute();
    expect(readers.map((r) => r.email)).toEqual(['analyst@council.demo', 'manager@council.demo']);
  });

  it('leaves wards with no ward-based service and four services funded for under six months', async () => {
    const services = await f.db
      .selectFrom('register_entry')
      .select('data')
      .where('register_id', '=', 'provision-services')
      .execute();
    const data = services.map((s) => s.data as { wards?: string[]; funding_ends_on?: string; whole_borough?: boolean });
    const covered = new Set(data.flatMap((d) => d.wards ?? []));
    expect(covered.size).toBeLessThanOrEqual(17);
    // Six months from 7 December 2026 is 7 June 2027.
    const ending = data.filter((d) => d.funding_ends_on && d.funding_ends_on <= '2027-06-07');
    expect(ending).toHaveLength(4);
  });

  it('links some serious incidents to a tension logged before them', async () => {
    const rows = await f.db
      .selectFrom('register_entry')
      .select(['data', 'occurred_on'])
      .where('register_id', '=', 'serious-incidents')
      .execute();
    const linked = rows.filter((r) => ((r.data as { linked_tensions?: string[] }).linked_tensions ?? []).length > 0);
    expect(linked.length).toBeGreaterThan(0);
    for (const r of linked) {
      const ref = (r.data as { linked_tensions: string[] }).linked_tensions[0]!;
      const tension = await f.db
        .selectFrom('register_entry')
        .select('occurred_on')
        .where('reference', '=', ref)
        .executeTakeFirstOrThrow();
      expect(String(tension.occurred_on) <= String(r.occurred_on)).toBe(true);
    }
  });

  it('adds nothing on a second start, not even an audit entry', async () => {
    const before = await countBy();
    const audit = await f.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(await seedDemoRegisters(f.db, NOW)).toBe('Registers: SYNTHETIC entries already there, nothing added');
    expect(await countBy()).toEqual(before);
    const after = await f.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(audit.n);
  });
});
