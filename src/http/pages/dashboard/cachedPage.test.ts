import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DATA_DIR } from '../../../demo/prepareDemo.ts';
import { importFile } from '../../../ingest/importFile.ts';
import { auditEntries, type Browser } from '../../testing/appHarness.ts';
import { createDashboardFixture, type DashboardFixture } from '../../../../test/dashboardFixture.ts';

// The time page reads SYNTHETIC partner police records, which council analysts may see only in aggregate.
const TIME = '/dashboard/time?period=2025%2F26';

let f: DashboardFixture;
let first: Browser;
let second: Browser;
let owner: Browser;
beforeAll(async () => {
  f = await createDashboardFixture();
  await f.h.addUser('first.analyst@council.example', 'local_authority', 'analyst');
  await f.h.addUser('second.analyst@council.example', 'local_authority', 'analyst');
  await f.h.addUser('owner@police.example', 'police', 'data_owner');
  first = await f.h.signIn('first.analyst@council.example');
  second = await f.h.signIn('second.analyst@council.example');
  owner = await f.h.signIn('owner@police.example');
}, 600_000);
afterAll(async () => {
  await f?.h.close();
});

const withoutPerson = (html: string, email: string, csrf: string) => html.replaceAll(email, 'EMAIL').replaceAll(csrf, 'CSRF');

describe('cached dashboard pages', () => {
  it('renders a page once for readers with the same access, each seeing their own name and CSRF token', async () => {
    const sizeBefore = f.h.services.pageCache.size;
    const a = await first.get(TIME);
    const b = await second.get(TIME);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(f.h.services.pageCache.size).toBe(sizeBefore + 1);
    expect(a.body).toContain('Signed in as first.analyst@council.example');
    expect(b.body).toContain('Signed in as second.analyst@council.example');
    expect(b.body).not.toContain('first.analyst@council.example');
    expect(first.csrf).not.toBe(second.csrf);
    expect(b.body).toContain(`value="${second.csrf}"`);
    // Apart from the person, the pages are the same bytes.
    expect(withoutPerson(b.body, 'second.analyst@council.example', second.csrf)).toBe(withoutPerson(a.body, 'first.analyst@council.example', first.csrf));
    // The token on the cached page is the second reader's own: their sign-out form works with it.
    const out = await second.post('/sign-out');
    expect(out.statusCode).toBe(303);
    second = await f.h.signIn('second.analyst@council.example');
  });

  it('builds a separate page for a reader with other access', async () => {
    const sizeBefore = f.h.services.pageCache.size;
    const res = await owner.get(TIME);
    expect(res.statusCode).toBe(200);
    expect(f.h.services.pageCache.size).toBe(sizeBefore + 1);
    // The owner reads the records directly: no disclosure control note, unlike the council analysts' page.
    expect((await first.get(TIME)).body).toContain('Disclosure control');
    expect(res.body).not.toContain('Disclosure control');
  });

  it("records each reader's first view of restricted figures, even when the page came from the cache", async () => {
    const other = '/dashboard/time?period=2024%2F25';
    const before = (await auditEntries(f.h, 'read.aggregate')).length;
    await first.get(other);
    const afterFirst = (await auditEntries(f.h, 'read.aggregate')).slice(before);
    expect(afterFirst.length).toBeGreaterThan(0);
    expect(afterFirst.every((e) => e.actor_email === 'first.analyst@council.example' && e.subject_id === 'partner-police')).toBe(true);
    await second.get(other); // served from the cache
    const afterSecond = (await auditEntries(f.h, 'read.aggregate')).slice(before + afterFirst.length);
    expect(afterSecond.map((e) => e.actor_email)).toEqual(afterFirst.map(() => 'second.analyst@council.example'));
    expect(afterSecond.map((e) => JSON.parse(String(e.details)).request)).toEqual(afterFirst.map((e) => JSON.parse(String(e.details)).request));
    // A repeat view by the same reader is not recorded again (as for an uncached page).
    await second.get(other);
    expect((await auditEntries(f.h, 'read.aggregate')).length).toBe(before + 2 * afterFirst.length);
  });

  it('never caches an error, and a new import retires every cached page', async () => {
    const sizeBefore = f.h.services.pageCache.size;
    const bad = await first.get('/dashboard?period=2025-13');
    expect(bad.statusCode).toBe(400);
    expect(f.h.services.pageCache.size).toBe(sizeBefore);
    await first.get(TIME);
    expect(f.h.services.pageCache.size).toBe(sizeBefore); // already cached by the first test
    const r = await importFile(f.h.t.database, join(DEMO_DATA_DIR, 'population/pop_mid_2015-london.csv'), { importedBy: 'test' });
    expect(r.status).toBe('imported');
    await first.get(TIME);
    expect(f.h.services.pageCache.size).toBe(sizeBefore + 1);
  });
});
