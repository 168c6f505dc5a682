import { join } from 'node:path';
import { DEMO_DATA_DIR } from '../src/demo/prepareDemo.ts';
import { createHarness, type Harness } from '../src/http/testing/appHarness.ts';
import { importFile } from '../src/ingest/importFile.ts';
import { refreshAggregatesForBatch } from '../src/analysis/aggregates/refreshAggregatesForBatch.ts';
import { synthesiseExtracts } from '../src/synth/synthesiseExtracts.ts';
import { cachedTestDb, fixtureKey } from './fixtureCache.ts';
import { tempDir } from './tempFiles.ts';

/**
 * The real demo files the dashboard pages need for Tower Hamlets (and London
 * for benchmarks): lookups, population, deprivation, boundaries, MPS borough,
 * ward and dashboard counts, VAWG, homicide, police.uk stop and search.
 */
export const DASHBOARD_FIXTURE_FILES = [
  'lookups/LSOA_(2011)_to_LSOA_(2021)_to_Local_Authority_District_(2022)_Lookup_London.csv',
  'lookups/LSOA_(2021)_to_Electoral_Ward_(2025)_to_LAD_(2025)_Best_Fit_Lookup_London.csv',
  'population/census2021-ts007a-lsoa-london.csv',
  'population/census2021-ts021-lsoa-nomis.csv.gz',
  'deprivation/IMD2019forLondon.csv',
  'boundaries/london_boroughs_dissolved_from_lsoa2021_simplified2m_wgs84.geojson',
  'boundaries/lsoa2021_TowerHamlets_wgs84.geojson',
  'boundaries/wards2018_TH_Hackney_Newham_wgs84.geojson',
  'mps/recorded-crime-borough.csv',
  'mps/recorded-crime-ward.csv',
  'mps/monthly-crime-dashboard.csv.gz',
  'mps/homicide.csv',
  'police-uk/stop_and_search_TowerHamlets_pip_lsoa21.csv.gz',
] as const;

export interface DashboardFixture {
  h: Harness;
  /** Where this process wrote SYNTHETIC extracts if it built the fixture; empty when the fixture came from the cache. */
  syntheticDir: string;
}

/**
 * The app over a fresh database holding the dashboard fixture files plus
 * SYNTHETIC Tower Hamlets partner extracts for Mar 2024 – Feb 2026 (seed 2024).
 * Built once per run (~30 s on PGlite) and copied for each test file
 * (test/fixtureCache.ts): create it once per file, in beforeAll.
 */
export async function createDashboardFixture(
  files: readonly string[] = DASHBOARD_FIXTURE_FILES,
): Promise<DashboardFixture> {
  const syntheticDir = tempDir('safer-dashboard-').dir;
  const t = await cachedTestDb(fixtureKey('dashboard', files), async ({ database }) => {
    for (const file of files) {
      const r = await importFile(database, join(DEMO_DATA_DIR, file), {
        importedBy: 'test',
        refreshAggregates: refreshAggregatesForBatch,
      });
      if (r.status === 'rejected') throw new Error(`fixture file ${file} was rejected: ${r.message}`);
    }
    const made = await synthesiseExtracts(database.db, {
      boroughCode: 'E09000030',
      boroughName: 'Tower Hamlets',
      from: '2024-03',
      to: '2026-02',
      outDir: syntheticDir,
      seed: 2024,
    });
    for (const path of [made.policeFile, made.aeFile]) {
      const r = await importFile(database, path, { importedBy: 'test', refreshAggregates: refreshAggregatesForBatch });
      if (r.status === 'rejected') throw new Error(`synthetic extract ${path} was rejected: ${r.message}`);
    }
  });
  return { h: await createHarness({}, t), syntheticDir };
}
