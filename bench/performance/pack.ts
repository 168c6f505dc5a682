/**
 * The performance pack's build and render times: the pack built from the scorecard (and, on the demo data, the
 * crime tables), then rendered in every format by the report engine. PDF needs Chromium; without it that format is
 * said to be skipped. Anything the pack throws is printed rather than failing the run.
 */
import { existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { loadConfig } from '../../src/config.ts';
import type { DB } from '../../src/db/schema.ts';
import type { Theme } from '../../src/performance/indicatorSchema.ts';
import { buildPack } from '../../src/performance/pack/buildPack.ts';
import { loadPackDefinition } from '../../src/performance/pack/packSchema.ts';
import type { Analyse } from '../../src/performance/values/computedValue.ts';
import { REPORT_FORMATS, renderReport } from '../../src/reports/render/renderFormats.ts';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** One line: build and render times per format, and the total; or why it was not measured. */
export async function measurePack(
  db: Kysely<DB>,
  input: { quarter: string; themes: readonly Theme[]; analyse: Analyse | null },
): Promise<string> {
  try {
    const t0 = performance.now();
    const built = await buildPack(db, {
      quarter: input.quarter,
      area: { code: 'E09000030', name: 'Tower Hamlets' },
      themes: input.themes,
      definition: await loadPackDefinition(),
      analyse: input.analyse,
    });
    const build = performance.now() - t0;
    const chromium = existsSync(loadConfig().chromiumPath);
    const parts: string[] = [`built ${seconds(build)} (${built.sections.length} sections)`];
    let total = build;
    for (const format of REPORT_FORMATS) {
      if (format === 'pdf' && !chromium) {
        parts.push('pdf skipped (no Chromium)');
        continue;
      }
      const t = performance.now();
      const bytes = await renderReport(built, format);
      const ms = performance.now() - t;
      total += ms;
      parts.push(`${format} ${seconds(ms)} (${(bytes.length / 1024).toFixed(0)} KiB)`);
    }
    return `pack: ${parts.join(', ')}; total ${seconds(total)}`;
  } catch (error) {
    return `pack: not measured (it failed: ${error instanceof Error ? error.message : String(error)})`;
  }
}
