import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegisterFixture, POINTS } from '../../../registers/testing/registerTestDb.ts';
import { type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';

/*
 * The form and record page over the kinds of field the other registers have: a point (knife bin) and an entry
 * taking its place from a reference (an emptying), a date and time with counts and ticked boxes (a serious
 * incident), and a personal field seen only by personal readers and removed after retention (a location of
 * concern). Real Tower Hamlets outlines; every entry and person SYNTHETIC.
 */

let h: Harness;
const as = {} as Record<'analyst' | 'owner', Browser>;

beforeAll(async () => {
  const f = await createRegisterFixture();
  h = await createHarness({}, f.t);
  await h.addUser('record.analyst@synthetic.test', 'police', 'analyst');
  await h.addUser('record.owner@synthetic.test', 'police', 'data_owner');
  as.analyst = await h.signIn('record.analyst@synthetic.test');
  as.owner = await h.signIn('record.owner@synthetic.test');
  // A page first, as a browser would: it carries the signed-in session's CSRF token.
  await as.analyst.get('/registers');
  await as.owner.get('/registers');
}, 300_000);
afterAll(async () => h?.close());

async function postPairs(browser: Browser, url: string, pairs: [string, string][]) {
  return h.app.inject({
    method: 'POST',
    url,
    payload: new URLSearchParams([['_csrf', browser.csrf], ...pairs]).toString(),
    headers: {
      cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'content-type': 'application/x-www-form-urlencoded',
    },
  });
}
const pathOf = (location: unknown) => String(location).split('?')[0] as string;
const referenceOn = (html: string) => /<h1 class="govuk-heading-l">([^<]+)<\/h1>/.exec(html)?.[1] as string;

describe('register record pages', () => {
  it("shows an emptying in its bin's place, with the bin's reference linked to the bin", async () => {
    const bin = await as.analyst.post('/registers/knife-bins/new', {
      site: 'Outside the library (SYNTHETIC)',
      'installed_on-day': '5',
      'installed_on-month': '1',
      'installed_on-year': '2026',
      ...POINTS.whitechapel,
      action: 'submit',
    });
    expect(bin.statusCode).toBe(303);
    const binPath = pathOf(bin.headers.location);
    const binRef = referenceOn((await as.analyst.get(binPath)).body);
    expect(binRef).toMatch(/^KB-2026-\d{4}$/);
    const form = await as.analyst.get('/registers/knife-bin-emptyings/new');
    expect(form.body).not.toContain('name="latitude"');
    const emptying = await as.analyst.post('/registers/knife-bin-emptyings/new', {
      bin: binRef.toLowerCase(),
      'emptied_on-day': '1',
      'emptied_on-month': '2',
      'emptied_on-year': '2026',
      'items.knife': '3',
      action: 'submit',
    });
    expect(emptying.statusCode).toBe(303);
    const record = await as.analyst.get(pathOf(emptying.headers.location));
    expect(record.body).toContain(`<a class="govuk-link" href="${binPath}">${binRef}</a>`);
    expect(record.body).toContain('knife 3, bladed article 0, firearm 0, other 0');
    expect(record.body).toContain('Spitalfields &amp; Banglatown (E05009333)');
    // A reference to no bin is a problem on the bin field.
    const none = await as.analyst.post('/registers/knife-bin-emptyings/new', {
      bin: 'KB-2026-9999',
      'emptied_on-day': '2',
      'emptied_on-month': '2',
      'emptied_on-year': '2026',
      action: 'submit',
    });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('<a href="#bin">KB-2026-9999 is not a knife bin you can see</a>');
    expect(none.body).toContain('value="KB-2026-9999"');
  });

  it('records an incident with a date and time, counts and ticked weapons; a time that is not one is refused', async () => {
    const pairs: [string, string][] = [
      ['occurred_at-day', '2'],
      ['occurred_at-month', '3'],
      ['occurred_at-year', '2026'],
      ['occurred_at-time', '21:40'],
      ['location', 'Bus stop on the high street (SYNTHETIC)'],
      ['ward', 'E05009327'],
      ['incident_type', 'stabbing'],
      ['victims', '2'],
      ['victim_ages.under 18', '1'],
      ['victim_ages.18 to 24', '1'],
      ['weapons', 'knife'],
      ['weapons', 'blunt object'],
      ['impact_assessment', 'SYNTHETIC assessment'],
      ['action', 'submit'],
    ];
    const bad = await postPairs(
      as.analyst,
      '/registers/serious-incidents/new',
      pairs.map(([k, v]) => [k, k === 'occurred_at-time' ? '25:00' : v]),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('<a href="#occurred_at-day">Date and time: enter a date and time');
    expect(bad.body).toContain('value="25:00"');
    expect(bad.body).toMatch(/value="blunt object" checked/);
    const res = await postPairs(as.analyst, '/registers/serious-incidents/new', pairs);
    expect(res.statusCode).toBe(303);
    const record = await as.analyst.get(pathOf(res.headers.location));
    expect(record.body).toContain('OFFICIAL-SENSITIVE');
    expect(record.body).toContain('2 March 2026 21:40');
    expect(record.body).toContain('under 18 1, 18 to 24 1, 25 and over 0, not known 0');
    expect(record.body).toContain('knife, blunt object');
    expect(record.body).toContain('Mile End (E05009327)');
    const edit = await as.analyst.get(`${pathOf(res.headers.location)}/edit`);
    expect(edit.body).toContain('value="21:40"');
    expect(edit.body).toMatch(/<option value="E05009327" selected>Mile End<\/option>/);
  });

  it("shows a personal field only to the register's personal readers, and says when it was removed", async () => {
    expect((await as.analyst.get('/registers/locations-of-concern/new')).body).not.toContain('name="site_contact"');
    const form = await as.owner.get('/registers/locations-of-concern/new');
    expect(form.body).toContain('name="site_contact"');
    expect(form.body).toContain('Personal data: shown only to those allowed, removed 24 months after');
    const res = await as.owner.post('/registers/locations-of-concern/new', {
      'identified_on-day': '10',
      'identified_on-month': '2',
      'identified_on-year': '2026',
      place: 'Riverside hotel (SYNTHETIC)',
      place_type: 'hotel',
      concern: 'SYNTHETIC concern',
      site_contact: 'A. Manager (SYNTHETIC)',
      'review_on-day': '10',
      'review_on-month': '5',
      'review_on-year': '2026',
      ...POINTS.mileEndPark,
      action: 'submit',
    });
    expect(res.statusCode).toBe(303);
    const path = pathOf(res.headers.location);
    const owner = await as.owner.get(path);
    expect(owner.body).toContain('A. Manager (SYNTHETIC)');
    expect(owner.body).toContain('Personal fields changed: Named contact at the site.');
    const analyst = await as.analyst.get(path);
    expect(analyst.statusCode).toBe(200);
    expect(analyst.body).not.toContain('A. Manager');
    expect(analyst.body).not.toContain('Named contact at the site</dt>');
    // As the retention job leaves it: the personal fields gone, the date they went kept.
    const id = Number(path.split('/').pop());
    await h.t.database.db
      .updateTable('register_entry')
      .set({ personal: null, personal_removed_at: new Date('2026-12-01T03:00:00Z') })
      .where('id', '=', id)
      .execute();
    const removed = await as.owner.get(path);
    expect(removed.body).toContain('Removed on 1 December 2026 after the retention period');
    expect(removed.body).not.toContain('A. Manager');
  });
});
