import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPanelFixture, type PanelFixture } from '../testing/panelTestDb.ts';
import type { ScreeningInput } from './checkScreening.ts';
import { recentScreenings, readScreening } from './screeningQueries.ts';
import { completeScreening, ScreeningError } from './screeningStore.ts';
import { loadScreeningTools } from './toolSet.ts';

// The partnership's tool (screening-tools/exploitation-screening.json), completed by SYNTHETIC practitioners.
let f: PanelFixture;
const now = new Date('2026-03-10T10:00:00Z');

/** Every required question 'no' (missing-episodes: 'none'), then the given answers over them. */
const REQUIRED_NO: Record<string, string> = Object.fromEntries(
  [
    'unexplained-money',
    'older-associates',
    'missing-found-elsewhere',
    'drug-arrest-outside-borough',
    'school-exclusion',
    'older-partner',
    'gifts-or-lifts',
    'online-contact',
    'taken-to-addresses',
    'carrying-weapon',
    'victim-of-violence',
    'unexplained-injuries',
    'fear-of-others',
    'involved-in-violence',
  ].map((id) => [id, 'no']),
);
const input = (over: Partial<ScreeningInput> = {}, answers: Record<string, string> = {}): ScreeningInput => ({
  toolId: 'exploitation-screening',
  answers: { ...REQUIRED_NO, 'missing-episodes': 'none', ...answers },
  setting: 'school',
  ageBand: '14-15',
  sex: 'male',
  ...over,
});

const counts = async () => ({
  screening: (await f.db.selectFrom('screening').select('id').execute()).length,
  facts: (await f.db.selectFrom('panel_fact').select('id').execute()).length,
  audit: (await f.db.selectFrom('audit_log').select('id').where('action', '=', 'screening.complete').execute()).length,
});

beforeAll(async () => {
  f = await createPanelFixture();
  await loadScreeningTools(f.db);
}, 120_000);
afterAll(async () => f?.t.drop());

describe('completeScreening', () => {
  it('writes the screening, its anonymous count and the audit entry; older associates 3 + victim 3 = 6: medium', async () => {
    const done = await completeScreening(
      f.db,
      f.ring,
      f.people.nurse,
      input(
        { confirmedRoute: 'early-help', age: 13, ageBand: undefined },
        { 'older-associates': 'yes', 'victim-of-violence': 'yes' },
      ),
      now,
    );
    expect(done.result).toMatchObject({ score: 6, level: 'medium', recommendedRoute: 'early-help' });
    const row = await f.db.selectFrom('screening').selectAll().where('id', '=', done.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      tool_id: 'exploitation-screening',
      tool_version: 1,
      agency: 'health',
      setting: 'school',
      completed_by: f.people.nurse.id,
      score: 6,
      level: 'medium',
      recommended_route: 'early-help',
      confirmed_route: 'early-help',
      override_reason: null,
      age_band: '10-13',
      sex: 'male',
      identified: false,
    });
    const fact = await f.db.selectFrom('panel_fact').selectAll().executeTakeFirstOrThrow();
    expect(fact).toMatchObject({
      kind: 'screening',
      occurred_on: '2026-03-10',
      agency: 'health',
      route: 'early-help',
      age_band: '10-13',
      sex: 'male',
      ethnicity_group: 'Not stated',
    });
    expect(fact.source_token).toBe(f.ring.token(`screening:${done.id}`));
    const audit = await f.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'screening.complete')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor_email: 'nurse@synthetic.test',
      subject_type: 'screening',
      subject_id: String(done.id),
    });
  });

  it('an override keeps its reason; a weapon alone is high and the MASH', async () => {
    const done = await completeScreening(
      f.db,
      f.ring,
      f.people.nurse,
      input(
        { confirmedRoute: 'panel', overrideReason: 'Already known to the MACE chair', ethnicGroup: 'Mixed' },
        { 'carrying-weapon': 'yes' },
      ),
      now,
    );
    expect(done.result).toMatchObject({ score: 5, level: 'high', recommendedRoute: 'mash' });
    const row = await f.db.selectFrom('screening').selectAll().where('id', '=', done.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ confirmed_route: 'panel', override_reason: 'Already known to the MACE chair' });
    const fact = await f.db.selectFrom('panel_fact').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(fact).toMatchObject({ route: 'panel', ethnicity_group: 'Mixed' });
  });

  it('refuses, writing nothing: unanswered required questions, an override without reason, an unknown tool, an administrator', async () => {
    const before = await counts();
    const { 'carrying-weapon': _w, 'older-partner': _p, ...missingTwo } = REQUIRED_NO;
    const unanswered = await completeScreening(
      f.db,
      f.ring,
      f.people.nurse,
      { ...input({ confirmedRoute: 'advice' }), answers: { ...missingTwo, 'missing-episodes': 'none' } },
      now,
    ).catch((e: unknown) => e);
    expect(unanswered).toBeInstanceOf(ScreeningError);
    expect((unanswered as ScreeningError).errors.map((e) => e.field)).toEqual(['older-partner', 'carrying-weapon']);

    await expect(
      completeScreening(f.db, f.ring, f.people.nurse, input({ confirmedRoute: 'mash' }), now),
    ).rejects.toThrow('overrideReason: Say why you chose a route other than the one recommended');
    await expect(
      completeScreening(f.db, f.ring, f.people.nurse, input({ toolId: 'no-such-tool', confirmedRoute: 'advice' }), now),
    ).rejects.toThrow('tool: There is no screening tool "no-such-tool"');
    await expect(
      completeScreening(f.db, f.ring, f.people.nurse, input({ confirmedRoute: 'advice', toolVersion: 9 }), now),
    ).rejects.toThrow('tool: There is no screening tool');
    await expect(
      completeScreening(f.db, f.ring, f.people.admin, input({ confirmedRoute: 'advice' }), now),
    ).rejects.toThrow('actor: Administrators do not complete screenings');
    await expect(
      completeScreening(f.db, f.ring, f.people.nurse, input({ sex: '', confirmedRoute: 'advice' }), now),
    ).rejects.toThrow("sex: Choose the person's sex");
    expect(await counts()).toEqual(before);
  });

  it('readable by its author and the MASH only; the agency list has no answers', async () => {
    const [latest] = await recentScreenings(f.db, f.people.nurse);
    expect(latest).toMatchObject({ level: 'high', confirmedRoute: 'panel', mine: true });
    expect(Object.keys(latest!).sort()).toEqual(['confirmedRoute', 'createdAt', 'id', 'level', 'mine']);
    expect((await readScreening(f.db, f.people.nurse, latest!.id, now))?.overrideReason).toBe(
      'Already known to the MACE chair',
    );
    expect((await readScreening(f.db, f.people.mashWorker, latest!.id, now))?.id).toBe(latest!.id);
    for (const other of ['maceChair', 'councilOutsider', 'admin', 'viewer'] as const)
      expect(await readScreening(f.db, f.people[other], latest!.id, now)).toBeNull();
    expect(await recentScreenings(f.db, f.people.macePolice)).toEqual([]);
  });
});
