import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/policy.ts';
import { formatCount } from '../charts/svg.ts';
import { loadConfig } from '../config.ts';
import { readerReportAnalyser } from '../release/reportAnalysers.ts';
import { createDashboardFixture, type DashboardFixture } from '../../test/dashboardFixture.ts';
import { type BuiltReport, figureBlocks } from './builtReport.ts';
import { buildReport } from './build/buildReport.ts';
import { reportPorts } from './build/databasePorts.ts';
import { ReportBuildError } from './build/resolvePlace.ts';
import { renderReport } from './render/renderFormats.ts';
import { findTemplate, loadTemplates } from './template/loadTemplates.ts';
import type { ReportTemplate } from './template/templateSchema.ts';

/*
 * The SNA template built from real files (MPS borough, ward and dashboard counts, homicide, Census 2021, IMD,
 * boundaries) and SYNTHETIC partner extracts (test/dashboardFixture.ts), for Tower Hamlets in 2024/25, the year
 * the fixture's files cover in full. Its numbers must be the Explorer's (the same door, analyseFor) and the
 * published count worked out independently (python3 over recorded-crime-borough.csv: 9,812).
 */
const hasChromium = existsSync(loadConfig().chromiumPath);
const OUT = resolve('test-results/sna');

let f: DashboardFixture;
let analyst: Actor;
let template: ReportTemplate;
let report: BuiltReport;

const request = (overrides: Partial<Parameters<typeof buildReport>[0]> = {}) => ({
  template,
  area: 'Tower Hamlets',
  period: '2024/25',
  compare: '2023/24',
  edition: 'internal' as const,
  ...overrides,
});
const ports = async (edition: 'internal' | 'public' = 'internal') => ({
  ...reportPorts(f.h.services.db, await f.h.services.definitions()),
  analyse: readerReportAnalyser(f.h.services, analyst, edition),
});

beforeAll(async () => {
  f = await createDashboardFixture();
  const user = await f.h.addUser('analyst@council.example', 'local_authority', 'analyst');
  analyst = { id: user.id, email: user.email, agency: user.agency_code, role: user.role };
  template = findTemplate(await loadTemplates(), 'sna');
  report = await buildReport(request(), await ports());
}, 600_000);
afterAll(async () => f?.h.close());

const block = (id: string) => {
  const b = figureBlocks(report).find((x) => x.id === id);
  if (!b) throw new Error(`no block ${id}`);
  return b;
};

describe('the SNA built from the fixture data', () => {
  it('gives violence against the person in 2024/25 as the published file does: 9,812', () => {
    expect(block('vap').unavailable).toBeNull();
    expect(block('vap').table.rows[0]).toEqual(['Offences, 2024/25', '9,812', '', '']);
    expect(report.annex.find((r) => r.block === 'vap')?.count).toBe(9812);
  });

  it('has the Explorer’s numbers for five figures from five source kinds', async () => {
    const services = f.h.services;
    const { analyseFor } = await import('../release/analyseFor.ts');
    const checks = [
      { id: 'vap', input: { category: 'Violence Against the Person' } },
      { id: 'knife-crime', input: { definition: 'knife-crime-with-injury' } },
      { id: 'homicide', input: { category: 'Homicide' } },
      { id: 'svd', input: { definition: 'serious-violence-duty-tower-hamlets' } },
      { id: 'robbery', input: { category: 'Robbery' } },
    ];
    const sources = new Set<string>();
    for (const c of checks) {
      const explorer = await analyseFor(services, analyst, {
        ...c.input,
        area: 'E09000030',
        period: '2024/25',
        compare: '2023/24',
      });
      const count = explorer.figures[0]!.count!;
      sources.add(explorer.vintage.source);
      expect(block(c.id).table.rows[0]![1], c.id).toBe(formatCount(count));
      expect(report.annex.find((r) => r.block === c.id)?.count, c.id).toBe(count);
    }
    expect(sources.size, [...sources].join('; ')).toBeGreaterThanOrEqual(3);
  });

  it('numbers figures and tables in reading order and gives every figure its data notes', () => {
    const labels = figureBlocks(report).map((b) => b.label);
    const charts = labels.filter((l) => l.startsWith('Figure '));
    expect(charts).toEqual(charts.map((_, i) => `Figure ${i + 1}`));
    for (const b of figureBlocks(report).filter((x) => !x.unavailable)) {
      expect(b.notes.length, b.id).toBeGreaterThan(0);
      for (const n of b.notes) expect(report.notes[n - 1]!.usedBy).toContain(b.label);
    }
  });

  it('fills the summary’s placeholders with the figures’ sentences', () => {
    const summary = report.sections[0]!.blocks[0]!;
    expect(summary.kind).toBe('narrative');
    const text = JSON.stringify(summary);
    expect(text).toContain(
      'Violence Against the Person: 9,812 offences in Tower Hamlets in 2024/25, 31.6 per 1,000 residents (95% confidence interval 31.0 to 32.3). Violence Against the Person: the rate is higher than London.',
    );
    expect(text).not.toContain('{{');
  });

  it('lists under intelligence gaps every figure it could not produce, with the reason', () => {
    const gaps = JSON.stringify(report.sections.find((s) => s.id === 'gaps'));
    const missing = figureBlocks(report).filter((b) => b.unavailable);
    if (missing.length === 0) expect(gaps).toContain('none: every figure in this report could be produced');
    for (const b of missing) expect(gaps).toContain(JSON.stringify(`${b.title} (${b.unavailable})`).slice(1, -1));
  });
});

describe.skipIf(!hasChromium)('the SNA in four formats', () => {
  it('PDF and Word carry the same numbers; pages kept as PNG', async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    const pdf = join(OUT, 'sna.pdf');
    writeFileSync(pdf, await renderReport(report, 'pdf'));
    const pdfText = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    const docx = await JSZip.loadAsync(await renderReport(report, 'docx'));
    const wordText = (await docx.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    for (const id of ['vap', 'knife-crime', 'homicide', 'svd', 'robbery']) {
      const count = String(block(id).table.rows[0]![1]);
      expect(pdfText, id).toContain(count);
      expect(wordText, id).toContain(count);
    }
    execFileSync('pdftoppm', ['-png', '-r', '40', pdf, join(OUT, 'page')]);
    expect(readdirSync(OUT).filter((n) => n.endsWith('.png')).length).toBeGreaterThan(5);
  }, 300_000);
});

describe('a template or request that cannot be built is refused naming the block', () => {
  const withBlock = (extra: object): ReportTemplate => ({
    ...template,
    sections: [{ id: 'extra', title: 'Extra', blocks: [extra as ReportTemplate['sections'][0]['blocks'][0]] }],
  });
  it.each([
    ['an unknown definition', { template: 'def' }, 'knife: no definition called "no-such-definition" is loaded'],
    ['an unknown area', { area: 'Atlantis' }, 'area: '],
    ['a period that does not read', { period: '2024/99' }, 'period: '],
    ['an unknown narrative block', { narrative: { nowhere: 'x' } }, 'nowhere: template sna has no block with this id'],
    [
      'script in narrative',
      { narrative: { 'summary-text': '<script>alert(1)</script>' } },
      'summary-text: HTML is not allowed',
    ],
    ['a malformed placeholder', { narrative: { 'summary-text': 'see {{vap.count}' } }, 'summary-text: an unmatched'],
  ])('%s', async (_name, overrides, message) => {
    const t =
      'template' in overrides
        ? withBlock({
            kind: 'figure',
            id: 'knife',
            view: 'headline',
            title: 'x',
            what: { definition: 'no-such-definition' },
          })
        : template;
    const { template: _t, ...rest } = overrides as Record<string, unknown>;
    const error = await buildReport({ ...request(rest), template: t }, await ports()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportBuildError);
    expect((error as Error).message).toContain(message);
  });

  it('an unknown category stops the build at its block', async () => {
    const t = withBlock({
      kind: 'figure',
      id: 'odd',
      view: 'headline',
      title: 'x',
      what: { category: 'Dragon Theft' },
    });
    const error = await buildReport(request({ template: t }), await ports()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReportBuildError);
    expect((error as Error).message).toMatch(/^odd: /);
  });
});
