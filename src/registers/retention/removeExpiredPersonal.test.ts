import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../audit/recordAudit.ts';
import { entryHistory } from '../entryQueries.ts';
import { saveEntry } from '../entryStore.ts';
import { createRegisterFixture, POINTS, type RegisterFixture } from '../testing/registerTestDb.ts';
import { removeExpiredPersonal } from './removeExpiredPersonal.ts';

/*
 * SYNTHETIC locations of concern on real Tower Hamlets outlines. Today is fixed at 15 June 2026; the register keeps
 * a site contact for 24 months (registers/locations-of-concern.json), so worked out by hand:
 *   15 May 2024  (25 months ago) + 24 months = 15 May 2026,  before today: removed
 *   14 June 2024               + 24 months = 14 June 2026, before today: removed
 *   15 June 2024 (24 months)   + 24 months = 15 June 2026, today, not yet past: kept
 *   15 July 2024 (23 months ago) + 24 months = 15 July 2026, after today: kept
 */
const NOW = new Date('2026-06-15T09:00:00Z');
let f: RegisterFixture;
const ids: Record<string, number> = {};

// Each at its own point near Whitechapel station, as four hotels would be.
const location = (identified_on: string, place: string, step: number) => ({
  identified_on,
  place,
  place_type: 'hotel',
  concern: 'SYNTHETIC: young people seen arriving late with older adults',
  site_contact: `SYNTHETIC contact for ${place}`,
  review_on: '2026-09-30',
  latitude: (Number(POINTS.whitechapel.latitude) + step * 0.0002).toFixed(4),
  longitude: POINTS.whitechapel.longitude,
});

const countsByRegister = () =>
  f.db
    .selectFrom('register_entry')
    .select(['register_id', 'ward_code', 'lsoa_code', 'data', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['register_id', 'ward_code', 'lsoa_code', 'data'])
    .orderBy('register_id')
    .orderBy('ward_code')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, n: Number(r.n) })));

const personalOf = async (id: number) =>
  f.db
    .selectFrom('register_entry')
    .select(['personal', 'personal_removed_at', 'version'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();

const run = (dryRun = false) => removeExpiredPersonal(f.db, f.registers, { now: NOW, dryRun, actor: SYSTEM_ACTOR });

beforeAll(async () => {
  f = await createRegisterFixture(NOW);
  const save = (raw: Record<string, string>) =>
    saveEntry(f.db, f.ctx, f.people.manager, 'locations-of-concern', raw, { submit: true });
  ids.months25 = (await save(location('2024-05-15', 'SYNTHETIC Hotel A', 0))).id;
  ids.dayBefore = (await save(location('2024-06-14', 'SYNTHETIC Hotel B', 1))).id;
  ids.onTheDay = (await save(location('2024-06-15', 'SYNTHETIC Hotel C', 2))).id;
  ids.months23 = (await save(location('2024-07-15', 'SYNTHETIC Hotel D', 3))).id;
  await saveEntry(
    f.db,
    f.ctx,
    f.people.policeAnalyst,
    'weapon-sweeps',
    { swept_on: '2024-01-10', location: 'SYNTHETIC Waste', team: 'SNT', 'items.knife': '1', ...POINTS.mileEndPark },
    { submit: true },
  );
}, 120_000);
afterAll(() => f?.t.drop());

describe('the retention job', () => {
  it('in a dry run lists what it would remove and writes nothing', async () => {
    const dry = await run(true);
    expect(dry.removed.map((r) => r.entryId).sort()).toEqual([ids.months25, ids.dayBefore].sort());
    expect((await personalOf(ids.months25!)).personal).not.toBeNull();
    const audits = await f.db.selectFrom('audit_log').select('id').where('action', '=', 'register.retention').execute();
    expect(audits).toHaveLength(0);
  });

  it('removes site_contact 25 months on, keeps it 23 months on and on the day, and leaves every count', async () => {
    const before = await countsByRegister();
    const result = await run();
    expect(result.registers).toEqual([{ register: 'locations-of-concern', personalMonths: 24, cutoff: '2024-06-15' }]);
    expect(result.removed.map((r) => [r.entryId, r.fields])).toEqual([
      [ids.months25, ['site_contact']],
      [ids.dayBefore, ['site_contact']],
    ]);
    const gone = await personalOf(ids.months25!);
    expect(gone.personal).toBeNull();
    expect(gone.personal_removed_at?.toISOString()).toBe(NOW.toISOString());
    expect(gone.version).toBe(2);
    expect((await personalOf(ids.dayBefore!)).personal).toBeNull();
    expect((await personalOf(ids.onTheDay!)).personal).toEqual({
      site_contact: 'SYNTHETIC contact for SYNTHETIC Hotel C',
    });
    expect((await personalOf(ids.months23!)).personal).toEqual({
      site_contact: 'SYNTHETIC contact for SYNTHETIC Hotel D',
    });
    expect(await countsByRegister()).toEqual(before);
  });

  it('writes one audit entry with the count, and the history names the field without its value', async () => {
    const audits = await f.db
      .selectFrom('audit_log')
      .select(['details', 'actor_email'])
      .where('action', '=', 'register.retention')
      .execute();
    expect(audits).toHaveLength(1);
    expect(audits[0]?.actor_email).toBe('system');
    expect(JSON.parse(String(audits[0]?.details))).toMatchObject({
      count: 2,
      byRegister: { 'locations-of-concern': 2 },
    });
    const register = f.registers.get('locations-of-concern')!;
    const history = await entryHistory(f.db, f.people.manager, register, ids.months25!);
    expect(history.map((h) => h.change)).toEqual(['created', 'personal-removed']);
    expect(history[1]?.personalFieldsChanged).toEqual(['site_contact']);
    expect(history[1]?.data).toEqual(history[0]?.data);
    const stored = await f.db
      .selectFrom('register_entry_version')
      .selectAll()
      .where('entry_id', '=', ids.months25!)
      .execute();
    expect(JSON.stringify(stored)).not.toContain('SYNTHETIC contact');
  });

  it('a second run changes nothing: no entry, no version, the count it audits is 0', async () => {
    const entries = await f.db.selectFrom('register_entry').selectAll().orderBy('id').execute();
    const versions = await f.db.selectFrom('register_entry_version').select('id').execute();
    const again = await run();
    expect(again.removed).toEqual([]);
    expect(await f.db.selectFrom('register_entry').selectAll().orderBy('id').execute()).toEqual(entries);
    expect(await f.db.selectFrom('register_entry_version').select('id').execute()).toHaveLength(versions.length);
    const audits = await f.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'register.retention')
      .orderBy('id')
      .execute();
    expect(audits.map((a) => (JSON.parse(String(a.details)) as { count: number }).count)).toEqual([2, 0]);
  });
});
