import { resolve } from 'node:path';
import type { Database } from '../db/createDatabase.ts';
import { expandImportPaths } from '../ingest/expandPaths.ts';
import { importFile, type FileImportResult } from '../ingest/importFile.ts';
import { refreshAggregatesForBatch } from '../analysis/aggregates/refreshAggregatesForBatch.ts';
import { synthesiseExtracts } from '../synth/synthesiseExtracts.ts';

/** The real open data shipped with the repository for the demo (see demo-data/README.md). */
export const DEMO_DATA_DIR = resolve(import.meta.dirname, '../../demo-data');

/** The partnership boroughs the demo synthesises partner extracts for. */
export const DEMO_BOROUGHS = [
  { code: 'E09000030', name: 'Tower Hamlets' },
  { code: 'E09000012', name: 'Hackney' },
  { code: 'E09000025', name: 'Newham' },
] as const;

/** Thirty-six months of synthetic partner records: enough for the dashboard's sparklines and year-on-year change. */
export const DEMO_SYNTHETIC_PERIOD = { from: '2023-03', to: '2026-02' } as const;

export type DemoProgress = (line: string) => void;

/**
 * Brings a database to the demo state: imports the bundled real files, then
 * synthesises and imports SYNTHETIC partner extracts calibrated to them.
 * Idempotent: a second run finds every file unchanged and does nothing.
 */
export async function prepareDemo(
  database: Database,
  options: { syntheticDir: string; importedBy: string; print: DemoProgress },
): Promise<FileImportResult[]> {
  const { print } = options;
  const results: FileImportResult[] = [];
  const files = await expandImportPaths([DEMO_DATA_DIR]);
  print(`Importing ${files.length} bundled open-data files (first start only; later starts find them unchanged)…`);
  for (const path of files) {
    const r = await importFile(database, path, {
      importedBy: options.importedBy,
      refreshAggregates: refreshAggregatesForBatch,
    });
    results.push(r);
    print(
      `  ${r.status.padEnd(9)} ${path.slice(DEMO_DATA_DIR.length + 1)}${r.status === 'rejected' ? `\n${r.message}` : ''}`,
    );
  }
  for (const borough of DEMO_BOROUGHS) {
    const made = await synthesiseExtracts(database.db, {
      boroughCode: borough.code,
      boroughName: borough.name,
      ...DEMO_SYNTHETIC_PERIOD,
      outDir: options.syntheticDir,
      seed: 2024,
    });
    for (const path of [made.policeFile, made.aeFile]) {
      const r = await importFile(database, path, {
        importedBy: options.importedBy,
        refreshAggregates: refreshAggregatesForBatch,
      });
      results.push(r);
      print(`  ${r.status.padEnd(9)} SYNTHETIC ${borough.name}: ${path.split('/').pop()}`);
    }
  }
  const rejected = results.filter((r) => r.status === 'rejected');
  if (rejected.length > 0)
    throw new Error(`${rejected.length} demo file(s) were rejected: ${rejected.map((r) => r.path).join(', ')}`);
  return results;
}
