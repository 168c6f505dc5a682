import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_DATA_DIR } from '../../../demo/prepareDemo.ts';
import { importFile } from '../../../ingest/importFile.ts';
import { refreshAggregatesForBatch } from '../../../analysis/aggregates/refreshAggregatesForBatch.ts';
import { auditEntries } from '../../testing/appHarness.ts';
import { READERS, useSignedInDashboard } from '../../../../test/signedInDashboard.ts';

// The time page reads SYNTHETIC partner police records, which council analysts may see only in aggregate.
const TIME = '/dashboard/time?period=2025%2F26';

const t = useSignedInDashboard({
  first: ['first.analyst@council.example', 'local_authority', 'analyst'],
  second: ['second.analyst@council.example', 'local_authority', 'analyst'],
  owner: READERS.owner,
});

const withoutPerson = (html: string, email: string, csrf: string) =>
  html.replaceAll(email, 'EMAIL').replaceAll(csrf, 'CSRF');

describe('cached dashboard pages', () => {
  it('renders a page once for readers with the same access, each seeing their own name and CSRF token', async () => {
    const sizeBefore = t.f.h.services.pageCache.size;
    const a = await t.as.first.get(TIME);
    const b = await t.as.second.get(TIME);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(t.f.h.services.pageCache.size).toBe(sizeBefore + 1);
    expect(a.body).toContain('Signed in as first.analyst@council.example');
    expect(b.body).toContain('Signed in as second.analyst@council.example');
    expect(b.body).not.toContain('first.analyst@council.example');
    expect(t.as.first.csrf).not.toBe(t.as.second.csrf);
    expect(b.body).toContain(`value="${t.as.second.csrf}"`);
    // Apart from the person, the pages are the same bytes.
    expect(withoutPerson(b.body, 'second.analyst@council.example', t.as.second.csrf)).toBe(
      withoutPerson(a.body, 'first.analyst@council.example', t.as.first.csrf),
    );
    // The token on the cached page is the second reader's own: their sign-out form works with it.
    const out = await t.as.second.post('/sign-out');
    expect(out.statusCode).toBe(303);
    t.as.second = await t.f.h.signIn('second.analyst@council.example');
  });

  it('builds a separate page for a reader with other access', async () => {
    const sizeBefore = t.f.h.services.pageCache.size;
    const res = await t.as.owner.get(TIME);
    expect(res.statusCode).toBe(200);
    expect(t.f.h.services.pageCache.size).toBe(sizeBefore + 1);
    // The owner reads the records directly: no disclosure control note, unlike the council analysts' page.
    expect((await t.as.first.get(TIME)).body).toContain('Disclosure control');
    expect(res.body).not.toContain('Disclosure control');
  });

  it("records each reader's first view of restricted figures, even when the page came from the cache", async () => {
    const other = '/dashboard/time?period=2024%2F25';
    const before = (await auditEntries(t.f.h, 'read.aggregate')).length;
    await t.as.first.get(other);
    const afterFirst = (await auditEntries(t.f.h, 'read.aggregate')).slice(before);
    expect(afterFirst.length).toBeGreaterThan(0);
    expect(
      afterFirst.every((e) => e.actor_email === 'first.analyst@council.example' && e.subject_id === 'partner-police'),
    ).toBe(true);
    await t.as.second.get(other); // served from the cache
    const afterSecond = (await auditEntries(t.f.h, 'read.aggregate')).slice(before + afterFirst.length);
    expect(afterSecond.map((e) => e.actor_email)).toEqual(afterFirst.map(() => 'second.analyst@council.example'));
    // The page's figures load concurrently, so the order of its entries is not fixed: compare them as sets.
    const requests = (entries: typeof afterFirst) =>
      entries.map((e) => JSON.stringify(JSON.parse(String(e.details)).request)).sort();
    expect(requests(afterSecond)).toEqual(requests(afterFirst));
    // A repeat view by the same reader is not recorded again (as for an uncached page).
    await t.as.second.get(other);
    expect((await auditEntries(t.f.h, 'read.aggregate')).length).toBe(before + 2 * afterFirst.length);
  });

  it('never caches an error, and a new import retires every cached page', async () => {
    const sizeBefore = t.f.h.services.pageCache.size;
    const bad = await t.as.first.get('/dashboard?period=2025-13');
    expect(bad.statusCode).toBe(400);
    expect(t.f.h.services.pageCache.size).toBe(sizeBefore);
    await t.as.first.get(TIME);
    expect(t.f.h.services.pageCache.size).toBe(sizeBefore); // already cached by the first test
    const r = await importFile(t.f.h.t.database, join(DEMO_DATA_DIR, 'population/pop_mid_2015-london.csv'), {
      importedBy: 'test',
      refreshAggregates: refreshAggregatesForBatch,
    });
    expect(r.status).toBe('imported');
    await t.as.first.get(TIME);
    expect(t.f.h.services.pageCache.size).toBe(sizeBefore + 1);
  });
});
