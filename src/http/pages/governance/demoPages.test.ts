import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../../auth/policy.ts';
import { seedDemoGovernance } from '../../../governance/demo/demoGovernance.ts';
import { type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';

/* Every governance page over the demo's SYNTHETIC boards renders for each demo user, restricted ones as such. */

const DEMO: [string, string, Role][] = [
  ['analyst@council.demo', 'local_authority', 'analyst'],
  ['manager@council.demo', 'local_authority', 'partnership_manager'],
  ['owner@police.demo', 'police', 'data_owner'],
  ['analyst@health.demo', 'health', 'analyst'],
  ['viewer@probation.demo', 'probation', 'viewer'],
];
let h: Harness;
const as: Record<string, Browser> = {};

beforeAll(async () => {
  h = await createHarness();
  const actors: Record<string, Actor> = {};
  for (const [email, agency, role] of DEMO) {
    const user = await h.addUser(email, agency, role);
    actors[email] = { id: user.id, email, agency, role };
    as[email] = await h.signIn(email);
  }
  await seedDemoGovernance(h.services.db, actors, '2026-01-15');
}, 300_000);
afterAll(async () => h?.close());

describe('the demo’s governance pages', () => {
  it('render for every demo user; the restricted subgroup’s minutes only for its members', async () => {
    const boards = await h.services.db.selectFrom('board').select(['id', 'restricted']).execute();
    const meetings = await h.services.db.selectFrom('meeting').select(['id', 'board_id']).execute();
    const restricted = new Set(boards.filter((b) => b.restricted).map((b) => b.id));
    const members = new Set(['owner@police.demo', 'analyst@health.demo', 'analyst@council.demo']);
    for (const [email] of DEMO) {
      const browser = as[email] as Browser;
      expect((await browser.get('/boards')).statusCode).toBe(200);
      for (const b of boards) expect((await browser.get(`/boards/${b.id}`)).statusCode).toBe(200);
      for (const m of meetings) {
        const page = await browser.get(`/meetings/${m.id}`);
        expect(page.statusCode).toBe(200);
        const hidden = page.body.includes('is a restricted board');
        expect(hidden).toBe(restricted.has(m.board_id) && !members.has(email));
        if (!hidden) expect(page.body).toContain('Actions arising');
        expect((await browser.get(`/meetings/${m.id}.ics`)).statusCode).toBe(200);
      }
    }
  }, 240_000);
});
