import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { cachedTestDb, fixtureKey } from '../../../test/fixtureCache.ts';
import type { TestDb } from '../../../test/createTestDb.ts';
import { refreshAggregatesForBatch } from '../../analysis/aggregates/refreshAggregatesForBatch.ts';
import type { Actor, Role } from '../../auth/policy.ts';
import { actorOf, insertUser } from '../../auth/users.ts';
import type { DB } from '../../db/schema.ts';
import { DEMO_DATA_DIR } from '../../demo/prepareDemo.ts';
import { importFile } from '../../ingest/importFile.ts';
import { type RegisterSet, loadRegisters } from '../loadRegisters.ts';
import { type RegisterContext, registerContext } from '../registerContext.ts';

/*
 * A database for register tests: Tower Hamlets' real LSOA 2021 and ward 2018 outlines and the lookups (the demo's
 * carried files), plus one SYNTHETIC user per role and agency the register rules tell apart. Built once per run and
 * copied per file (test/fixtureCache.ts).
 */

export const REGISTER_FIXTURE_FILES = [
  'lookups/LSOA_(2021)_to_Electoral_Ward_(2025)_to_LAD_(2025)_Best_Fit_Lookup_London.csv',
  'boundaries/lsoa2021_TowerHamlets_wgs84.geojson',
  'boundaries/wards2018_TH_Hackney_Newham_wgs84.geojson',
] as const;

export const TOWER_HAMLETS = 'E09000030';

/**
 * Points checked with d3-geo on the published outlines: inside Tower Hamlets (by Whitechapel station: LSOA
 * E01004208, ward E05009333; Mile End park: LSOA E01004270, ward E05009327) and outside (Hyde Park).
 */
export const POINTS = {
  whitechapel: { latitude: '51.5195', longitude: '-0.0597' },
  mileEndPark: { latitude: '51.5197', longitude: '-0.0330' },
  hydePark: { latitude: '51.5073', longitude: '-0.1657' },
} as const;

const PEOPLE = {
  policeAnalyst: { agency: 'police', role: 'analyst' },
  councilAnalyst: { agency: 'local_authority', role: 'analyst' },
  healthAnalyst: { agency: 'health', role: 'analyst' },
  viewer: { agency: 'local_authority', role: 'viewer' },
  manager: { agency: 'local_authority', role: 'partnership_manager' },
  policeOwner: { agency: 'police', role: 'data_owner' },
  admin: { agency: 'local_authority', role: 'administrator' },
} as const satisfies Record<string, { agency: string; role: Role }>;
export type Person = keyof typeof PEOPLE;

export interface RegisterFixture {
  t: TestDb;
  db: Kysely<DB>;
  registers: RegisterSet;
  ctx: RegisterContext;
  people: Record<Person, Actor>;
}

export async function createRegisterFixture(now: Date = new Date()): Promise<RegisterFixture> {
  const t = await cachedTestDb(fixtureKey('registers', REGISTER_FIXTURE_FILES), async ({ database }) => {
    for (const file of REGISTER_FIXTURE_FILES) {
      const r = await importFile(database, join(DEMO_DATA_DIR, file), {
        importedBy: 'test',
        refreshAggregates: refreshAggregatesForBatch,
      });
      if (r.status === 'rejected') throw new Error(`fixture file ${file} was rejected: ${r.message}`);
    }
    for (const [name, p] of Object.entries(PEOPLE))
      await insertUser(database.db, {
        email: `${name}@synthetic.test`,
        agency: p.agency,
        role: p.role,
        password: null,
      });
  });
  const db = t.database.db;
  const registers = await loadRegisters();
  const ctx = await registerContext(db, registers, TOWER_HAMLETS, now);
  const people = {} as Record<Person, Actor>;
  for (const name of Object.keys(PEOPLE) as Person[]) {
    const u = await db
      .selectFrom('app_user')
      .selectAll()
      .where('email', '=', `${name}@synthetic.test`)
      .executeTakeFirstOrThrow();
    people[name] = actorOf(u);
  }
  return { t, db, registers, ctx, people };
}
