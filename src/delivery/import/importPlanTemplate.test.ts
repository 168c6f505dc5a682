import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { planDetail } from '../export/planDetail.ts';
import { planTemplateXlsx } from '../export/planTemplate.ts';
import { CLI_ACTOR, rowCounts } from '../testing/deliveryCounts.ts';
import { importPlan } from './importPlan.ts';
import { SYNTHETIC_PLAN_CSV, SYNTHETIC_PLAN_TITLE } from './testing/syntheticPlanTemplate.ts';

/* Safer's template, hand-written (SYNTHETIC): imported once as counted by hand, again unchanged, then a later round. */

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
}, 60_000);
afterAll(async () => t?.drop());

const bytes = (text: string) => new TextEncoder().encode(text);
const importCsv = (text: string, fileName = 'plan.csv') =>
  importPlan(t.database.db, CLI_ACTOR, { fileName, bytes: bytes(text), kind: 'plan', onDate: '2025-11-01' });

describe('importing a plan written in the template', () => {
  let planId: number;

  it('stores the SYNTHETIC partnership plan: 3 themes, 6 items, sub-items under their parents, owners and statuses', async () => {
    const before = await rowCounts(t.database.db);
    const r = await importCsv(SYNTHETIC_PLAN_CSV);
    planId = r.planId;
    expect(r).toMatchObject({ outcome: 'created', round: 1, themes: 3, items: 6, newThemes: 3, newItems: 6 });
    expect(await rowCounts(t.database.db)).toEqual({
      ...before,
      plan: before.plan + 1,
      plan_import: before.plan_import + 1,
      plan_theme: before.plan_theme + 3,
      plan_item: before.plan_item + 6,
      plan_item_wording: before.plan_item_wording + 6,
      plan_item_update: before.plan_item_update + 2,
      plan_item_status: before.plan_item_status + 3,
      audit_log: before.audit_log + 1,
    });
    const plan = await planDetail(t.database.db, planId);
    expect(plan).toMatchObject({
      kind: 'strategy',
      title: SYNTHETIC_PLAN_TITLE,
      ownerAgency: 'local_authority',
      period: '2025-2028',
    });
    const shape = plan?.themes.map((th) => [
      th.number,
      th.title,
      th.items.map((i) => [i.number, i.kind, i.category, i.children.map((c) => c.number)]),
    ]);
    expect(shape).toEqual([
      [
        '1',
        'Reducing serious violence',
        [
          ['1.1', 'priority', 'core', ['1.1.1', '1.1.2']],
          ['1.2', 'action', 'optional', []],
        ],
      ],
      ['2', 'Tackling domestic abuse', [['2.1', 'priority', 'core', ['2.1.1']]]],
      ['3', 'Safer neighbourhoods', []],
    ]);
    const licensing = plan?.themes[0]?.items[0]?.children[1];
    expect(licensing).toMatchObject({
      wording: 'Agree a licensing condition for late venues, including search on entry (SYNTHETIC)',
      ownerPerson: 'sgt.obi@example.org',
      ownerAgency: 'police',
      dueOn: '2025-12-31',
      status: { status: 'at risk', reason: 'Two venues have appealed (SYNTHETIC)' },
      update: { body: 'Venue A agreed (SYNTHETIC).\nVenue B appealed (SYNTHETIC).', onDate: '2025-11-01' },
    });
  });

  it('changes nothing when the same file, or the template written from the stored plan, comes again', async () => {
    const before = await rowCounts(t.database.db);
    expect(await importCsv(SYNTHETIC_PLAN_CSV)).toMatchObject({ outcome: 'unchanged', planId, importId: null });
    const stored = await planDetail(t.database.db, planId);
    if (!stored) throw new Error('no plan');
    const xlsx = await planTemplateXlsx(stored);
    const again = await importPlan(t.database.db, CLI_ACTOR, { fileName: 'plan.xlsx', bytes: xlsx, kind: 'plan' });
    expect(again).toMatchObject({ outcome: 'unchanged', planId, themes: 3, items: 6 });
    expect(await rowCounts(t.database.db)).toEqual(before);
  });

  it('a later round moves a due date, changes a status and adds an item, without duplicating the rest', async () => {
    const lines = SYNTHETIC_PLAN_CSV.split('\r\n');
    lines[7] = (lines[7] as string).replace(
      '2026-03-31,on track,Patrols started in January (SYNTHETIC)',
      '2026-06-30,off track,One patrol a weekend only (SYNTHETIC)',
    );
    lines.splice(
      13,
      0,
      '2,Tackling domestic abuse,2.2,,action,core,Publish the DHR action tracker quarterly (SYNTHETIC),,local_authority,,,,',
    );
    const before = await rowCounts(t.database.db);
    const r = await importCsv(lines.join('\r\n'), 'plan-round-2.csv');
    expect(r).toMatchObject({
      outcome: 'updated',
      planId,
      round: 2,
      items: 7,
      newItems: 1,
      rewordings: 0,
      newUpdates: 0,
      reassignments: 1,
      statusChanges: 1,
    });
    expect(await rowCounts(t.database.db)).toEqual({
      ...before,
      plan_import: before.plan_import + 1,
      plan_item: before.plan_item + 1,
      plan_item_wording: before.plan_item_wording + 1,
      plan_item_status: before.plan_item_status + 1,
      audit_log: before.audit_log + 1,
    });
    const patrols = (await planDetail(t.database.db, planId))?.themes[0]?.items[0]?.children[0];
    expect(patrols).toMatchObject({
      dueOn: '2026-06-30',
      status: { status: 'off track', reason: 'One patrol a weekend only (SYNTHETIC)' },
    });
  });
});
