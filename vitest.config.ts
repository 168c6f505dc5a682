import { configDefaults, defineConfig } from 'vitest/config';
import { EXTENDED_TESTS } from './test/extendedTests.ts';
import { fullDataDir } from './test/sharedData.ts';

// Tests run twice in CI: SAFER_TEST_DB=pglite and SAFER_TEST_DB=postgres.
// Each test file gets its own freshly migrated database (test/createTestDb.ts).
// *.extended.test.ts read whole published files too big to carry (test/sharedData.ts): they run only
// when the full open data is present (../shared/data or SAFER_SHARED_DATA, as in CI); otherwise they are
// left out, and test/extendedTests.ts says how many and how to run them.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
    exclude: fullDataDir ? configDefaults.exclude : [...configDefaults.exclude, EXTENDED_TESTS],
    // The PostgreSQL run: the server at SAFER_TEST_PG_URL, or an embedded one it starts when none answers.
    // Then the line saying which extended tests did not run, if any.
    globalSetup: ['test/globalSetupPostgres.ts', 'test/extendedTests.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
