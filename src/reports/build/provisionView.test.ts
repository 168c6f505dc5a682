import { describe, expect, it } from 'vitest';
import { AnalysisError } from '../../analysis/figure.ts';
import { figureBlocks } from '../builtReport.ts';
import { ReportTemplate } from '../template/templateSchema.ts';
import { buildReport } from './buildReport.ts';
import { ReportBuildError } from './resolvePlace.ts';
import type { ReportPorts } from './reportPorts.ts';

/*
 * The provision view through the report engine with stand-in ports (no database): a table from the `provision`
 * port becomes a numbered table with its data note and sentence; no port, or a refusal, makes it unavailable with
 * the reason (and an intelligence gap); anything else stops the build naming the block. SYNTHETIC content.
 */
const template = ReportTemplate.parse({
  id: 'provision-only',
  version: 1,
  title: 'SYNTHETIC provision report',
  description: 'test',
  sections: [
    {
      id: 'provision',
      title: 'Current provision',
      blocks: [
        { kind: 'narrative', id: 'text', markdown: '{{matrix.sentence}} Gaps: {{unavailable}}' },
        { kind: 'figure', id: 'matrix', view: 'provision', table: 'matrix', title: 'Provision, {area}' },
      ],
    },
  ],
});
const request = { template, area: 'E09000030', period: '2024/25', compare: null, edition: 'internal' as const };
const ports = (provision?: ReportPorts['provision']): ReportPorts => ({
  analyse: () => Promise.reject(new Error('no figures in this test')),
  resolveArea: async () => ({ code: 'E09000030', name: 'Tower Hamlets', type: 'borough' }),
  shapes: async () => [],
  definitions: async () => [],
  ...(provision ? { provision } : {}),
});
const narrative = (r: Awaited<ReturnType<typeof buildReport>>) => JSON.stringify(r.sections[0]?.blocks[0]);

describe('the provision view in the report engine', () => {
  it('shows the port’s table as Table 1 with its data note, and its sentence in the narrative', async () => {
    const report = await buildReport(
      request,
      ports(async (table) => ({
        table: {
          caption: `SYNTHETIC ${table}`,
          head: ['Need', 'Gaps'],
          rows: [['Knife crime', 'None found']],
          numeric: [false, false],
        },
        sentence: '1 service on the provision map meets 1 of 8 needs.',
        note: {
          source: 'SYNTHETIC register',
          readOn: '2026-12-07',
          method: 'by hand',
          caveats: ['entered by partners'],
        },
      })),
    );
    const [block] = figureBlocks(report);
    expect(block).toMatchObject({ label: 'Table 1', title: 'Provision, Tower Hamlets', unavailable: null, notes: [1] });
    expect(block?.table.caption).toBe('SYNTHETIC matrix');
    expect(report.notes).toEqual([
      {
        number: 1,
        usedBy: ['Table 1'],
        source: 'SYNTHETIC register',
        extractDates: ['2026-12-07'],
        definition: 'Provision map',
        definitionVersion: null,
        method: 'by hand',
        caveats: ['entered by partners'],
      },
    ]);
    expect(narrative(report)).toContain('1 service on the provision map meets 1 of 8 needs. Gaps: none');
  });

  it('is unavailable, with the reason, without a port or when the port refuses the reader', async () => {
    const none = await buildReport(request, ports());
    expect(figureBlocks(none)[0]?.unavailable).toBe('the provision map was not given to this build');
    expect(narrative(none)).toContain(
      '[not available] Gaps: Provision, Tower Hamlets (the provision map was not given',
    );
    const refused = await buildReport(
      request,
      ports(() => Promise.reject(new AnalysisError('UNSUPPORTED', 'You may not read SYNTHETIC services'))),
    );
    expect(figureBlocks(refused)[0]).toMatchObject({ unavailable: 'You may not read SYNTHETIC services', notes: [] });
    expect(refused.notes).toEqual([]);
  });

  it('stops the build naming the block when the port fails otherwise', async () => {
    const failing = buildReport(
      request,
      ports(() => Promise.reject(new Error('connection lost'))),
    );
    await expect(failing).rejects.toBeInstanceOf(ReportBuildError);
    await expect(failing).rejects.toThrow('matrix');
  });

  it('refuses a provision block naming a table that does not exist', () => {
    const bad = ReportTemplate.safeParse({
      ...template,
      sections: [
        {
          id: 's',
          title: 'S',
          blocks: [{ kind: 'figure', id: 'x', view: 'provision', table: 'services', title: 'X' }],
        },
      ],
    });
    expect(bad.success).toBe(false);
  });
});
