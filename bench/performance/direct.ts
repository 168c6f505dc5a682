/**
 * The scorecard and the pack called directly on the demo database (no HTTP, no result cache: the operator's
 * analyser, as `safer pack build` uses), so the page's and the API's times can be read against the work itself.
 */
import { loadDefinitions } from '../../src/analysis/loadDefinitions.ts';
import { createDatabase } from '../../src/db/createDatabase.ts';
import { loadIndicatorSet } from '../../src/performance/store/indicatorSet.ts';
import { buildScorecard } from '../../src/performance/values/scorecard.ts';
import { operatorReportAnalyser } from '../../src/release/reportAnalysers.ts';
import { measurePack } from './pack.ts';
import { QUARTER } from './protocol.ts';

const RUNS = 3;

export async function measureDirect(url: string): Promise<string[]> {
  const database = await createDatabase({ kind: 'postgres', url });
  try {
    const db = database.db;
    const { themes } = await loadIndicatorSet(db);
    const analyse = operatorReportAnalyser(db, await loadDefinitions(), 'internal');
    const runs: number[] = [];
    let rows = 0;
    let computed = 0;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const card = await buildScorecard(db, analyse, { quarter: QUARTER, area: 'E09000030', themes });
      runs.push(Math.round(performance.now() - t0));
      const all = card.themes.flatMap((t) => t.rows);
      rows = all.length;
      computed = all.filter((r) => r.indicator.source.kind === 'computed').length;
    }
    return [
      `buildScorecard directly on the demo database at ${QUARTER} (${rows} indicators, ${computed} computed by the figure engine, no result cache): ${runs.map((ms) => `${ms} ms`).join(', ')}`,
      `demo: ${await measurePack(db, { quarter: QUARTER, themes, analyse })}`,
    ];
  } finally {
    await database.close();
  }
}
