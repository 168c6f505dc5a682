import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { type PlanView, planView } from '../planQueries.ts';
import { CLI_ACTOR, rowCounts, SEED_000, seedText } from '../testing/deliveryCounts.ts';
import { importPlan } from './importPlan.ts';

/*
 * Seed 000's recommendations (Tower Hamlets' Serious Violence Duty needs assessment): 33 numbers in six groups,
 * "12" written twice (once in each of two groups), sub-items " - a)" under five of them, then a later round of
 * the same list matched by group and number.
 */
const text = seedText(SEED_000);
// This test's own count: the numbered lines and " - a)" lines after the last "Recommendations" heading.
const listLines = text.split('\n').slice(text.split('\n').lastIndexOf('Recommendations'));
const numbered = listLines.filter((l) => /^\d+\. /.test(l)).map((l) => l.split('.')[0]);
const subItems = listLines.filter((l) => /^ - [a-z]\) /.test(l)).length;

let t: TestDb;
let plan: PlanView;
beforeAll(async () => {
  t = await createTestDb();
  const result = await importPlan(t.database.db, CLI_ACTOR, {
    fileName: 'seed-000.txt',
    bytes: new TextEncoder().encode(text),
    kind: 'recommendations',
  });
  expect(result).toMatchObject({ outcome: 'created', unplaced: [] });
  plan = (await planView(t.database.db, result.planId)) as PlanView;
}, 120_000);
afterAll(async () => t?.drop());

describe('seed 000 imported as a recommendations list', () => {
  it('holds the 33 recommendations in six groups, the repeated 12 twice, every sub-item', () => {
    expect(numbered).toHaveLength(34);
    expect(new Set(numbered).size).toBe(33);
    expect(plan.themes.map((g) => g.title)).toEqual([
      'Early intervention and prevention activities',
      'Identification and screening within existing systems',
      'Safeguarding children and young adults (aged 18-25) at risk of exploitation',
      'Enforcement and tackling offenders',
      'Increasing support to victims/survivors',
      'Incorporate strong governance structure and information sharing for Serious Violence Duty',
    ]);
    const items = plan.themes.flatMap((g) => g.items);
    expect(items.map((i) => i.number)).toEqual(numbered);
    expect(items.filter((i) => i.number === '12').map((i) => i.wording.slice(0, 30))).toEqual([
      'Develop the current training m',
      'Enhance the focus on modern sl',
    ]);
    const children = items.flatMap((i) => i.children);
    expect(children).toHaveLength(subItems);
    expect(
      Object.fromEntries(
        items.filter((i) => i.children.length).map((i) => [i.number, i.children.map((c) => c.number)]),
      ),
    ).toEqual({
      '4': ['4 a)', '4 b)'],
      '5': ['5 a)'],
      '9': ['9 a)', '9 b)', '9 c)'],
      '14': ['14 a)', '14 b)', '14 c)'],
      '22': ['22 a)', '22 b)'],
      '33': ['33 a)', '33 b)', '33 c)'],
    });
  });

  it('joins wording broken over a page and keeps link words without the empty link', () => {
    const items = plan.themes.flatMap((g) => g.items);
    expect(items.find((i) => i.number === '11')?.wording).toBe(
      'Develop flags/warnings on clinical systems such as EMIS to provide warnings for those at risk of being exploited or violence using indicators to code e.g. recent trauma and loss, exposure to domestic abuse. This could prompt clinicians to provide proactive early intervention through referral to MASH for example.',
    );
    expect(items.find((i) => i.number === '28')?.wording).toBe(
      "Consider the recommendations highlighted on 'Supporting victims' in the VAWG needs assessment.",
    );
    expect(items.find((i) => i.number === '4')?.children[0]?.wording).toMatch(/^work with communities and groups/);
  });

  it('a later round rewords and updates the matched items, adds none twice, and lists a doubtful match', async () => {
    const before = await rowCounts(t.database.db);
    const later = text
      .replace('1. Develop a whole-system public health approach', '1. Develop a whole-system, public health approach')
      .replace(/^13\. .*$/m, '13. Commission a borough-wide audit of street lighting, CCTV cameras and parks');
    const result = await importPlan(t.database.db, CLI_ACTOR, {
      fileName: 'seed-000-round-2.txt',
      bytes: new TextEncoder().encode(later),
      kind: 'recommendations',
    });
    expect(result).toMatchObject({
      outcome: 'updated',
      planId: plan.id,
      round: 2,
      newItems: 0,
      newThemes: 0,
      rewordings: 2,
    });
    expect(result.doubtful).toMatchObject([{ number: '13', theme: plan.themes[2]?.title }]);
    const after = await rowCounts(t.database.db);
    expect(after).toEqual({
      ...before,
      plan_import: before.plan_import + 1,
      plan_item_wording: before.plan_item_wording + 2,
      audit_log: before.audit_log + 1,
    });
    const wordings = await t.database.db
      .selectFrom('plan_item_wording as w')
      .innerJoin('plan_item as i', 'i.id', 'w.item_id')
      .select(['w.version', 'w.old_wording', 'w.wording'])
      .where('i.number', '=', '1')
      .orderBy('w.version')
      .execute();
    expect(wordings.map((w) => w.version)).toEqual([1, 2]);
    expect(wordings[1]?.old_wording).toMatch(/^Develop a whole-system public health approach/);
    const shown = await planView(t.database.db, plan.id);
    expect(shown?.themes[0]?.items[0]?.wording).toMatch(/^Develop a whole-system, public health approach/);
  });
});
