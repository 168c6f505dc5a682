/**
 * The app under load for bench/registers, in its own process (forked by index.ts): opens the database named by
 * argv[2] (a PostgreSQL URL, or a PGlite data folder), migrates, imports Tower Hamlets' LSOA and ward outlines
 * and two crime files (the demo's), creates five people (agencies and roles that read weapon sweeps), writes the 100,000-sweep
 * file (sweepFile.ts), loads it by plain COPY, by the register import, and by plain COPY again (timed), listens
 * on loopback and tells the parent over IPC; closes when the parent says "stop".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { refreshAggregatesForBatch } from '../../src/analysis/aggregates/refreshAggregatesForBatch.ts';
import type { Role } from '../../src/auth/policy.ts';
import { actorOf, insertUser } from '../../src/auth/users.ts';
import { createDatabase } from '../../src/db/createDatabase.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { DEMO_DATA_DIR } from '../../src/demo/prepareDemo.ts';
import { importFile } from '../../src/ingest/importFile.ts';
import { loadRegisters } from '../../src/registers/loadRegisters.ts';
import { registerContext } from '../../src/registers/registerContext.ts';
import { PASSWORD } from '../load/protocol.ts';
import { serveForBench } from '../load/serveForBench.ts';
import { plainCopy, registerImport, storageCopy } from './importAgainstCopy.ts';
import type { LoadTiming, RegistersServerReady } from './protocol.ts';
import { writeSweepFile } from './sweepFile.ts';

const TOWER_HAMLETS = 'E09000030';
/**
 * The borough's outlines and lookup, as the register tests use them (src/registers/testing/registerTestDb.ts), and
 * the crime the places map draws beside the layer: the MPS ward counts and Tower Hamlets' police.uk points.
 */
const DEMO_FILES = [
  'lookups/LSOA_(2021)_to_Electoral_Ward_(2025)_to_LAD_(2025)_Best_Fit_Lookup_London.csv',
  'boundaries/lsoa2021_TowerHamlets_wgs84.geojson',
  'boundaries/wards2018_TH_Hackney_Newham_wgs84.geojson',
  'mps/recorded-crime-ward.csv',
  'police-uk/street_burglary_TowerHamlets_2010-12_2025-02.csv.gz',
];
const ROWS = Number(process.env.SAFER_BENCH_REGISTER_ROWS ?? 100_000);
const PEOPLE = [
  'police:analyst',
  'local_authority:partnership_manager',
  'health:viewer',
  'probation:data_owner',
  'youth_justice:analyst',
] as const;

const [target, clientCount] = process.argv.slice(2) as [string, string];
const database = await createDatabase(
  target.startsWith('postgres') ? { kind: 'postgres', url: target } : { kind: 'pglite', dataDir: target },
);
await migrateToLatest(database.db as unknown as Kysely<unknown>);
const started = Date.now();
for (const file of DEMO_FILES) {
  const r = await importFile(database, join(DEMO_DATA_DIR, file), {
    importedBy: 'bench',
    refreshAggregates: refreshAggregatesForBatch,
  });
  if (r.status === 'rejected') throw new Error(`${file} was rejected: ${r.message}`);
}
const users = [];
for (const [i, p] of PEOPLE.entries()) {
  const [agency, role] = p.split(':') as [string, Role];
  users.push(
    await insertUser(database.db, {
      email: `registers-${process.pid}-${i}@example.org`,
      agency,
      role,
      password: PASSWORD,
    }),
  );
}
const now = new Date();
const ctx = await registerContext(database.db, await loadRegisters(), TOWER_HAMLETS, now);
const dir = mkdtempSync(join(tmpdir(), 'safer-bench-registers-'));
const file = join(dir, 'weapon-sweeps-100000.csv');
let imported: RegistersServerReady['imported'];
let storage: LoadTiming | null = null;
const copies = [];
try {
  await writeSweepFile(file, ctx.places, ROWS, now);
  copies.push(await plainCopy(database, file));
  imported = await registerImport(database, ctx, actorOf(users[0]!), file);
  copies.push(await plainCopy(database, file));
  if ('rows' in imported) storage = await storageCopy(database, imported.rows);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const count = await database.db
  .selectFrom('register_entry')
  .select((eb) => eb.fn.countAll<string>().as('n'))
  .where('register_id', '=', 'weapon-sweeps')
  .where('status', '=', 'submitted')
  .executeTakeFirstOrThrow();
const preparedSeconds = Math.round((Date.now() - started) / 1000);

await serveForBench(
  database,
  users,
  Number(clientCount),
  { preparedSeconds, entries: Number(count.n), imported, copies, storage } satisfies Omit<
    RegistersServerReady,
    'base' | 'accounts'
  >,
  { SAFER_PARTNERSHIP_AREA: TOWER_HAMLETS },
);
