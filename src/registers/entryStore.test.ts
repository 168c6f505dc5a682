import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryHistory, getEntry, listEntries } from './entryQueries.ts';
import { saveEntry } from './entryStore.ts';
import { setNamedReader } from './readers.ts';
import { RegisterEntryError, RegisterRefusedError } from './registerErrors.ts';
import { createRegisterFixture, POINTS, type RegisterFixture } from './testing/registerTestDb.ts';

// SYNTHETIC entries on real Tower Hamlets outlines. "Today" is fixed so future dates are known.
const NOW = new Date('2026-03-31T12:00:00Z');
let f: RegisterFixture;
beforeAll(async () => {
  f = await createRegisterFixture(NOW);
}, 120_000);
afterAll(() => f?.t.drop());

const sweep = (over: Record<string, string> = {}) => ({
  swept_on: '2026-03-27',
  location: 'Whitechapel Waste',
  team: 'Safer Neighbourhood Team',
  'items.knife': '2',
  'items.firearm': '0',
  ...POINTS.whitechapel,
  ...over,
});

describe('saving register entries', () => {
  it('records a sweep at a point, placed in the LSOA and ward it lies in, with its history and audit entry', async () => {
    const saved = await saveEntry(f.db, f.ctx, f.people.policeAnalyst, 'weapon-sweeps', sweep(), { submit: true });
    expect(saved.reference).toMatch(/^WS-2026-\d{4}$/);
    expect(saved.status).toBe('submitted');
    const row = await f.db
      .selectFrom('register_entry')
      .selectAll()
      .where('id', '=', saved.id)
      .executeTakeFirstOrThrow();
    // Worked out apart from Safer, with d3-geo's spherical geoContains on the unsimplified published outlines:
    // the point lies in LSOA Tower Hamlets 013C and in the 2018 ward Spitalfields & Banglatown.
    expect(row.lsoa_code).toBe('E01004208');
    expect(row.ward_code).toBe('E05009333');
    expect(row.data).toEqual({
      swept_on: '2026-03-27',
      location: 'Whitechapel Waste',
      team: 'Safer Neighbourhood Team',
      items: { knife: 2, 'bladed article': 0, firearm: 0, other: 0 },
    });
    const history = await entryHistory(f.db, f.people.viewer, f.registers.get('weapon-sweeps')!, saved.id);
    expect(history.map((h) => h.change)).toEqual(['created']);
    const audit = await f.db
      .selectFrom('audit_log')
      .select(['action', 'subject_id'])
      .where('action', '=', 'register.entry.create')
      .execute();
    expect(audit).toContainEqual({ action: 'register.entry.create', subject_id: String(saved.id) });
  });

  it('refuses a point outside the borough, a future date and an unknown term, naming each field, writing nothing', async () => {
    const before = await f.db
      .selectFrom('register_entry')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const attempt = saveEntry(
      f.db,
      f.ctx,
      f.people.policeAnalyst,
      'weapon-sweeps',
      sweep({ ...POINTS.hydePark, swept_on: '2026-04-01', 'items.knife': 'two' }),
      { submit: true },
    );
    await expect(attempt).rejects.toBeInstanceOf(RegisterEntryError);
    const error = (await attempt.catch((e: unknown) => e)) as RegisterEntryError;
    expect(error.problems.map((p) => p.field).sort()).toEqual(['items.knife', 'latitude', 'swept_on']);
    expect(error.problems.find((p) => p.field === 'latitude')?.message).toContain('outside the borough E09000030');
    const after = await f.db
      .selectFrom('register_entry')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses the same sweep twice, naming the first', async () => {
    const first = await saveEntry(
      f.db,
      f.ctx,
      f.people.councilAnalyst,
      'weapon-sweeps',
      sweep({ location: 'Mile End Park', ...POINTS.mileEndPark }),
      { submit: true },
    );
    await expect(
      saveEntry(
        f.db,
        f.ctx,
        f.people.policeAnalyst,
        'weapon-sweeps',
        sweep({ location: 'mile end park ', ...POINTS.mileEndPark }),
        { submit: true },
      ),
    ).rejects.toThrow(`already recorded as ${first.reference}`);
  });

  it('keeps a draft with its problems for its author only, then submits it as a new version', async () => {
    const draft = await saveEntry(
      f.db,
      f.ctx,
      f.people.policeAnalyst,
      'weapon-sweeps',
      { location: 'Bethnal Green Gardens' },
      { submit: false },
    );
    expect(draft.status).toBe('draft');
    expect(draft.problems.map((p) => p.field)).toContain('swept_on');
    const register = f.registers.get('weapon-sweeps')!;
    expect(await getEntry(f.db, f.people.councilAnalyst, register, draft.id)).toBeNull();
    await expect(
      saveEntry(f.db, f.ctx, f.people.councilAnalyst, 'weapon-sweeps', sweep(), { submit: true, entryId: draft.id }),
    ).rejects.toBeInstanceOf(RegisterRefusedError);
    const done = await saveEntry(
      f.db,
      f.ctx,
      f.people.policeAnalyst,
      'weapon-sweeps',
      sweep({ location: 'Bethnal Green Gardens', swept_on: '2026-03-20' }),
      { submit: true, entryId: draft.id },
    );
    expect(done.status).toBe('submitted');
    const history = await entryHistory(f.db, f.people.viewer, register, draft.id);
    expect(history.map((h) => [h.version, h.change])).toEqual([
      [1, 'created'],
      [2, 'submitted'],
    ]);
  });

  it('asks why a submitted entry changes, and keeps both versions', async () => {
    const s = await saveEntry(
      f.db,
      f.ctx,
      f.people.policeAnalyst,
      'weapon-sweeps',
      sweep({ location: 'Stepney Green' }),
      { submit: true },
    );
    await expect(
      saveEntry(
        f.db,
        f.ctx,
        f.people.policeAnalyst,
        'weapon-sweeps',
        sweep({ location: 'Stepney Green', 'items.knife': '3' }),
        { submit: true, entryId: s.id },
      ),
    ).rejects.toThrow('Say why');
    await saveEntry(
      f.db,
      f.ctx,
      f.people.policeAnalyst,
      'weapon-sweeps',
      sweep({ location: 'Stepney Green', 'items.knife': '3' }),
      {
        submit: true,
        entryId: s.id,
        reason: 'a third knife found in the bin store',
      },
    );
    const history = await entryHistory(f.db, f.people.viewer, f.registers.get('weapon-sweeps')!, s.id);
    expect(history.map((h) => (h.data.items as Record<string, number>).knife)).toEqual([2, 3]);
    expect(history[1]?.reason).toBe('a third knife found in the bin store');
  });

  it('lets only the register audience write: a health analyst and a viewer are refused', async () => {
    await expect(
      saveEntry(f.db, f.ctx, f.people.healthAnalyst, 'weapon-sweeps', sweep(), { submit: true }),
    ).rejects.toBeInstanceOf(RegisterRefusedError);
    await expect(
      saveEntry(f.db, f.ctx, f.people.viewer, 'weapon-sweeps', sweep(), { submit: true }),
    ).rejects.toBeInstanceOf(RegisterRefusedError);
  });
});

describe('a register with a named readership (community tensions)', () => {
  const tension = {
    reported_on: '2026-03-01',
    issue: 'Rumours after a stabbing',
    description: 'SYNTHETIC: messages on social media',
    communities: 'Young people in Stepney',
    level: 'Medium',
    trend: 'rising',
    review_on: '2026-04-15',
    ward: '',
  };
  it('is denied to everyone until a partnership manager names them, and each read is audited', async () => {
    const register = f.registers.get('community-tensions')!;
    await expect(
      saveEntry(f.db, f.ctx, f.people.policeAnalyst, register.id, tension, { submit: true }),
    ).rejects.toBeInstanceOf(RegisterRefusedError);
    await expect(
      setNamedReader(f.db, f.people.policeAnalyst, register, f.people.policeAnalyst.id, true),
    ).rejects.toBeInstanceOf(RegisterRefusedError);
    await setNamedReader(f.db, f.people.manager, register, f.people.policeAnalyst.id, true, NOW);
    const wardCode =
      (
        await f.db
          .selectFrom('register_entry')
          .select('ward_code')
          .where('ward_code', 'is not', null)
          .executeTakeFirstOrThrow()
      ).ward_code ?? '';
    const saved = await saveEntry(
      f.db,
      f.ctx,
      f.people.policeAnalyst,
      register.id,
      { ...tension, ward: wardCode },
      { submit: true },
    );
    expect((await getEntry(f.db, f.people.policeAnalyst, register, saved.id))?.data.level).toBe('medium');
    await expect(getEntry(f.db, f.people.councilAnalyst, register, saved.id)).rejects.toBeInstanceOf(
      RegisterRefusedError,
    );
    await expect(listEntries(f.db, f.people.viewer, register)).rejects.toBeInstanceOf(RegisterRefusedError);
    const reads = await f.db
      .selectFrom('audit_log')
      .select(['actor_email', 'subject_id'])
      .where('action', '=', 'register.read')
      .execute();
    expect(reads).toContainEqual({ actor_email: 'policeAnalyst@synthetic.test', subject_id: String(saved.id) });
  });
});
