import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../auth/policy.ts';
import { actorOf } from '../../../auth/users.ts';
import { saveEntry } from '../../../registers/entryStore.ts';
import { createRegisterFixture, POINTS } from '../../../registers/testing/registerTestDb.ts';
import { type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';

/*
 * A register's list: 51 SYNTHETIC test purchases, one a day from 1 January 2026 (i = 0…50), every third one
 * (i = 0, 3, …, 48: 17 of them) a fail. Newest first, 50 a page; the outcome select and the dates filter them.
 */

let h: Harness;
let viewer: Browser;
let writer: Actor;
const references: string[] = [];
const dayOf = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);

beforeAll(async () => {
  const f = await createRegisterFixture();
  h = await createHarness({}, f.t);
  writer = actorOf(await h.addUser('list.analyst@synthetic.test', 'local_authority', 'analyst'));
  await h.addUser('list.viewer@synthetic.test', 'police', 'viewer');
  const ctx = await h.services.registerContext();
  for (let i = 0; i <= 50; i++) {
    const saved = await saveEntry(
      h.services.db,
      ctx,
      writer,
      'test-purchases',
      {
        purchased_on: dayOf(i),
        retailer: `Retailer ${i} (SYNTHETIC)`,
        premises: `${i} High Street`,
        item: 'knife',
        outcome: i % 3 === 0 ? 'fail' : 'pass',
        ...POINTS.whitechapel,
      },
      { submit: true },
    );
    references[i] = saved.reference;
  }
  viewer = await h.signIn('list.viewer@synthetic.test');
}, 300_000);
afterAll(async () => h?.close());

const rowsOn = (html: string) => [...html.matchAll(/entries\/\d+">(TP-\d{4}-\d{4})<\/a>/g)].map((m) => m[1]);

describe('register list', () => {
  it('shows 50 a page, newest first, with GOV.UK pagination to the rest', async () => {
    const first = await viewer.get('/registers/test-purchases');
    expect(first.statusCode).toBe(200);
    const rows = rowsOn(first.body);
    expect(rows).toHaveLength(50);
    expect(rows[0]).toBe(references[50]); // 20 February 2026
    expect(rows[49]).toBe(references[1]);
    expect(first.body).toContain('Showing 1 to 50 of 51, newest first.');
    expect(first.body).toContain('govuk-pagination');
    expect(first.body).toContain('href="/registers/test-purchases?page=2"');
    expect(first.body).toContain('20 February 2026');
    expect(first.body).toContain('Spitalfields &amp; Banglatown');
    const second = await viewer.get('/registers/test-purchases?page=2');
    expect(rowsOn(second.body)).toEqual([references[0]]);
    expect(second.body).toContain('Showing 51 to 51 of 51, newest first.');
  });

  it('filters by a choice field and by dates together, keeping the filters in the form', async () => {
    const fails = await viewer.get('/registers/test-purchases?outcome=fail');
    const failRows = rowsOn(fails.body);
    expect(failRows).toHaveLength(17);
    expect(failRows[0]).toBe(references[48]);
    expect(fails.body).not.toContain('govuk-pagination');
    expect(fails.body).toMatch(/<option value="fail" selected>fail<\/option>/);
    // From 1 February (i = 31): fails at i = 33, 36, 39, 42, 45, 48.
    const february = await viewer.get('/registers/test-purchases?outcome=fail&from=01/02/2026');
    expect(rowsOn(february.body)).toEqual([48, 45, 42, 39, 36, 33].map((i) => references[i]));
    expect(february.body).toContain('value="01/02/2026"');
    // A value outside the field's vocabulary is no filter at all.
    expect(rowsOn((await viewer.get('/registers/test-purchases?outcome=maybe')).body)).toHaveLength(50);
  });

  it('comes from the page cache until an entry changes, and then shows the change at once', async () => {
    const before = await viewer.get('/registers/test-purchases');
    expect(before.body).toContain('Showing 1 to 50 of 51, newest first.');
    const saved = await saveEntry(
      h.services.db,
      await h.services.registerContext(),
      writer,
      'test-purchases',
      {
        purchased_on: dayOf(51),
        retailer: 'Retailer 51 (SYNTHETIC)',
        premises: '51 High Street',
        item: 'knife',
        outcome: 'pass',
        ...POINTS.whitechapel,
      },
      { submit: true },
    );
    const after = await viewer.get('/registers/test-purchases');
    expect(after.body).toContain('Showing 1 to 50 of 52, newest first.');
    expect(rowsOn(after.body)[0]).toBe(saved.reference);
  });
});
