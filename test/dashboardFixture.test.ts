import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDashboardFixture, DASHBOARD_FIXTURE_FILES, type DashboardFixture } from './dashboardFixture.ts';

let f: DashboardFixture;
beforeAll(async () => { f = await createDashboardFixture(); }, 600_000);
afterAll(async () => { await f?.h.close(); });

it('imports every fixture file and two SYNTHETIC extracts', async () => {
  const batches = await f.h.t.database.db.selectFrom('import_batch').select(['file_name', 'status']).execute();
  expect(batches).toHaveLength(DASHBOARD_FIXTURE_FILES.length + 2);
  expect(batches.every((b) => b.status === 'imported')).toBe(true);
});
