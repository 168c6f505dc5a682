import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDashboardFixture, DASHBOARD_FIXTURE_FILES, type DashboardFixture } from './dashboardFixture.ts';

let a: DashboardFixture;
let b: DashboardFixture;
beforeAll(async () => {
  a = await createDashboardFixture();
  b = await createDashboardFixture();
}, 600_000);
afterAll(async () => {
  await a?.h.close();
  await b?.h.close();
});

it('imports every fixture file and two SYNTHETIC extracts', async () => {
  const batches = await a.h.t.database.db.selectFrom('import_batch').select(['file_name', 'status']).execute();
  expect(batches).toHaveLength(DASHBOARD_FIXTURE_FILES.length + 2);
  expect(batches.every((x) => x.status === 'imported')).toBe(true);
  expect(batches.filter((x) => x.file_name.includes('SYNTHETIC') || /synthetic/i.test(x.file_name))).toHaveLength(2);
});

it('gives each caller its own copy: a change in one is not seen in the other', async () => {
  await a.h.t.database.db.updateTable('import_batch').set({ status: 'undone' }).execute();
  const inB = await b.h.t.database.db
    .selectFrom('import_batch')
    .select('status')
    .where('status', '=', 'undone')
    .execute();
  expect(inB).toEqual([]);
});
