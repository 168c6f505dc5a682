import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testEngine, testServerUrl } from '../../test/createTestDb.ts';
import { createDatabase, type Database, withJitOff } from './createDatabase.ts';

/** A server setting as the database's own connections see it. */
const setting = async (database: Database, name: string) =>
  (await sql<{ setting: string }>`SELECT current_setting(${name}) AS setting`.execute(database.db)).rows[0]?.setting;

describe('createDatabase on PGlite', () => {
  it('starts PostgreSQL with the memory and WAL settings the import benchmarks were measured with', async () => {
    const database = await createDatabase({ kind: 'pglite', dataDir: 'memory://' });
    try {
      expect(await setting(database, 'shared_buffers')).toBe('32MB');
      // New WAL segments are not zero-filled first (see openPglite).
      expect(await setting(database, 'wal_init_zero')).toBe('off');
    } finally {
      await database.close();
    }
  });
});

describe('createDatabase on PostgreSQL', () => {
  it.skipIf(testEngine !== 'postgres')(
    'turns JIT off for its connections and keeps the server options the URL gives',
    async () => {
      const url = new URL(testServerUrl);
      url.searchParams.set('options', '-c statement_timeout=12345');
      const database = await createDatabase({ kind: 'postgres', url: url.toString() });
      try {
        expect(await setting(database, 'jit')).toBe('off');
        expect(await setting(database, 'statement_timeout')).toBe('12345ms');
      } finally {
        await database.close();
      }
    },
  );

  it('adds jit off to a URL’s options, or gives it alone', () => {
    const options = (url: string) => new URL(withJitOff(url).connectionString).searchParams.get('options');
    expect(options('postgres://u@h:5432/d?options=-c%20search_path%3Dx')).toBe('-c search_path=x -c jit=off');
    expect(options('postgres://u@h:5432/d?sslmode=disable')).toBe('-c jit=off');
    expect(withJitOff('host=h dbname=d')).toEqual({ connectionString: 'host=h dbname=d', options: '-c jit=off' });
  });
});
