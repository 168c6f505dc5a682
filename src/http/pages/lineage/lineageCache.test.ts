import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../../auth/users.ts';
import { deliveryVersion } from '../../../delivery/deliveryVersion.ts';
import { assignItem } from '../../../delivery/planStore.ts';
import { addLink, removeLink } from '../../../lineage/linkStore.ts';
import {
  insertBoard,
  insertDecision,
  insertItem,
  insertMeeting,
  insertPlan,
} from '../../../lineage/testing/lineageFixture.ts';
import { type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';

/*
 * The lineage page and "my actions" come from the page cache (personalPageKey). Two analysts of the same agency
 * and role share an access scope, but only one sits on the restricted board whose decision the thread reaches:
 * the cache must never hand one the other's page. A link added or removed, through the store as the pages do,
 * is on the next view. SYNTHETIC rows.
 */
let h: Harness;
const as = {} as Record<'member' | 'outsider', Browser>;
let itemId = 0;
let otherItem = 0;
let decisionId = 0;
let seed: ReturnType<typeof actorOf>;

beforeAll(async () => {
  h = await createHarness();
  const db = h.services.db;
  const member = await h.addUser('member@council.test', 'local_authority', 'analyst');
  await h.addUser('outsider@council.test', 'local_authority', 'analyst');
  seed = actorOf(await h.addUser('seed@council.test', 'local_authority', 'partnership_manager'));
  const plan = await insertPlan(db, 'SYNTHETIC plan', 'Theme');
  itemId = await insertItem(db, plan, { kind: 'action', number: '1', wording: 'SYNTHETIC: the first action.' });
  otherItem = await insertItem(db, plan, { kind: 'action', number: '2', wording: 'SYNTHETIC: the second action.' });
  const board = await insertBoard(db, 'SYNTHETIC Exploitation Subgroup', true);
  await db
    .insertInto('board_member')
    .values({
      board_id: board,
      user_id: member.id,
      agency_code: 'local_authority',
      member_role: 'member',
      joined_on: '2020-01-01',
    })
    .execute();
  const meeting = await insertMeeting(db, board, '2025-05-01T17:00:00Z');
  decisionId = await insertDecision(db, meeting, '1', 'SYNTHETIC: the restricted decision text.');
  await addLink(db, seed, {
    from: { kind: 'plan-item', ref: String(itemId) },
    to: { kind: 'meeting', ref: String(meeting) },
  });
  await addLink(db, seed, {
    from: { kind: 'meeting', ref: String(meeting) },
    to: { kind: 'decision', ref: String(decisionId) },
  });
  as.member = await h.signIn('member@council.test');
  as.outsider = await h.signIn('outsider@council.test');
}, 300_000);
afterAll(async () => h?.close());

describe('cached delivery pages', () => {
  it('never serve one reader the page cached for another of the same agency and role', async () => {
    const url = `/lineage/plan-item/${itemId}`;
    const first = await as.member.get(url);
    expect(first.body).toContain('SYNTHETIC: the restricted decision text.');
    for (let i = 0; i < 2; i++) {
      const other = await as.outsider.get(url);
      expect(other.statusCode).toBe(200);
      expect(other.body).not.toContain('SYNTHETIC: the restricted decision text.');
      expect(other.body).toContain('restricted board: its decisions are read by its members');
    }
    // The member's second view is the cached page, still theirs: their own sign-out form and CSRF token.
    const again = await as.member.get(url);
    expect(again.body).toContain('SYNTHETIC: the restricted decision text.');
    expect(again.body).toContain(`value="${as.member.csrf}"`);
  });

  it('show a link on the next view after it is added, and drop it after it is removed', async () => {
    const url = `/lineage/plan-item/${itemId}`;
    // The thread's row for the second action links to its lineage page (the add-link form only lists it).
    const row = `href="/lineage/plan-item/${otherItem}"`;
    expect((await as.outsider.get(url)).body).not.toContain(row);
    const before = await deliveryVersion(h.services.db);
    const link = await addLink(h.services.db, seed, {
      from: { kind: 'plan-item', ref: String(itemId) },
      to: { kind: 'plan-item', ref: String(otherItem) },
    });
    expect(await deliveryVersion(h.services.db)).not.toBe(before);
    expect((await as.outsider.get(url)).body).toContain(row);
    await removeLink(h.services.db, seed, link, 'SYNTHETIC: linked by mistake');
    expect((await as.outsider.get(url)).body).not.toContain(row);
  });

  it('show an item given to a person on their My actions at once', async () => {
    expect((await as.outsider.get('/my-actions')).body).not.toContain('SYNTHETIC: the second action.');
    await assignItem(h.services.db, seed, otherItem, {
      person: 'outsider@council.test',
      agency: 'local_authority',
      dueOn: '2030-01-01',
    });
    expect((await as.outsider.get('/my-actions')).body).toContain('SYNTHETIC: the second action.');
  });
});
