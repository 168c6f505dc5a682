import { figuresOf } from '../analysisResult.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDashboardFixture, type DashboardFixture } from '../../../test/dashboardFixture.ts';
import { runAnalysis } from '../runAnalysis.ts';

// Real demo files (MPS ward counts start in Feb 2024) plus SYNTHETIC Tower Hamlets partner records.
let f: DashboardFixture;
beforeAll(async () => {
  f = await createDashboardFixture();
}, 600_000);
afterAll(async () => {
  await f?.h.close();
});

const analyse = async (input: Parameters<typeof runAnalysis>[2]) =>
  runAnalysis(f.h.services.db, await f.h.services.definitions(), input);

describe('headline change and benchmarks', () => {
  it('gives no change against a comparison period the source holds only part of', async () => {
    // The MPS ward file's first column is Feb 2024, a stub month the importer skips (partialEdgeMonths.ts), so of
    // 2023/24 (Apr 2023–Mar 2024) the fixture holds Mar 2024 only: 11 of 12 months missing.
    const r = await analyse({
      category: 'VIOLENCE AGAINST THE PERSON',
      area: 'E05009317',
      period: '2024/25',
      compare: '2023/24',
      source: 'mps-ward',
    });
    const compare = figuresOf(r, 'headline')[0]!.compare as Record<string, unknown>;
    expect(compare).toMatchObject({ period: '2023/24', incomplete: true, percentChange: null, change: null });
    expect(compare.percentChangeText).toBe('n/a: 2023/24 has no data for 11 of 12 months');
  });

  it('gives the change when the comparison period is complete', async () => {
    const r = await analyse({
      category: 'VIOLENCE AGAINST THE PERSON',
      area: 'E05009317',
      period: 'Jan 2026',
      compare: 'Jan 2025',
      source: 'mps-ward',
    });
    const figure = figuresOf(r, 'headline')[0]!;
    const compare = figure.compare as { count: number; change: number; incomplete?: boolean };
    expect(compare.incomplete).toBeUndefined();
    expect(compare.change).toBe(figure.count! - compare.count);
  });

  it('draws no London benchmark from partner records, which cover only the partnership boroughs', async () => {
    const r = await analyse({ definition: 'domestic-abuse', area: 'E09000030', period: '12 months to Feb 2026' });
    expect(r.vintage.source).toMatch(/partner/);
    expect((figuresOf(r, 'headline')[0]!.benchmarks as { area: string }[]).map((b) => b.area)).not.toContain('London');
    expect(r.warnings.join(' ')).toMatch(/no London benchmark/);
  });
});

describe('stop and search by ethnicity', () => {
  it('counts "Other ethnic group - Not stated" as not stated, not as Other', async () => {
    // From the file by hand (2023, self-defined ethnicity): "Other ethnic group - …" 85 stated + 1,532 "Not stated".
    const r = await analyse({ category: 'stop and search', area: 'E09000030', period: '2023', by: 'ethnicity' });
    const other = r.figures.find((x) => Object.values(x.group).includes('other'));
    expect(other?.count).toBe(85);
  });
});
