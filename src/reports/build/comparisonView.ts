import { AnalysisError } from '../../analysis/figure.ts';
import type { AnalysisResult } from '../../analysis/analysisResult.ts';
import type { AnalysisRequestInput } from '../../analysis/request.ts';
import { formatRate } from '../../charts/svg.ts';
import type { FigureBlockTemplate } from '../template/templateSchema.ts';
import type { ReportPlace, ViewOutput } from './reportPorts.ts';

type ComparisonBlock = Extract<FigureBlockTemplate, { view: 'comparison' }>;

const LONDON = { code: 'E12000007', name: 'London' };

/**
 * Several definitions or categories as rates per 1,000 residents for the report's area, its comparator boroughs
 * and London, in one table (the SNA's "rates against London and comparators"). A rate a source cannot give for
 * one area reads "not available" in its cell with the reason in the data notes; it does not sink the table.
 */
export async function comparisonView(
  block: ComparisonBlock,
  place: ReportPlace,
  analyse: (input: AnalysisRequestInput) => Promise<AnalysisResult>,
): Promise<ViewOutput> {
  const areas = [place.area, ...place.comparators.filter((c) => c.code !== place.area.code), LONDON];
  const results: AnalysisResult[] = [];
  const rows: (string | number)[][] = [];
  for (const row of block.rows) {
    const what = row.definition ? { definition: row.definition } : { category: row.category! };
    const cells: string[] = [];
    for (const area of areas) {
      try {
        const r = await analyse({
          ...what,
          area: area.code,
          period: place.period,
          by: 'none',
          ...(block.source ? { source: block.source } : {}),
        });
        results.push(r);
        const f = r.figures[0];
        cells.push(f?.suppressed === true ? 'suppressed' : f?.rate == null ? 'not available' : formatRate(f.rate));
      } catch (error) {
        // NOT_FOUND / INVALID are the template's mistake and stop the build; a source without data is a gap.
        if (!(error instanceof AnalysisError) || error.code === 'NOT_FOUND' || error.code === 'INVALID') throw error;
        cells.push('not available');
      }
    }
    rows.push([row.label, ...cells]);
  }
  const first = rows[0];
  return {
    chart: null,
    table: {
      caption: `Rates per 1,000 residents, ${place.period}: ${areas.map((a) => a.name).join(', ')}`,
      head: ['Offence', ...areas.map((a) => a.name)],
      rows,
      numeric: [false, ...areas.map(() => true)],
    },
    statement: null,
    facts: {
      sentence: first
        ? `${first[0]}: ${first[1]} per 1,000 residents in ${place.area.name}, ${first[first.length - 1]} in London.`
        : '',
    },
    results,
  };
}
