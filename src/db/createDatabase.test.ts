import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDatabase } from './createDatabase.ts';

describe('createDatabase on PGlite', () => {
  it('starts PostgreSQL with the memory and WAL settings the import benchmarks were measured with', async () => {
    const database = await createDatabase({ kind: 'pglite', dataDir: 'memory://' });
    try {
      const setting = async (name: string) =>
        (await sql<{ setting: string }>`SELECT current_setting(${name}) AS setting`.execute(database.db)).rows[0]
          ?.setting;
      expect(await setting('shared_buffers')).toBe('32MB');
      // New WAL segments are not zero-filled first (see openPglite).
      expect(await setting('wal_init_zero')).toBe('off');
    } finally {
      await database.close();
    }
  });
});
