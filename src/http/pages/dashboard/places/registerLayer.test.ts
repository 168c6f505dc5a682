import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveSweeps, saveTensions, WARDS } from '../../../../registers/counts/testing/countEntries.ts';
import { saveEntry } from '../../../../registers/entryStore.ts';
import { setNamedReader } from '../../../../registers/readers.ts';
import { createRegisterFixture, POINTS, type RegisterFixture } from '../../../../registers/testing/registerTestDb.ts';
import { type Browser, createHarness, type Harness } from '../../../testing/appHarness.ts';

/*
 * The places page's register layer and a place's register entries, through the real app over the SYNTHETIC
 * entries of src/registers/counts/testing/countEntries.ts (six sweeps, 22 tensions). Financial year 2025/26 holds
 * sweeps 2–6 (2 April 2025 to 10 January 2026); sweep 1 (15 March 2025) lies in 2024/25.
 */
let f: RegisterFixture;
let h: Harness;
let refs: string[] = [];
const as = {} as Record<'viewer' | 'admin' | 'named', Browser>;

beforeAll(async () => {
  f = await createRegisterFixture(new Date());
  h = await createHarness({}, f.t);
  refs = (await saveSweeps(f)).map((s) => s.reference ?? '');
  await saveTensions(f);
  await h.addUser('viewer@council.example', 'local_authority', 'viewer');
  await h.addUser('admin@council.example', 'local_authority', 'administrator');
  as.viewer = await h.signIn('viewer@council.example');
  as.admin = await h.signIn('admin@council.example');
  // A council analyst the manager names as a reader of community tensions.
  const named = await h.addUser('named@council.example', 'local_authority', 'analyst');
  await setNamedReader(f.db, f.people.manager, f.registers.get('community-tensions')!, named.id, true);
  as.named = await h.signIn('named@council.example');
}, 180_000);
afterAll(() => h?.close());

const PAGE = '/dashboard/places?period=2025/26';
const circles = (html: string) =>
  [...html.matchAll(/<circle class="app-map__point" data-reference="([^"]+)"/g)].map((m) => m[1]);
const tableRows = (html: string, id: string) => {
  const start = html.indexOf(`id="${id}"`);
  if (start === -1) return [];
  const body = html.slice(html.indexOf('<tbody', start), html.indexOf('</table>', start));
  return [...body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, '').trim()),
  );
};

describe('places page: register layer', () => {
  it('offers the registers the reader may map: sweeps as points, tensions as counts; an administrator none', async () => {
    const html = (await as.viewer.get(PAGE)).body;
    expect(html).toContain('<option value="weapon-sweeps">Weapon sweeps (points)</option>');
    expect(html).toContain('Community tensions (counts by area, small numbers withheld)');
    expect((await as.admin.get(PAGE)).body).not.toContain('id="filter-layer"');
  });

  it('draws each sweep of 2025/26 as a circle linking to its record, with the same sweeps in the table', async () => {
    const res = await as.viewer.get(`${PAGE}&layer=weapon-sweeps`);
    expect(res.statusCode).toBe(200);
    const expected = refs.slice(1); // sweeps 2–6
    expect(circles(res.body).sort()).toEqual([...expected].sort());
    expect(res.body).not.toContain(`data-reference="${refs[0]}"`);
    const rows = tableRows(res.body, 'register-layer');
    expect(rows.map((r) => r[0]).sort()).toEqual([...expected].sort());
    // Sweep 2: 2 April 2025 by Whitechapel station, in Spitalfields & Banglatown.
    expect(rows.find((r) => r[0] === refs[1])?.slice(1)).toEqual(['2025-04-02', 'Spitalfields &amp; Banglatown']);
    expect(res.body).toMatch(/<a class="app-map__point-link" href="\/registers\/weapon-sweeps\/entries\/\d+"/);
  });

  it('never shows a tension to a non-reader: no point, and ward counts of 1–7 (and the one that would reveal them) withheld', async () => {
    const res = await as.viewer.get(`${PAGE}&layer=community-tensions`);
    expect(res.statusCode).toBe(200);
    expect(circles(res.body)).toEqual([]);
    expect(res.body).not.toContain('/registers/community-tensions/entries/');
    const rows = tableRows(res.body, 'register-layer');
    // Spitalfields 3 (primary), Mile End 9 (secondary: the total would reveal 3), Poplar 10.
    expect(rows.map((r) => [r[1], r[2]])).toEqual([
      [WARDS.mileEnd, '*'],
      [WARDS.poplar, '10'],
      [WARDS.spitalfields, '*'],
    ]);
    expect(res.body).not.toContain(`class="app-map__count" data-code="${WARDS.spitalfields}"`);
    expect(res.body).toContain(`class="app-map__count" data-code="${WARDS.poplar}"`);
    expect((await as.admin.get(`${PAGE}&layer=community-tensions`)).body).toContain('id="register-layer-refused"');
  });

  it('a new entry changes the cached page: its circle appears', async () => {
    const before = circles((await as.viewer.get(`${PAGE}&layer=weapon-sweeps`)).body);
    const saved = await saveEntry(
      f.db,
      f.ctx,
      f.people.policeAnalyst,
      'weapon-sweeps',
      { swept_on: '2025-09-09', location: 'SYNTHETIC sweep 7', team: 'SNT', 'items.knife': '1', ...POINTS.mileEndPark },
      { submit: true },
    );
    const after = circles((await as.viewer.get(`${PAGE}&layer=weapon-sweeps`)).body);
    expect(after.length).toBe(before.length + 1);
    expect(after).toContain(saved.reference);
  });
});

describe('places page: a place’s register entries', () => {
  it('lists the entries within a chosen ward that the reader may read, each linking to its record', async () => {
    const res = await as.viewer.get(`/dashboard/places?period=2025/26&area=${WARDS.spitalfields}`);
    expect(res.statusCode).toBe(200);
    const rows = tableRows(res.body, 'place-entries-table');
    // Sweeps 2 and 5 (and the cache test's sweep 7 lies in Mile End); the three tensions there are not the viewer's to read.
    expect(rows.map((r) => r[0]).sort()).toEqual([refs[1], refs[4]].sort());
    expect(rows.every((r) => r[1] === 'Weapon sweeps')).toBe(true);
    expect(res.body).not.toContain('Community tensions</td>');
  });

  it('a named reader of tensions also sees the tensions there, and that read is audited', async () => {
    const res = await as.named.get(`/dashboard/places?period=2025/26&area=${WARDS.spitalfields}`);
    const rows = tableRows(res.body, 'place-entries-table');
    // Three tensions in Spitalfields (May 2025) and sweeps 2 and 5.
    expect(rows.filter((r) => r[1] === 'Community tensions')).toHaveLength(3);
    expect(rows.filter((r) => r[1] === 'Weapon sweeps')).toHaveLength(2);
    expect(res.body).toMatch(/href="\/registers\/community-tensions\/entries\/\d+"/);
    const audit = await f.db
      .selectFrom('audit_log')
      .select(['action', 'actor_email'])
      .where('action', '=', 'register.read')
      .where('actor_email', '=', 'named@council.example')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('a named reader gets exact tension counts by ward on the layer (an area-only register)', async () => {
    const rows = tableRows((await as.named.get(`${PAGE}&layer=community-tensions`)).body, 'register-layer');
    expect(rows.map((r) => [r[1], r[2]])).toEqual([
      [WARDS.mileEnd, '9'],
      [WARDS.poplar, '10'],
      [WARDS.spitalfields, '3'],
    ]);
  });
});
