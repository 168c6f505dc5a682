import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { loadDefinitions } from '../../analysis/loadDefinitions.ts';
import type { DB } from '../../db/schema.ts';
import type { Indicator, Theme } from '../indicatorSchema.ts';
import { indicatorProblems } from '../loadIndicators.ts';
import { PerformanceError } from '../performanceError.ts';
import { currentIndicators, indicatorVersions, saveIndicatorEdit } from '../store/indicatorStore.ts';
import { loadIndicatorSet } from '../store/indicatorSet.ts';
import { acceptedPoliceReturn, addReturnActors, type ReturnActors } from '../testing/returnsFixture.ts';
import { buildScorecard } from './scorecard.ts';

// An indicator whose definition changes between two returns: the scorecard says "not comparable", never a colour.
let t: TestDb;
let db: Kysely<DB>;
let themes: Theme[];
let actors: ReturnActors;
const a = (k: keyof ReturnActors) => actors[k];

const acceptedReturn = (quarter: string, dueOn: string, asbCalls: string) =>
  acceptedPoliceReturn(db, actors, { quarter, dueOn, asbCalls, commentary: 'test value' });

beforeAll(async () => {
  t = await createTestDb();
  db = t.database.db;
  actors = await addReturnActors(db);
  themes = (await loadIndicatorSet(db)).themes;
  await acceptedReturn('2014/15 Q2', '2014-10-31', '100');
}, 60_000);
afterAll(async () => t?.drop());

describe('editing an indicator', () => {
  const check = async (i: Indicator) => indicatorProblems(i, new Set(themes.map((x) => x.id)), await loadDefinitions());
  const asb = async () =>
    (await currentIndicators(db)).find((s) => s.indicator.id === 'asb-calls')?.indicator as Indicator;

  it('only a partnership manager, only valid, only with a reason; each change a new version, audited', async () => {
    const defs = await loadDefinitions();
    const themeIds = new Set(themes.map((x) => x.id));
    const rules = (i: Indicator) => indicatorProblems(i, themeIds, defs);
    const changed = {
      ...(await asb()),
      source: {
        kind: 'returned' as const,
        description: 'CAD calls for ASB, including non-crime calls since the new categories',
      },
    };
    const refuse = async (p: Promise<unknown>, code: PerformanceError['code']) => {
      const e = await p.then(
        () => null,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(PerformanceError);
      expect((e as PerformanceError).code).toBe(code);
      return e as PerformanceError;
    };
    await refuse(saveIndicatorEdit(db, a('analyst'), changed, 'new CAD categories', rules), 'FORBIDDEN');
    const bad = await refuse(
      saveIndicatorEdit(db, a('manager'), { ...changed, theme: 'no-such-theme' }, 'x', rules),
      'VALIDATION',
    );
    expect(bad.problems).toEqual([{ field: 'theme', message: 'no theme "no-such-theme" in themes.json' }]);
    await refuse(
      saveIndicatorEdit(db, a('manager'), { ...changed, unit: { kind: 'count', extra: 1 } }, 'x', rules),
      'VALIDATION',
    );
    await refuse(saveIndicatorEdit(db, a('manager'), changed, '  ', rules), 'VALIDATION');
    const saved = await saveIndicatorEdit(
      db,
      a('manager'),
      changed,
      'MPS changed the CAD categories in April 2015',
      rules,
    );
    expect(saved.version).toBe(2);
    expect((await indicatorVersions(db, 'asb-calls')).map((v) => [v.indicator.version, v.origin, v.reason])).toEqual([
      [1, 'file', ''],
      [2, 'service', 'MPS changed the CAD categories in April 2015'],
    ]);
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'subject_id'])
      .where('action', '=', 'indicator.edit')
      .execute();
    expect(audit).toEqual([{ action: 'indicator.edit', subject_id: 'asb-calls' }]);
    expect((await check(saved)).length).toBe(0);
  });

  it('the next value under the new definition is not comparable with the last one, and filters find it', async () => {
    await acceptedReturn('2015/16 Q2', '2015-10-31', '150');
    const card = await buildScorecard(db, null, { quarter: '2015/16 Q2', area: 'E09000030', themes });
    const row = card.themes.flatMap((x) => x.rows).find((r) => r.indicator.id === 'asb-calls');
    expect(row?.cells.slice(2).map((c) => c.point?.value)).toEqual([100, 150]);
    expect(row?.assessment.direction.state).toBe('not comparable');
    expect(row?.assessment.statistical.state).toBe('not comparable');
    // A police indicator whose definition did not change is judged: 100 against 100.
    const same = card.themes.flatMap((x) => x.rows).find((r) => r.indicator.id === 'asb-repeat-victims');
    expect(same?.assessment.direction.state).toBe('no change');
    const byRag = await buildScorecard(db, null, {
      quarter: '2015/16 Q2',
      area: 'E09000030',
      themes,
      filter: { rag: 'not comparable' },
    });
    expect(byRag.themes.flatMap((x) => x.rows).map((r) => r.indicator.id)).toEqual(['asb-calls']);
    const fire = await buildScorecard(db, null, {
      quarter: '2015/16 Q2',
      area: 'E09000030',
      themes,
      filter: { leadAgency: 'fire' },
    });
    expect(new Set(fire.themes.flatMap((x) => x.rows).map((r) => r.indicator.leadAgency))).toEqual(new Set(['fire']));
  });
});
