import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRegisterFixture, POINTS } from '../../../registers/testing/registerTestDb.ts';
import { auditEntries, type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';

/*
 * The register pages through the real app, over a database holding Tower Hamlets' real LSOA and ward outlines
 * (createRegisterFixture's files). Every entry and person is SYNTHETIC. Expected places were worked out apart from
 * Safer (registerTestDb.ts POINTS): the Whitechapel point lies in LSOA Tower Hamlets 013C (E01004208) and ward
 * Spitalfields & Banglatown (E05009333).
 */

let h: Harness;
const as = {} as Record<'police' | 'council' | 'viewer' | 'manager' | 'admin' | 'named' | 'unnamed', Browser>;
const ids = {} as Record<'named' | 'unnamed' | 'viewer', number>;

beforeAll(async () => {
  const f = await createRegisterFixture();
  h = await createHarness({}, f.t);
  const people = {
    police: ['police.analyst@synthetic.test', 'police', 'analyst'],
    council: ['council.analyst@synthetic.test', 'local_authority', 'analyst'],
    viewer: ['council.viewer@synthetic.test', 'local_authority', 'viewer'],
    manager: ['page.manager@synthetic.test', 'local_authority', 'partnership_manager'],
    admin: ['page.admin@synthetic.test', 'local_authority', 'administrator'],
    named: ['named.analyst@synthetic.test', 'police', 'analyst'],
    unnamed: ['unnamed.analyst@synthetic.test', 'police', 'analyst'],
  } as const;
  for (const [key, [email, agency, role]] of Object.entries(people)) {
    const user = await h.addUser(email, agency, role);
    if (key === 'named' || key === 'unnamed' || key === 'viewer') ids[key] = user.id;
    as[key as keyof typeof as] = await h.signIn(email);
  }
}, 300_000);
afterAll(async () => h?.close());

const entryCount = async () =>
  Number(
    (
      await h.t.database.db
        .selectFrom('register_entry')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
/** Posts a form whose names repeat (ticked boxes), as a browser sends it. */
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
const entryIdOf = (location: string | undefined) => Number(/\/entries\/(\d+)/.exec(location ?? '')?.[1]);

/** A SYNTHETIC sweep as the form posts it: the date as day, month, year; two items found. */
const sweepForm = (over: Record<string, string> = {}) => ({
  'swept_on-day': '27',
  'swept_on-month': '3',
  'swept_on-year': '2026',
  location: 'Whitechapel Waste (SYNTHETIC)',
  team: 'Safer Neighbourhood Team',
  'items.knife': '1',
  'items.bladed article': '1',
  'items.firearm': '0',
  'items.other': '0',
  ...POINTS.whitechapel,
  action: 'submit',
  ...over,
});

describe('register pages', () => {
  it('lists the registers a reader may read; tensions are counts only to a viewer; administrators are refused', async () => {
    const viewer = await as.viewer.get('/registers');
    expect(viewer.statusCode).toBe(200);
    expect(viewer.body).toContain('href="/registers/weapon-sweeps">Weapon sweeps</a>');
    // Viewers read sweeps but do not write them; tensions and incidents are outside their readership.
    expect(viewer.body).not.toContain('Add a weapon sweep');
    expect(viewer.body).toContain('Community tensions');
    expect(viewer.body).not.toContain('href="/registers/community-tensions"');
    expect(viewer.body).toContain('Counts only');
    const police = await as.police.get('/registers');
    expect(police.body).toContain('<a class="govuk-link" href="/registers/weapon-sweeps/new">Add a weapon sweep</a>');
    expect(police.body).not.toContain('href="/registers/community-tensions/readers"');
    const manager = await as.manager.get('/registers');
    expect(manager.body).toContain('href="/registers/community-tensions/readers"');
    expect(manager.body).not.toContain('href="/registers/community-tensions"');
    expect((await as.admin.get('/registers')).statusCode).toBe(403);
    expect((await as.admin.get('/registers/weapon-sweeps')).statusCode).toBe(403);
  });

  it('links each register to its counts, import, template and downloads, as the reader may use them', async () => {
    const viewerIndex = (await as.viewer.get('/registers')).body;
    expect(viewerIndex).toContain('href="/registers/community-tensions/counts"');
    expect((await as.viewer.get('/registers/community-tensions/counts')).statusCode).toBe(200);
    expect(viewerIndex).not.toContain('href="/registers/settings"');
    expect((await as.manager.get('/registers')).body).toContain('href="/registers/settings"');
    const police = (await as.police.get('/registers/weapon-sweeps')).body;
    for (const href of ['/counts', '/import', '/template.csv', '/export.csv', '/export.xlsx'])
      expect(police).toContain(`href="/registers/weapon-sweeps${href}"`);
    const viewer = (await as.viewer.get('/registers/weapon-sweeps')).body;
    expect(viewer).toContain('href="/registers/weapon-sweeps/counts"');
    for (const href of ['/import', '/export.csv'])
      expect(viewer).not.toContain(`href="/registers/weapon-sweeps${href}"`);
  });

  it('records a sweep with two items through the form: on the list, and on its record page with history', async () => {
    const form = await as.police.get('/registers/weapon-sweeps/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('name="swept_on-day"');
    expect(form.body).toContain('name="items.knife"');
    expect(form.body).toContain('inputmode="numeric"');
    expect(form.body).toContain('Open your phone&#39;s map, long-press');
    expect(form.body).toMatch(/>\s*Save as draft\s*</);
    const posted = await as.police.post('/registers/weapon-sweeps/new', sweepForm());
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toMatch(/^\/registers\/weapon-sweeps\/entries\/\d+\?recorded=1$/);
    const id = entryIdOf(posted.headers.location);
    const row = await h.t.database.db
      .selectFrom('register_entry')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.reference).toBe(`WS-2026-${String(id).padStart(4, '0')}`);
    expect(row.occurred_on).toContain('2026-03-27');
    const record = await as.police.get(posted.headers.location as string);
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain(`${row.reference} recorded`);
    expect(record.body).toContain('knife 1, bladed article 1, firearm 0, other 0');
    expect(record.body).toContain('27 March 2026');
    expect(record.body).toContain('Spitalfields &amp; Banglatown (E05009333)');
    expect(record.body).toContain('Tower Hamlets 013C (E01004208)');
    expect(record.body).toContain('51.5195, -0.0597');
    expect(record.body).toContain('Version 1: Created');
    expect(record.body).toContain('By police.analyst@synthetic.test');
    // A viewer reads it too (OFFICIAL, read by any agency), with no way to change it.
    const seen = await as.viewer.get(`/registers/weapon-sweeps/entries/${id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.body).not.toContain('Change this entry');
    expect((await as.viewer.get('/registers')).body).toContain('1 entry submitted, the latest on 27 March 2026.');
    const list = await as.viewer.get('/registers/weapon-sweeps');
    expect(list.body).toContain(`href="/registers/weapon-sweeps/entries/${id}">${row.reference}</a>`);
    expect(list.body).toContain('knife 1, bladed article 1, firearm 0, other 0');
    expect(list.body).toContain('href="/registers/weapon-sweeps/drafts">Your drafts</a>');
    // Filters: the ward it lies in keeps it; another ward, or words it does not hold, do not.
    expect((await as.viewer.get('/registers/weapon-sweeps?ward=E05009333')).body).toContain(row.reference);
    expect((await as.viewer.get('/registers/weapon-sweeps?ward=E05009327')).body).not.toContain(row.reference);
    expect((await as.viewer.get('/registers/weapon-sweeps?q=whitechapel')).body).toContain(row.reference);
    expect((await as.viewer.get('/registers/weapon-sweeps?q=shadwell')).body).not.toContain(row.reference);
    expect((await as.viewer.get('/registers/weapon-sweeps?from=2026-03-28')).body).not.toContain(row.reference);
    const badDate = await as.viewer.get('/registers/weapon-sweeps?from=31-02-2026');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('href="#from"');
    // The same sweep again is refused, naming the first; a count that is not a number is linked to its input.
    const again = await as.police.post('/registers/weapon-sweeps/new', sweepForm({ 'items.firearm': 'two' }));
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('<a href="#items-firearm">Items found: enter a whole number</a>');
    expect(again.body).toContain('value="two"');
    // A post without the page's CSRF token is refused before anything is read.
    const forged = await as.police.post(
      '/registers/weapon-sweeps/new',
      sweepForm({ _csrf: 'forged', location: 'Forged (SYNTHETIC)' }),
    );
    expect(forged.statusCode).toBe(403);
    expect(await entryCount()).toBe(1);
    const duplicate = await as.police.post('/registers/weapon-sweeps/new', sweepForm());
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.body).toContain(`<a href="#swept_on-day">Already recorded as ${row.reference}</a>`);
  });

  it('shows every problem in the summary, linked to its input, keeps the values and writes nothing', async () => {
    const before = await entryCount();
    const tomorrow = new Date(h.services.now().getTime() + 2 * 86_400_000);
    expect((await as.council.get('/registers/test-purchases/new')).body).toContain('name="outcome"');
    const res = await as.council.post('/registers/test-purchases/new', {
      'purchased_on-day': String(tomorrow.getUTCDate()),
      'purchased_on-month': String(tomorrow.getUTCMonth() + 1),
      'purchased_on-year': String(tomorrow.getUTCFullYear()),
      retailer: 'Corner Shop (SYNTHETIC)',
      premises: '1 High Street',
      item: 'crossbow',
      outcome: 'fail',
      ...POINTS.hydePark,
      action: 'submit',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('govuk-error-summary');
    expect(res.body).toContain(
      '<a href="#purchased_on-day">Date of the test purchase: the date must be today or in the past</a>',
    );
    expect(res.body).toContain('href="#item"');
    expect(res.body).toContain('&quot;crossbow&quot; is not one of: knife, bladed article, razor blades, other');
    expect(res.body).toContain('href="#latitude"');
    expect(res.body).toContain('outside the borough E09000030');
    // Every value kept as typed.
    expect(res.body).toContain('value="Corner Shop (SYNTHETIC)"');
    expect(res.body).toContain(`value="${tomorrow.getUTCFullYear()}"`);
    expect(res.body).toContain(`value="${POINTS.hydePark.longitude}"`);
    expect(res.body).toMatch(/value="fail" checked/);
    expect(await entryCount()).toBe(before);
  });

  it('saves a draft only its author sees, and submits it when continued', async () => {
    const saved = await as.police.post('/registers/weapon-sweeps/new', {
      'swept_on-day': '',
      'swept_on-month': '',
      'swept_on-year': '',
      location: 'Half-finished (SYNTHETIC)',
      action: 'draft',
    });
    expect(saved.statusCode).toBe(303);
    const id = Number(/saved=(\d+)/.exec(saved.headers.location ?? '')?.[1]);
    const drafts = await as.police.get(saved.headers.location as string);
    expect(drafts.body).toMatch(/Draft WS-\d{4}-\d{4} saved/);
    expect(drafts.body).toContain(`href="/registers/weapon-sweeps/entries/${id}/edit"`);
    expect(drafts.body).toContain('Continue');
    // Another writer neither lists nor opens it.
    expect((await as.council.get('/registers/weapon-sweeps/drafts')).body).not.toContain(`/entries/${id}/edit`);
    expect((await as.council.get(`/registers/weapon-sweeps/entries/${id}/edit`)).statusCode).toBe(404);
    expect((await as.council.get(`/registers/weapon-sweeps/entries/${id}`)).statusCode).toBe(404);
    const continued = await as.police.get(`/registers/weapon-sweeps/entries/${id}/edit`);
    expect(continued.body).toContain('value="Half-finished (SYNTHETIC)"');
    expect(continued.body).not.toContain('Reason for the change');
    const submitted = await as.police.post(
      `/registers/weapon-sweeps/entries/${id}/edit`,
      sweepForm({ location: 'Half-finished (SYNTHETIC)', 'swept_on-day': '20' }),
    );
    expect(submitted.statusCode).toBe(303);
    expect(submitted.headers.location).toBe(`/registers/weapon-sweeps/entries/${id}?changed=1`);
    const record = await as.council.get(`/registers/weapon-sweeps/entries/${id}`);
    expect(record.statusCode).toBe(200);
    expect(record.body).toContain('Version 2: Submitted');
    expect(record.body).toContain('Version 1: Created (draft)');
  });

  it('asks why a submitted entry is changed, and keeps the reason and the fields changed in its history', async () => {
    const posted = await as.police.post(
      '/registers/weapon-sweeps/new',
      sweepForm({ location: 'Mile End Park (SYNTHETIC)', ...POINTS.mileEndPark }),
    );
    const id = entryIdOf(posted.headers.location);
    const edit = await as.council.get(`/registers/weapon-sweeps/entries/${id}/edit`);
    expect(edit.body).toContain('Reason for the change');
    expect(edit.body).toContain('value="Mile End Park (SYNTHETIC)"');
    expect(edit.body).toContain('value="27"');
    const noReason = await as.council.post(
      `/registers/weapon-sweeps/entries/${id}/edit`,
      sweepForm({ location: 'Mile End Park east (SYNTHETIC)', ...POINTS.mileEndPark }),
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#reason"');
    expect(noReason.body).toContain('value="Mile End Park east (SYNTHETIC)"');
    const unchanged = await h.t.database.db
      .selectFrom('register_entry')
      .select(['version', 'data'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(unchanged.version).toBe(1);
    const changed = await as.council.post(
      `/registers/weapon-sweeps/entries/${id}/edit`,
      sweepForm({ location: 'Mile End Park east (SYNTHETIC)', ...POINTS.mileEndPark, reason: 'Wrong end of the park' }),
    );
    expect(changed.statusCode).toBe(303);
    const record = await as.viewer.get(changed.headers.location as string);
    expect(record.body).toContain('changed');
    expect(record.body).toContain('Version 2: Changed');
    expect(record.body).toContain('Reason: “Wrong end of the park”');
    expect(record.body).toContain('Fields changed: Location.');
    expect(record.body).toContain('By council.analyst@synthetic.test');
  });

  it('names readers of the tensions register; others are refused its list and records, by page', async () => {
    expect((await as.police.get('/registers/community-tensions/readers')).statusCode).toBe(403);
    expect((await as.admin.get('/registers/community-tensions/readers')).statusCode).toBe(403);
    expect((await as.manager.get('/registers/weapon-sweeps/readers')).statusCode).toBe(403);
    const page = await as.manager.get('/registers/community-tensions/readers');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Nobody is named yet');
    expect(page.body).toContain(`<option value="${ids.named}">named.analyst@synthetic.test (analyst, police)</option>`);
    // Viewers are outside the tensions readership: not offered, and refused when posted.
    expect(page.body).not.toContain('council.viewer@synthetic.test');
    const refusedViewer = await as.manager.post('/registers/community-tensions/readers', {
      user: String(ids.viewer),
      action: 'add',
    });
    expect(refusedViewer.statusCode).toBe(400);
    expect(refusedViewer.body).toContain('href="#user"');
    const added = await as.manager.post('/registers/community-tensions/readers', {
      user: String(ids.named),
      action: 'add',
    });
    expect(added.statusCode).toBe(303);
    expect((await as.manager.get('/registers/community-tensions/readers')).body).toContain(
      'Named by page.manager@synthetic.test',
    );
    expect((await auditEntries(h, 'register.reader.grant')).map((a) => a.subject_id)).toContain('community-tensions');

    const form = await as.named.get('/registers/community-tensions/new');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('OFFICIAL-SENSITIVE');
    expect(form.body).toContain('name="ward"');
    expect(form.body).not.toContain('name="latitude"');
    const posted = await postPairs(as.named, '/registers/community-tensions/new', [
      ['reported_on-day', '2'],
      ['reported_on-month', '3'],
      ['reported_on-year', '2026'],
      ['issue', 'Rumour after a fight outside a school (SYNTHETIC)'],
      ['description', 'SYNTHETIC'],
      ['communities', 'Young people in the ward'],
      ['level', 'medium'],
      ['trend', 'rising'],
      ['sources', 'schools'],
      ['sources', 'social media'],
      ['review_on-day', '16'],
      ['review_on-month', '3'],
      ['review_on-year', '2026'],
      ['ward', 'E05009327'],
      ['action', 'submit'],
    ]);
    expect(posted.statusCode).toBe(303);
    const url = (posted.headers.location as string).split('?')[0] as string;
    const record = await as.named.get(url);
    expect(record.body).toContain('OFFICIAL-SENSITIVE');
    expect(record.body).toContain('Mile End (E05009327)');
    const list = await as.named.get('/registers/community-tensions');
    expect(list.body).toContain('OFFICIAL-SENSITIVE');
    expect(list.body).toContain('Rumour after a fight outside a school (SYNTHETIC)');
    expect(list.body).not.toContain('/registers/community-tensions/readers');
    expect((await as.manager.get('/registers/community-tensions')).statusCode).toBe(403);
    expect(record.body).toContain('schools, social media');
    const reference = /<h1 class="govuk-heading-l">([^<]+)<\/h1>/.exec(record.body)?.[1] as string;
    expect(reference).toMatch(/^CT-2026-\d{4}$/);
    for (const who of [as.unnamed, as.viewer, as.admin]) {
      for (const path of [url, '/registers/community-tensions', '/registers/community-tensions/new']) {
        const res = await who.get(path);
        expect(res.statusCode).toBe(403);
        expect(res.body).not.toContain(reference);
        expect(res.body).not.toContain('Rumour after a fight');
      }
    }
    const removed = await as.manager.post('/registers/community-tensions/readers', {
      user: String(ids.named),
      action: 'remove',
    });
    expect(removed.statusCode).toBe(303);
    expect((await as.named.get(url)).statusCode).toBe(403);
    expect((await auditEntries(h, 'register.reader.revoke')).length).toBe(1);
  });
});
