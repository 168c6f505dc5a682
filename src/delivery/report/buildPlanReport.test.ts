import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { loadConfig } from '../../config.ts';
import type { BuiltReport, FigureBlock } from '../../reports/builtReport.ts';
import { paragraphs, styled, texts } from '../../reports/render/docx/testing/readDocx.ts';
import { renderReport } from '../../reports/render/renderFormats.ts';
import { importPlan } from '../import/importPlan.ts';
import { CLI_ACTOR, SEED_001, seedText } from '../testing/deliveryCounts.ts';
import { buildPlanReport, PlanReportError } from './buildPlanReport.ts';
import JSZip from 'jszip';

/*
 * Seed 001 (the VRU return: 9 themes, 52 core and 42 optional actions, 4 emerging themes, none with a status yet)
 * as a plan report, rendered by the report engine in every format.
 */

const CHROMIUM = loadConfig().chromiumPath;
const havePdfTools = existsSync(CHROMIUM) && existsSync('/usr/bin/pdftotext');
// Action 2 of theme 1, as seed 001 words it.
const ACTION_2 =
  'CSP Meeting agendas to include violence performance in line with the Serious Violence Duty and key priorities identified, domestic abuse and sexual offences, community tensions and stop and search as standing items.';

let t: TestDb;
let report: BuiltReport;
let planId: number;
beforeAll(async () => {
  t = await createTestDb();
  ({ planId } = await importPlan(t.database.db, CLI_ACTOR, {
    fileName: '001_09c5d8c39eba6406.txt',
    bytes: new TextEncoder().encode(seedText(SEED_001)),
    kind: 'vru-return',
    onDate: '2023-11-30',
  }));
  report = await buildPlanReport(t.database.db, planId, {
    asOf: '2024-01-15',
    builtAt: new Date('2024-01-15T09:00:00Z'),
  });
}, 120_000);
afterAll(async () => t?.drop());

const figure = (id: string) =>
  report.sections.flatMap((s) => s.blocks).find((b): b is FigureBlock => b.kind === 'figure' && b.id === id);

describe('a plan as a report', () => {
  it('has a summary, the items by status, and a section per theme', () => {
    expect(report.sections.map((s) => s.title)).toEqual([
      'Summary',
      expect.stringMatching(/^Theme 1: GOVERNANCE/),
      ...Array.from({ length: 8 }, () => expect.any(String)),
    ]);
    // No status has been set on any of the 98 items: all are "not started".
    expect(figure('plan-status-table')?.table.rows).toEqual([
      ['not started', 98, '100%'],
      ['on track', 0, '0%'],
      ['at risk', 0, '0%'],
      ['off track', 0, '0%'],
      ['complete', 0, '0%'],
      ['dropped', 0, '0%'],
      ['All items', 98, '100%'],
    ]);
    expect(figure('plan-status-chart')?.chart?.svg).toMatch(/^<svg/);
    const governance = figure('theme-1-items')?.table;
    expect(governance?.head).toEqual(['Number', 'Wording', 'Owner', 'Due', 'Status', 'Latest update']);
    expect(governance?.rows[1]?.slice(0, 5)).toEqual(['2', ACTION_2, '', '', 'not started']);
    expect(String(governance?.rows[1]?.[5])).toMatch(/^2023-11-30: In Tower Hamlets, the Community Safety Partnership/);
    expect(report.notes[0]?.source).toMatch(/^Imported from 001_09c5d8c39eba6406\.txt \(round 1, \d{4}-\d{2}-\d{2}\)$/);
  });

  it("names the plan's kind and its owner as boards speak of them, not by the agency's code", async () => {
    // The seed's return names its owner in words, kept as written.
    expect(report.subtitle).toBe('VRU action-plan return, Tower Hamlets: progress as of 2024-01-15');
    await t.database.db.updateTable('plan').set({ owner_agency: 'local_authority' }).where('id', '=', planId).execute();
    const owned = await buildPlanReport(t.database.db, planId, { asOf: '2024-01-15' });
    expect(owned.subtitle).toBe('VRU action-plan return, Council: progress as of 2024-01-15');
    await t.database.db.updateTable('plan').set({ owner_agency: 'Tower Hamlets' }).where('id', '=', planId).execute();
  });

  it('renders as HTML with the headings and the words of an action', async () => {
    const html = (await renderReport(report, 'html')).toString('utf8');
    expect(html).toContain(
      '<h1 class="govuk-heading-xl app-report-cover__title">Violence and Vulnerability Reduction Action Plans - 2023</h1>',
    );
    expect(html).toMatch(/<h2 class="govuk-heading-l" id="[^"]+">1\. Summary<\/h2>/);
    expect(html).toMatch(/<h2 class="govuk-heading-l" id="[^"]+">2\. Theme 1: GOVERNANCE<\/h2>/);
    expect(html).toContain(
      'CSP Meeting agendas to include violence performance in line with the Serious Violence Duty',
    );
  });

  it('renders as Word with a heading per section and the tables', async () => {
    const zip = await JSZip.loadAsync(await renderReport(report, 'docx'));
    const document = await zip.file('word/document.xml')!.async('string');
    expect(styled(document, 'Title')).toEqual(['Violence and Vulnerability Reduction Action Plans - 2023']);
    const headings = styled(document, 'Heading1');
    expect(headings.slice(0, 2)).toEqual(['1 Summary', '2 Theme 1: GOVERNANCE']);
    expect(headings.filter((h) => /^\d+ /.test(h)).length).toBe(10);
    expect(texts(document)).toContain(ACTION_2);
    expect((document.match(/<w:tbl>/g) ?? []).length).toBeGreaterThanOrEqual(11);
    expect(paragraphs(document).some((p) => p.text === 'not started')).toBe(true);
  });

  it('renders as Excel', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderReport(report, 'xlsx')) as unknown as ArrayBuffer);
    expect(book.worksheets.length).toBeGreaterThan(0);
    const cells: string[] = [];
    for (const sheet of book.worksheets) sheet.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells).toContain(`2: ${ACTION_2}`);
  });

  it.skipIf(!havePdfTools)(
    'prints to PDF with pages and the words of an action',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'plan-report-'));
      try {
        const file = join(dir, 'plan.pdf');
        writeFileSync(file, await renderReport(report, 'pdf', { chromiumPath: CHROMIUM }));
        // Reading order (no -layout): a table cell's wrapped lines follow one another.
        const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
        expect(text).toContain('Violence and Vulnerability Reduction Action Plans - 2023');
        expect(text.replace(/\s+/g, ' ')).toContain('CSP Meeting agendas to include violence performance');
        const pages = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
        expect(Number(/Pages:\s+(\d+)/.exec(pages)?.[1])).toBeGreaterThan(2);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );

  it('refuses an unknown plan and a bad date', async () => {
    await expect(buildPlanReport(t.database.db, 999, { asOf: '2024-01-15' })).rejects.toThrow(
      new PlanReportError('there is no plan 999'),
    );
    await expect(buildPlanReport(t.database.db, planId, { asOf: '15/01/2024' })).rejects.toThrow(
      new PlanReportError('"15/01/2024" is not a date (YYYY-MM-DD)'),
    );
  });
});
