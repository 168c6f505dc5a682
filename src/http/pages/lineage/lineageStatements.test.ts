import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../../auth/users.ts';
import { addLink } from '../../../lineage/linkStore.ts';
import {
  insertBoard,
  insertDecision,
  insertIndicators,
  insertItem,
  insertMeeting,
  insertPlan,
  insertPublishedReport,
} from '../../../lineage/testing/lineageFixture.ts';
import { createTestDb } from '../../../../test/createTestDb.ts';
import { type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';
import { countingDb, StatementCounter } from '../../testing/statementCounter.ts';

/*
 * How many SQL statements the lineage page and My actions send (issue 19's target: database round trips, not
 * rendering, are the cost). A plan item in the middle of a SYNTHETIC thread of every kind: a finding prompted it,
 * it led to an action, the action to an indicator and a meeting, the meeting to a restricted board's decision.
 */

const counter = new StatementCounter();
let h: Harness;
let reader: Browser;
let warm: Browser;
let item: number;
let decision: number;
let plan: { planId: number; themeId: number };
let seed: ReturnType<typeof actorOf>;

beforeAll(async () => {
  h = await createHarness({}, countingDb(await createTestDb(), counter));
  const db = h.services.db;
  await h.addUser('reader@council.test', 'local_authority', 'analyst');
  await h.addUser('warm@council.test', 'local_authority', 'analyst');
  seed = actorOf(await h.addUser('seed@council.test', 'local_authority', 'partnership_manager'));
  const finding = `${await insertPublishedReport(db, seed)}/1#robbery-trend`;
  plan = await insertPlan(db, 'SYNTHETIC plan', 'Violence');
  item = await insertItem(db, plan, { kind: 'recommendation', number: '1', wording: 'SYNTHETIC: tackle robbery' });
  const action = await insertItem(db, plan, {
    kind: 'action',
    number: '2',
    wording: 'SYNTHETIC: patrol hot spots',
    ownerPerson: 'reader@council.test',
    ownerAgency: 'local_authority',
    dueOn: '2030-01-01',
  });
  await insertIndicators(db, ['ind-count']);
  const meeting = await insertMeeting(db, await insertBoard(db, 'SYNTHETIC Subgroup', true), '2025-01-15T10:00:00Z');
  decision = await insertDecision(db, meeting, '1', 'SYNTHETIC: escalate');
  const link = (from: [string, string | number], to: [string, string | number]) =>
    addLink(db, seed, {
      from: { kind: from[0] as 'finding', ref: String(from[1]) },
      to: { kind: to[0] as 'finding', ref: String(to[1]) },
    });
  await link(['finding', finding], ['plan-item', item]);
  await link(['plan-item', item], ['plan-item', action]);
  await link(['plan-item', action], ['indicator', 'ind-count']);
  await link(['plan-item', action], ['meeting', meeting]);
  await link(['meeting', meeting], ['decision', decision]);
  reader = await h.signIn('reader@council.test');
  warm = await h.signIn('warm@council.test');
}, 300_000);
afterAll(async () => h?.close());

describe('statements per request', () => {
  it('lineage page of a plan item with links, uncached then cached; My actions likewise', async () => {
    const url = `/lineage/plan-item/${item}`;
    // Another person opens both pages first, as in the bench: what one process learns once (the indicator files
    // synced, the analyser's lookups) is not each person's first view's cost.
    for (const path of [url, '/my-actions']) expect((await warm.get(path)).statusCode).toBe(200);
    const counts: Record<string, number> = {};
    const statements: Record<string, (string | null)[]> = {};
    for (const [name, path] of [
      ['lineageUncached', url],
      ['lineageCached', url],
      ['myActionsUncached', '/my-actions'],
      ['myActionsCached', '/my-actions'],
    ] as const) {
      counts[name] = await counter.countOf(async () => {
        const res = await reader.get(path);
        expect(res.statusCode).toBe(200);
      });
      statements[name] = [...counter.executed];
    }
    if (process.env.SHOW_STATEMENTS) console.log(JSON.stringify({ counts, statements }, null, 1));
    // Worked out from the code, statement by statement. Both pages, cached or not: the session, the data version
    // (cachedPage) and the four personal versions in one (personalPageKey). The lineage page then: the thread's
    // links (one recursive query), every node's name (one), the current indicators (once, for the movement and the
    // form's list), the recent items for the form (one), and the movement's own reads (the quarters, the accepted
    // returns and the indicator versions; the release layer reuses the request's data version, withDataVersion).
    // My actions: the reader's display name, their meeting actions, and their plan items (one query for both lists).
    // Before: 32, 6, 10 and 6 (a query per hop of the thread and per node named, four version queries); then 12
    // uncached, until the release layer read the data version once per request instead of twice more.
    expect(counts).toEqual({ lineageUncached: 10, lineageCached: 3, myActionsUncached: 6, myActionsCached: 3 });
  });

  it('does not grow with the thread: a longer thread is named in as many statements', async () => {
    // decision → a third action → a fourth action: two more levels and two more nodes downstream.
    const third = await insertItem(db(), plan, { kind: 'action', number: '3', wording: 'SYNTHETIC: third' });
    const fourth = await insertItem(db(), plan, { kind: 'action', number: '4', wording: 'SYNTHETIC: fourth' });
    await addLink(db(), seed, {
      from: { kind: 'decision', ref: String(decision) },
      to: { kind: 'plan-item', ref: String(third) },
    });
    await addLink(db(), seed, {
      from: { kind: 'plan-item', ref: String(third) },
      to: { kind: 'plan-item', ref: String(fourth) },
    });
    // The links changed the delivery version, so this view is built afresh.
    let body = '';
    const count = await counter.countOf(async () => {
      const res = await reader.get(`/lineage/plan-item/${item}`);
      expect(res.statusCode).toBe(200);
      body = res.body;
    });
    expect(body).toContain('SYNTHETIC: fourth');
    expect(count).toBe(10);
  });
});

const db = () => h.services.db;
