import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../../domain/periods/month.ts';
import { saveEntry } from '../../../registers/entryStore.ts';
import { setNamedReader } from '../../../registers/readers.ts';
import { createRegisterFixture, POINTS, type RegisterFixture } from '../../../registers/testing/registerTestDb.ts';
import { auditEntries, type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';

/*
 * The register settings, the overview's register card and the counts page, through the real app, over SYNTHETIC
 * entries dated relative to today (the app's clock is the real one): the first day of the last financial quarter,
 * a month later, and the first day of this one. Quarters are calendar quarters (Q1 = Apr–Jun).
 */
const now = new Date();
const month = now.toISOString().slice(0, 7);
const thisQuarter = addMonths(month, -((Number(month.slice(5, 7)) - 1) % 3));
const lastQuarter = addMonths(thisQuarter, -3);

let f: RegisterFixture;
let h: Harness;
const as = {} as Record<'manager' | 'viewer' | 'admin', Browser>;

async function sweep(day: string, items: Record<string, number>, n: number) {
  const raw: Record<string, string> = {
    swept_on: day,
    location: `SYNTHETIC sweep ${n}`,
    team: 'SNT',
    ...POINTS.whitechapel,
  };
  for (const [k, v] of Object.entries(items)) raw[`items.${k}`] = String(v);
  await saveEntry(f.db, f.ctx, f.people.policeAnalyst, 'weapon-sweeps', raw, { submit: true });
}

beforeAll(async () => {
  f = await createRegisterFixture(now);
  h = await createHarness({}, f.t);
  await h.addUser('manager@council.example', 'local_authority', 'partnership_manager');
  await h.addUser('viewer@council.example', 'local_authority', 'viewer');
  await h.addUser('admin@council.example', 'local_authority', 'administrator');
  as.manager = await h.signIn('manager@council.example');
  as.viewer = await h.signIn('viewer@council.example');
  as.admin = await h.signIn('admin@council.example');
  // Items found: last quarter 2 + 4 = 6; this quarter 3.
  await sweep(`${lastQuarter}-01`, { knife: 1, firearm: 1 }, 1);
  await sweep(`${addMonths(lastQuarter, 1)}-15`, { knife: 4 }, 2);
  await sweep(`${thisQuarter}-01`, { knife: 2, other: 1 }, 3);
  // Three SYNTHETIC tensions this quarter, written by a named reader; the viewer sees counts only.
  await setNamedReader(f.db, f.people.manager, f.registers.get('community-tensions')!, f.people.policeAnalyst.id, true);
  for (const i of [1, 2, 3])
    await saveEntry(
      f.db,
      f.ctx,
      f.people.policeAnalyst,
      'community-tensions',
      {
        reported_on: `${thisQuarter}-01`,
        issue: `SYNTHETIC issue ${i}`,
        description: 'SYNTHETIC',
        communities: 'SYNTHETIC',
        level: 'low',
        trend: 'stable',
        review_on: '2030-01-01',
        ward: 'E05009328',
      },
      { submit: true },
    );
}, 180_000);
afterAll(() => h?.close());

const figure = (html: string, name: string) => new RegExp(`data-figure="${name}">([^<]*)<`).exec(html)?.[1];

describe('register settings and the overview card', () => {
  it('only a partnership manager sees and changes the settings', async () => {
    expect((await as.viewer.get('/registers/settings')).statusCode).toBe(403);
    expect((await as.viewer.post('/registers/settings', { overview: 'weapon-sweeps:sweeps' })).statusCode).toBe(403);
    const page = await as.manager.get('/registers/settings');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="weapon-sweeps:items-found"');
    expect(page.body).toMatch(/value="none" checked/);
  });

  it('shows no register card before a choice, and refuses a choice that is not on the list, naming it', async () => {
    expect((await as.viewer.get('/dashboard')).body).not.toContain('id="register-count"');
    const bad = await as.manager.post('/registers/settings', { overview: 'weapon-sweeps:nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('There is a problem');
    expect(bad.body).toContain('Choose a register count from the list');
    const none = await as.manager.post('/registers/settings', {});
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choose what the overview shows');
    expect(await auditEntries(h, 'register.setting')).toHaveLength(0);
  });

  it('after a manager chooses weapons found, the overview shows this quarter 3 and last quarter 6, audited', async () => {
    const res = await as.manager.post('/registers/settings', { overview: 'weapon-sweeps:items-found' });
    expect(res.statusCode).toBe(303);
    const audit = await auditEntries(h, 'register.setting');
    expect(audit.at(-1)?.actor_email).toBe('manager@council.example');
    const html = (await as.viewer.get('/dashboard')).body;
    expect(html).toContain('Weapons found in sweeps, this quarter');
    expect(figure(html, 'register-this-quarter')).toBe('3');
    expect(figure(html, 'register-last-quarter')).toBe('6');
  });

  it('a new entry changes the cached overview (the register version is in its key)', async () => {
    await sweep(`${thisQuarter}-02`, { 'bladed article': 5 }, 4);
    expect(figure((await as.viewer.get('/dashboard')).body, 'register-this-quarter')).toBe('8');
  });

  it('a counts-only reader sees 3 tensions as *, and an administrator no card at all', async () => {
    await as.manager.post('/registers/settings', { overview: 'community-tensions:tensions' });
    const html = (await as.viewer.get('/dashboard')).body;
    expect(figure(html, 'register-this-quarter')).toBe('*');
    expect(figure(html, 'register-last-quarter')).toBe('0');
    expect(html).toContain('Counts from 1 to 7 are shown as *');
    const manager = (await as.manager.get('/dashboard')).body;
    expect(figure(manager, 'register-this-quarter')).toBe('*'); // not a named reader either
    expect((await as.admin.get('/dashboard')).body).not.toContain('id="register-count"');
  });
});

describe('GET /registers/:id/counts', () => {
  const from = `${lastQuarter}-01`;
  it('draws a register measure by quarter with the same numbers in its table', async () => {
    const res = await as.viewer.get(`/registers/weapon-sweeps/counts?measure=items-found&by=quarter&from=${from}`);
    expect(res.statusCode).toBe(200);
    const cells = [...res.body.matchAll(/data-count="([^"]+)">([^<]*)</g)].map((m) => [m[1], m[2]]);
    expect(cells.map((c) => c[1])).toEqual(['6', '8', '14']);
    expect(res.body).toContain('<svg');
    expect(res.body).toContain('id="register-counts-table"');
  });

  it('suppresses small counts for a counts-only reader, refuses an administrator, and names a bad measure', async () => {
    const res = await as.viewer.get(`/registers/community-tensions/counts?by=quarter&from=${from}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="suppression-note"');
    const cells = [...res.body.matchAll(/data-count="([^"]+)">([^<]*)</g)].map((m) => m[2]);
    expect(cells).toEqual(['0', '*', '*']); // last quarter 0, this quarter 3, total 3
    expect((await as.admin.get('/registers/weapon-sweeps/counts')).statusCode).toBe(403);
    const bad = await as.viewer.get('/registers/weapon-sweeps/counts?measure=nope');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('has no measure');
    const backwards = await as.viewer.get('/registers/weapon-sweeps/counts?from=2026-01-01&to=2025-01-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.body).toContain('the last day is before the first');
    expect((await as.viewer.get('/registers/weapon-sweeps/counts?from=2026-1-1')).statusCode).toBe(400);
    expect((await as.viewer.get('/registers/no-such-register/counts')).statusCode).toBe(404);
  });

  it('clears the overview card when the manager chooses none', async () => {
    expect((await as.manager.post('/registers/settings', { overview: 'none' })).statusCode).toBe(303);
    expect((await as.viewer.get('/dashboard')).body).not.toContain('id="register-count"');
  });
});
