import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importPlan } from '../import/importPlan.ts';
import { type PlanView, planView } from '../planQueries.ts';
import { CLI_ACTOR, SEED_001, seedText } from '../testing/deliveryCounts.ts';
import { vruReturnDocx } from './vruReturnDocx.ts';
import { readVruReturnXlsx, vruReturnXlsx } from './vruReturnXlsx.ts';

/*
 * Seed 001 (Tower Hamlets' 2023 return to the London VRU) imported, then exported in the VRU's layout. The XLSX is
 * read back with exceljs and compared with the plan as stored; the section counts are the seed's own (52 core, 42
 * optional actions and 4 emerging themes, counted from its text in importVruReturn.test.ts).
 */
let t: TestDb;
let plan: PlanView;
beforeAll(async () => {
  t = await createTestDb();
  const result = await importPlan(t.database.db, CLI_ACTOR, {
    fileName: 'seed-001.txt',
    bytes: new TextEncoder().encode(seedText(SEED_001)),
    kind: 'vru-return',
    onDate: '2023-12-01',
  });
  plan = (await planView(t.database.db, result.planId)) as PlanView;
}, 120_000);
afterAll(async () => t?.drop());

/** Every item of the stored plan, depth first, as [theme number, number, wording, update, kind]. */
function stored(): string[][] {
  const out: string[][] = [];
  const walk = (theme: PlanView['themes'][number], item: PlanView['themes'][number]['items'][number]) => {
    out.push([theme.number ?? '', item.number ?? '', item.wording, item.update, item.kind]);
    for (const child of item.children) walk(theme, child);
  };
  for (const theme of plan.themes) for (const item of theme.items) walk(theme, item);
  return out;
}

describe('the VRU return exported', () => {
  it('to XLSX reads back (exceljs) as the stored plan, every action with its wording and update', async () => {
    const rows = await readVruReturnXlsx(await vruReturnXlsx(plan, 'Tower Hamlets'));
    const sections = rows.map((r) => r[4]);
    expect(sections.filter((s) => s === 'Core actions').length).toBe(52);
    expect(sections.filter((s) => s === 'Optional actions').length).toBe(42);
    expect(sections.filter((s) => s === 'Emerging themes').length).toBe(4);
    const kind = { 'Core actions': 'core', 'Optional actions': 'optional', 'Emerging themes': 'emerging' } as Record<
      string,
      string
    >;
    const back = rows.map((r) => [
      (r[0] ?? '').split('.')[0] ?? '',
      r[1] ?? '',
      (r[2] ?? '').trimStart(),
      r[3] ?? '',
      kind[r[4] ?? ''] ?? '',
    ]);
    const themeNumber = (label: string) => (/^\d+$/.test(label) ? label : '');
    const sortKey = (r: string[]) => r.join('\u0000');
    expect(
      back
        .map((r) => [themeNumber(r[0] ?? ''), ...r.slice(1)])
        .map(sortKey)
        .sort(),
    ).toEqual(stored().map(sortKey).sort());
  });

  it('to Word with a heading per section and theme and a table each, the wording inside', async () => {
    const zip = await JSZip.loadAsync(await vruReturnDocx(plan, 'Tower Hamlets'));
    const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
    for (const heading of ['Core actions', 'Optional actions', 'Emerging themes', '1. GOVERNANCE'])
      expect(xml).toContain(`>${heading}<`);
    // Core: 8 themes; optional: 7 (theme 8 has none); emerging: one table.
    expect(xml.match(/<w:tbl>/g)?.length).toBe(8 + 7 + 1);
    expect(xml).toContain('Tower Hamlets Update');
    const first = plan.themes[0]?.items[0]?.wording.split('\n')[0] ?? '';
    expect(first.length).toBeGreaterThan(20);
    expect(xml).toContain(first.slice(0, 60).replace(/&/g, '&amp;').replace(/'/g, '&apos;'));
  });
});
