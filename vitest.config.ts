import { defineConfig } from 'vitest/config';

// Tests run twice in CI: SAFER_TEST_DB=pglite and SAFER_TEST_DB=postgres.
// Each test file gets its own freshly migrated database (test/createTestDb.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
    // On the PostgreSQL run: the server at SAFER_TEST_PG_URL, or an embedded one it starts when none answers.
    globalSetup: ['test/globalSetupPostgres.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
