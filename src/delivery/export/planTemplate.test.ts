import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importPlan } from '../import/importPlan.ts';
import type { ParsedItem, ParsedPlan } from '../import/parsedPlan.ts';
import { readPlanTemplate } from '../import/readPlanTemplate.ts';
import { CLI_ACTOR, rowCounts, SEED_001, seedText } from '../testing/deliveryCounts.ts';
import { type ItemDetail, type PlanDetail, planDetail } from './planDetail.ts';
import { planTemplateCsv, planTemplateRows, planTemplateXlsx, TEMPLATE_COLUMNS } from './planTemplate.ts';

/*
 * Seed 001 (the VRU return) imported, written as Safer's template in CSV and XLSX, read back: the parsed plan is
 * the stored one, and importing either file into the plan changes nothing.
 */

let t: TestDb;
let stored: PlanDetail;
beforeAll(async () => {
  t = await createTestDb();
  const r = await importPlan(t.database.db, CLI_ACTOR, {
    fileName: 'seed-001.txt',
    bytes: new TextEncoder().encode(seedText(SEED_001)),
    kind: 'vru-return',
  });
  stored = (await planDetail(t.database.db, r.planId)) as PlanDetail;
}, 120_000);
afterAll(async () => t?.drop());

/** The stored plan in the parsed shape (lines aside): what reading the template must give back. */
const asParsed = (p: PlanDetail) => {
  const item = (i: ItemDetail): Omit<ParsedItem, 'line'> => ({
    number: i.number,
    kind: i.kind,
    category: i.category,
    wording: i.wording,
    oldWording: null,
    update: i.update?.body ?? '',
    owner: { person: i.ownerPerson, agency: i.ownerAgency, dueOn: i.dueOn },
    status: i.status === null ? null : { status: i.status.status, reason: i.status.reason },
    children: i.children.map(item) as ParsedItem[],
  });
  return {
    kind: p.kind,
    title: p.title,
    ownerAgency: p.ownerAgency,
    period: p.period,
    themes: p.themes.map((th) => ({ number: th.number, title: th.title, description: '', items: th.items.map(item) })),
    unplaced: [],
  };
};
const withoutLines = (p: ParsedPlan) =>
  JSON.parse(JSON.stringify(p, (key, value) => (key === 'line' ? undefined : value)));

describe('the plan template from seed 001', () => {
  it('has the header, then one row per action: 9 themes and 98 items as the VRU import counted', () => {
    const rows = planTemplateRows(stored);
    expect(rows.slice(0, 6)).toEqual([
      ['plan_title', 'Violence and Vulnerability Reduction Action Plans - 2023'],
      ['plan_kind', 'vru-return'],
      ['plan_owner_agency', 'Tower Hamlets'],
      ['plan_period', '2023'],
      [],
      [...TEMPLATE_COLUMNS],
    ]);
    expect(rows.length - 6).toBe(98);
    expect(new Set(rows.slice(6).map((r) => r[1])).size).toBe(9);
  });

  it('reads back from CSV and from XLSX as the stored plan', async () => {
    const fromCsv = await readPlanTemplate(new TextEncoder().encode(planTemplateCsv(stored)), 'plan.csv');
    expect(withoutLines(fromCsv)).toEqual(asParsed(stored));
    const fromXlsx = await readPlanTemplate(await planTemplateXlsx(stored), 'plan.xlsx');
    expect(withoutLines(fromXlsx)).toEqual(asParsed(stored));
  });

  it('imported into the plan, changes nothing', async () => {
    const before = await rowCounts(t.database.db);
    for (const [fileName, bytes] of [
      ['plan.csv', new TextEncoder().encode(planTemplateCsv(stored))],
      ['plan.xlsx', await planTemplateXlsx(stored)],
    ] as const) {
      const r = await importPlan(t.database.db, CLI_ACTOR, { fileName, bytes, kind: 'plan', planId: stored.id });
      expect(r).toMatchObject({ outcome: 'unchanged', planId: stored.id, themes: 9, items: 98 });
    }
    expect(await rowCounts(t.database.db)).toEqual(before);
  });
});
