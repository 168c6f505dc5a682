import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { createDatabase } from '../src/db/createDatabase.ts';
import { createTestDb, testEngine, testServerUrl, type TestDb } from './createTestDb.ts';

/**
 * Builds a test database once per code version and hands each test file its
 * own copy: a copied PGlite data folder, or a PostgreSQL database created
 * from a template. The key hashes the code that decides what an import
 * writes (src/ingest, src/db, src/synth, src/analysis/aggregates, the
 * classification catalogue) plus the fixture's own name and inputs, so a
 * change to any of them builds afresh. Forks building the same key at once
 * wait for the first (a lock folder on PGlite, an advisory lock on PostgreSQL).
 */
const ROOT = resolve(import.meta.dirname, '..');
const KEY_SOURCES = [
  'src/ingest',
  'src/db',
  'src/synth',
  'src/analysis/aggregates',
  'src/domain/classifications',
  'src/domain/periods',
  'test/fixtureCache.ts',
];
// One cache per checkout: a run in another checkout (a CI clone beside a working tree) has other code, and
// clearing "earlier versions" of a fixture must never delete the one that run is copying from.
const CACHE_DIR = join(tmpdir(), 'safer-test-fixtures', createHash('sha256').update(ROOT).digest('hex').slice(0, 12));

function hashTree(hash: ReturnType<typeof createHash>, path: string): void {
  if (statSync(path).isDirectory()) {
    for (const entry of readdirSync(path).sort()) hashTree(hash, join(path, entry));
  } else if (!path.endsWith('.test.ts')) {
    hash.update(path.slice(ROOT.length)).update(readFileSync(path));
  }
}

export function fixtureKey(name: string, inputs: readonly string[]): string {
  const hash = createHash('sha256').update(name).update(JSON.stringify(inputs));
  for (const source of KEY_SOURCES) hashTree(hash, join(ROOT, source));
  return `${name}_${hash.digest('hex').slice(0, 16)}`;
}

/** A fresh copy of the fixture `key`, built by `build` on the first call of the run (or of this code version). */
export async function cachedTestDb(key: string, build: (t: TestDb) => Promise<void>): Promise<TestDb> {
  return testEngine === 'pglite' ? cachedPglite(key, build) : cachedPostgres(key, build);
}

async function cachedPglite(key: string, build: (t: TestDb) => Promise<void>): Promise<TestDb> {
  const source = join(CACHE_DIR, key);
  const ready = `${source}.ready`;
  const lock = `${source}.lock`;
  mkdirSync(CACHE_DIR, { recursive: true });
  const deadline = Date.now() + 15 * 60_000;
  while (!existsSync(ready)) {
    try {
      mkdirSync(lock);
    } catch {
      // Another fork is building it; a lock older than 15 minutes belongs to a process that died.
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 15 * 60_000)
        rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for test fixture ${key}`);
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      // Earlier code versions of the same fixture are dead weight (hundreds of MB each).
      const prefix = `${key.slice(0, key.lastIndexOf('_'))}_`;
      for (const entry of readdirSync(CACHE_DIR)) {
        if (entry.startsWith(prefix) && !entry.startsWith(key) && !entry.includes('-copy-') && !entry.endsWith('.lock'))
          rmSync(join(CACHE_DIR, entry), { recursive: true, force: true });
      }
      rmSync(source, { recursive: true, force: true });
      const t = await createTestDb({ dataDir: source });
      await build(t);
      await t.drop();
      writeFileSync(ready, new Date().toISOString());
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  const copy = join(CACHE_DIR, `${key}-copy-${process.pid}-${Date.now()}`);
  cpSync(source, copy, { recursive: true });
  const database = await createDatabase({ kind: 'pglite', dataDir: copy });
  return {
    database,
    location: copy,
    drop: async () => {
      await database.close();
      rmSync(copy, { recursive: true, force: true });
    },
  };
}

async function cachedPostgres(key: string, build: (t: TestDb) => Promise<void>): Promise<TestDb> {
  const template = `safer_fixture_${key.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 63);
  const admin = new pg.Client({ connectionString: testServerUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [template]);
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
      if (exists.rowCount === 0) {
        const prefix = template.slice(0, template.lastIndexOf('_') + 1);
        const stale = await admin.query<{ datname: string }>(
          'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
          [prefix],
        );
        for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
        const t = await createTestDb();
        await build(t);
        await t.database.close();
        const built = new URL(t.location).pathname.slice(1);
        await admin.query(`ALTER DATABASE ${built} RENAME TO ${template}`);
      }
      const name = `safer_test_${createHash('sha256').update(`${process.pid}${Date.now()}${Math.random()}`).digest('hex').slice(0, 12)}`;
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      const url = new URL(testServerUrl);
      url.pathname = `/${name}`;
      const database = await createDatabase({ kind: 'postgres', url: url.toString() });
      return {
        database,
        location: url.toString(),
        drop: async () => {
          await database.close();
          const c = new pg.Client({ connectionString: testServerUrl });
          await c.connect();
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          } finally {
            await c.end();
          }
        },
      };
    } finally {
      await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [template]);
    }
  } finally {
    await admin.end();
  }
}
