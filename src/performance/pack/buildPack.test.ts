import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { importForTest } from '../../../test/importHelpers.ts';
import { testData } from '../../../test/sharedData.ts';
import { loadDefinitions } from '../../analysis/loadDefinitions.ts';
import type { DB } from '../../db/schema.ts';
import { operatorReportAnalyser } from '../../release/reportAnalysers.ts';
import type { BuiltReport, FigureBlock } from '../../reports/builtReport.ts';
import { renderReport } from '../../reports/render/renderFormats.ts';
import { readBoroughFile, sumOf } from '../crimeTable/testing/csvCounts.ts';
import { loadIndicatorSet } from '../store/indicatorSet.ts';
import { acceptedPoliceReturn, addReturnActors } from '../testing/returnsFixture.ts';
import { buildPack } from './buildPack.ts';
import { loadPackDefinition } from './packSchema.ts';

/*
 * The pack for Tower Hamlets, 2015/16 Q2, from the real MPS borough file (Home Office aligned, a 2024 extract) and
 * two accepted police returns entered here (test accounts; the values are made up for the test and say so).
 * Expected numbers are worked out by hand or summed in this file straight from the CSV, never taken from the code.
 */
const FILE = 'recorded-crime-borough-historical.csv';
let t: TestDb;
let db: Kysely<DB>;
let pack: BuiltReport;

beforeAll(async () => {
  t = await createTestDb();
  db = t.database.db;
  expect((await importForTest(t.database, testData('mps', 'borough', FILE))).status).toBe('imported');
  const actors = await addReturnActors(db);
  const { themes } = await loadIndicatorSet(db);
  // SA 2013/14 closes at 2014/15 Q2, SA 2014/15 at 2015/16 Q2.
  const commentary = 'test value: calls rose after the new 101 line';
  await acceptedPoliceReturn(db, actors, { quarter: '2014/15 Q2', dueOn: '2014-10-31', asbCalls: '100', commentary });
  await acceptedPoliceReturn(db, actors, { quarter: '2015/16 Q2', dueOn: '2015-10-31', asbCalls: '150', commentary });
  pack = await buildPack(db, {
    quarter: '2015/16 Q2',
    area: { code: 'E09000030', name: 'Tower Hamlets' },
    themes,
    definition: await loadPackDefinition(),
    analyse: operatorReportAnalyser(db, await loadDefinitions(), 'internal'),
    today: '2016-01-15',
  });
}, 240_000);
afterAll(async () => t?.drop());

const block = (id: string) =>
  pack.sections
    .flatMap((s) => s.blocks)
    .find((b): b is FigureBlock => b.kind === 'figure' && b.id === id) as FigureBlock;
const rowOf = (id: string, first: string) => block(id).table.rows.find((r) => r[0] === first) as (string | number)[];
const th = readBoroughFile(testData('mps', 'borough', FILE)).filter((c) => c.byBorough.has('Tower Hamlets'));
const months = (from: [number, number], n: number) =>
  Array.from({ length: n }, (_, i) => {
    const m = from[1] - 1 + i;
    return `${from[0] + Math.floor(m / 12)}${String((m % 12) + 1).padStart(2, '0')}`;
  });
const total = (cols: string[]) => th.reduce((a, c) => a + sumOf(c, 'Tower Hamlets', cols), 0);

describe('the quarterly performance pack', () => {
  it('puts exceptions first, with the reason, and the sections in seed 004 order', () => {
    expect(pack.sections[0]?.title).toBe('Summary of exceptions');
    expect(pack.sections.at(-2)?.title).toBe('Financial year crime figures');
    // 150 against 100: Byar 95% limits of 150 are 126.95 to 176.1, so 100 lies below: higher, and lower is better.
    expect(rowOf('exceptions-table', 'Police CAD calls for anti-social behaviour')?.slice(3, 6)).toEqual([
      '150',
      'No target',
      'Significantly worse',
    ]);
  });

  it('shows returned values in the theme table with difference, direction and commentary', () => {
    const row = rowOf('anti-social-behaviour-table', 'Police CAD calls for anti-social behaviour');
    const head = block('anti-social-behaviour-table').table.head;
    expect(head.slice(2, 6)).toEqual([
      'Oct 2011–Sep 2012',
      'Oct 2012–Sep 2013',
      'Oct 2013–Sep 2014',
      'Oct 2014–Sep 2015',
    ]);
    expect(row.slice(2, 12)).toEqual([
      'not returned',
      'not returned',
      '100',
      '150',
      '+50 (+50%)',
      'Worsening',
      'no target set',
      'No target',
      'Significantly worse',
      'test value: calls rose after the new 101 line',
    ]);
  });

  it('computes police indicators from the imported file: total notifiable offences per October–September year', () => {
    const row = rowOf('total-crime-table', 'Total notifiable offences');
    // Summed here from the CSV: Tower Hamlets, every category, October to September.
    const years = [2011, 2012, 2013, 2014].map((y) => total(months([y, 10], 12)).toLocaleString('en-GB'));
    expect(row.slice(2, 6)).toEqual(years);
  });

  it('prints the financial-year crime table and the baseline table from the same file', () => {
    const tno = rowOf('financial-year-crime', 'Total Notifiable Offences (TNO)');
    // The pack's year is the last whole financial year by the quarter's end (Sep 2015): 2014/15 against 2013/14.
    expect(tno.slice(2, 4)).toEqual([total(months([2014, 4], 12)), total(months([2013, 4], 12))]);
    expect(block('baseline-crime').statement).toMatch(
      /^The basket's 2014\/15 total of [\d,]+ against [\d,]+ in 2011\/12: /,
    );
  });

  it('renders in HTML, Word, Excel and PDF with the same exceptions', async () => {
    const html = (await renderReport(pack, 'html')).toString('utf8');
    expect(html).toContain('Summary of exceptions');
    const docx = await JSZip.loadAsync(await renderReport(pack, 'docx'));
    expect(await docx.file('word/document.xml')?.async('string')).toContain('Significantly worse');
    const xlsx = await JSZip.loadAsync(await renderReport(pack, 'xlsx'));
    expect(Object.keys(xlsx.files).some((f) => f.startsWith('xl/worksheets/'))).toBe(true);
    const dir = mkdtempSync(join(tmpdir(), 'safer-pack-'));
    try {
      const file = join(dir, 'pack.pdf');
      writeFileSync(file, await renderReport(pack, 'pdf'));
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('Summary of exceptions');
      expect(text).toContain('Police CAD calls for anti-social behaviour');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
