import { tempDir } from './tempFiles.ts';
import { createTestDb, testEngine } from './createTestDb.ts';

/**
 * The environment a CLI process needs to reach a fresh test database. PGlite
 * allows one process per data folder, so for PGlite this is only a new folder
 * (the CLI creates and migrates it); for PostgreSQL, a new database.
 */
export async function cliDatabaseEnv(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  if (testEngine === 'pglite') {
    const dir = tempDir('safer-cli-');
    return { env: { SAFER_DATA_DIR: dir.dir }, cleanup: async () => dir.cleanup() };
  }
  const t = await createTestDb();
  await t.database.close();
  return { env: { DATABASE_URL: t.location }, cleanup: () => t.drop() };
}
