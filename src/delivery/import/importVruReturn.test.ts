import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { planView, type PlanView } from '../planQueries.ts';
import { CLI_ACTOR, rowCounts, SEED_001, seedText } from '../testing/deliveryCounts.ts';
import { importPlan } from './importPlan.ts';

/*
 * Seed 001 (Tower Hamlets' 2023 return to the London VRU) imported, and checked against this test's own reading
 * of the text: in each table the action numbers start again at 1 for every theme, so a run of numbers from "1" is
 * one theme. Core tables come before the "OPTIONAL ACTIONS" header, optional ones after, emerging themes last.
 */
interface SeedRow {
  number: string;
  wording: string;
  update: string;
}
function countSeed(text: string) {
  const core: SeedRow[][] = [];
  const optional: SeedRow[][] = [];
  let runs = core;
  let emerging = -1;
  for (const line of text.split('\n')) {
    const cells = line.split('\t');
    if (line.includes('OPTIONAL ACTIONS')) runs = optional;
    if (line.startsWith('EMERGING THEMES')) emerging = 0;
    if (emerging >= 0 && cells.length === 2 && cells[0] !== 'Theme') emerging += 1;
    if (emerging >= 0) continue;
    const at = cells.slice(0, 2).findIndex((c) => /^\d+$/.test(c.trim()));
    if (at < 0 || (cells[at + 1] ?? '').trim() === '') continue;
    const [first = '', second = '', third = ''] = cells.slice(at + 1);
    const row = runs === core ? { wording: first, update: second } : { wording: second.trim() || first, update: third };
    if (cells[at]?.trim() === '1') runs.push([]);
    runs.at(-1)?.push({ number: (cells[at] ?? '').trim(), ...row });
  }
  const headings = text.match(/^(NEW SECTION: )?\d+\. [A-Z]/gm) ?? [];
  return { core, optional, emerging, headings: headings.length };
}
// Markup and spacing out; every other character must arrive, in order.
const letters = (s: string) => s.replace(/<\/?[a-z][^>]*>/gi, '').replace(/[\s•]+/g, '');

let t: TestDb;
let plan: PlanView;
const seed = countSeed(seedText(SEED_001));
const bytes = new TextEncoder().encode(seedText(SEED_001));
beforeAll(async () => {
  t = await createTestDb();
  const result = await importPlan(t.database.db, CLI_ACTOR, {
    fileName: 'seed-001.txt',
    bytes,
    kind: 'vru-return',
    onDate: '2023-12-01',
  });
  expect(result.outcome).toBe('created');
  plan = (await planView(t.database.db, result.planId)) as PlanView;
}, 120_000);
afterAll(async () => t?.drop());

const theme = (n: string) => plan.themes.find((x) => x.number === n);
const item = (themeNumber: string, kind: string, number: string) =>
  theme(themeNumber)?.items.find((i) => i.kind === kind && i.number === number);

describe('seed 001 imported as a VRU return', () => {
  it("has the seed's themes and, per theme, as many core and optional actions as the text holds", () => {
    expect(seed.headings).toBe(8);
    expect(seed.core.map((r) => r.length)).toEqual([6, 8, 1, 12, 6, 4, 4, 11]);
    expect(seed.optional.map((r) => r.length)).toEqual([1, 3, 6, 17, 7, 3, 5]);
    expect(plan.title).toBe('Violence and Vulnerability Reduction Action Plans - 2023');
    expect(plan.themes.map((x) => x.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', null]);
    seed.core.forEach((rows, i) => {
      const items = theme(String(i + 1))?.items.filter((x) => x.kind === 'core') ?? [];
      expect(items.map((x) => x.number)).toEqual(rows.map((r) => r.number));
    });
    // The optional tables list the same themes in the same order; theme 8 (VAWG, a new section) has none yet.
    seed.optional.forEach((rows, i) => {
      const items = theme(String(i + 1))?.items.filter((x) => x.kind === 'optional') ?? [];
      expect(items.map((x) => x.number)).toEqual(rows.map((r) => r.number));
    });
    expect(theme('8')?.items.filter((x) => x.kind === 'optional')).toEqual([]);
    const emerging = plan.themes.at(-1);
    expect(emerging?.title).toBe('EMERGING THEMES');
    expect(emerging?.items.map((x) => x.kind)).toEqual(Array(seed.emerging).fill('emerging'));
    expect(emerging?.items[0]?.wording).toBe('REDUCING ONLINE HARMS');
  });

  it('keeps every character of every wording and update (markup aside), with no tag left', () => {
    seed.core.forEach((rows, i) => {
      for (const row of rows) {
        const stored = item(String(i + 1), 'core', row.number);
        expect(letters(stored?.wording ?? ''), `core ${i + 1}.${row.number}`).toBe(letters(row.wording));
        expect(letters(stored?.update ?? ''), `core ${i + 1}.${row.number} update`).toBe(letters(row.update));
        expect(`${stored?.wording}${stored?.update}`).not.toMatch(/<\/?[a-z][^>]*>/i);
      }
    });
    seed.optional.forEach((rows, i) => {
      for (const row of rows) {
        const stored = item(String(i + 1), 'optional', row.number);
        expect(letters(stored?.wording ?? ''), `optional ${i + 1}.${row.number}`).toBe(letters(row.wording));
      }
    });
  });

  it('turns HTML cells into paragraphs and "• " lists', () => {
    expect(item('2', 'core', '3')?.wording).toBe(
      'Police tactical plan to be maintained to record, monitor and review key police tactical interventions and activity in support of police teams tasked with tackling violence.\n\n' +
        "• If using 4P's the different elements to read across into partnership plans.\n" +
        '• MPS hotspot analysis to be shared with partners and subject of further analysis to support bespoke interventions\n' +
        '• Problem Orientated Policing to be undertaken in key identified hotspots, collaborating with local authorities, housing providers, landowners, businesses and residents\n' +
        '• Disruption of groups involved in violence and harm, and organised criminal networks, to have SRO/LRO for each BCU and have partnership input and analysis as required\n\n' +
        'Operation Dauntless and similar operations arranged to tackle VAWG offenders',
    );
    const update = item('2', 'core', '2')?.update ?? '';
    expect(update.split('\n\n')).toHaveLength(2);
    expect(update).toMatch(/^The CSP last developed a JSNA on Violence in 2019/);
    expect(update).toMatch(/\n\nSafestats has been used to inform the 2023 Serious Violence needs assessment/);
    expect(item('4', 'core', '1')?.update).toContain('schools in Tower Hamlets, in line with national trends , are');
    const consortium = item('5', 'core', '6')?.update ?? '';
    expect(consortium.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(8);
    expect(item('1', 'core', '6')?.wording).toContain('principles:\n\n• A child first approach;');
    expect(item('2', 'core', '6')?.update).toBe('');
  });

  it('reads an optional row whose number slipped into the theme column, and keeps new wording over current', () => {
    expect(item('4', 'optional', '16')?.wording).toMatch(/^Deliver a Blue Light Collaboration \(MPS, LAS and LFB\)/);
    expect(item('4', 'optional', '6')?.wording).toBe('Adoption of a restorative practice approach');
    expect(item('7', 'optional', '5')?.update).toBe('Resettlement Panels');
  });

  it('a second import of the same file changes nothing', async () => {
    const before = await rowCounts(t.database.db);
    const again = await importPlan(t.database.db, CLI_ACTOR, { fileName: 'seed-001.txt', bytes, kind: 'vru-return' });
    expect(again).toMatchObject({ outcome: 'unchanged', planId: plan.id, importId: null, newItems: 0 });
    expect(await rowCounts(t.database.db)).toEqual(before);
  });

  it('reports the notes it could not place, with their lines', async () => {
    const imported = await t.database.db.selectFrom('plan_import').select('unplaced').executeTakeFirstOrThrow();
    expect((imported.unplaced as { line: number }[]).map((u) => u.line)).toEqual([27, 141]);
  });
});
