import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../src/auth/users.ts';
import { addMember, createBoard } from '../src/governance/boardStore.ts';
import { createMeeting } from '../src/governance/meetingStore.ts';
import { createHarness, type Harness, TEST_PASSWORD } from '../src/http/testing/appHarness.ts';
import { insertItem, insertPlan, insertPublishedReport } from '../src/lineage/testing/lineageFixture.ts';
import { loadIndicatorSet } from '../src/performance/store/indicatorSet.ts';
import { chromiumAvailable, expectAccessible, launchChromium } from './browser.ts';
import { tabUntil } from './pages/keyboard.ts';

/*
 * The thread from a finding to a decision, built in a real browser by keyboard alone (Tab, typing, arrow keys,
 * Enter; no clicks): a published SNA figure prompts a recommendation, which leads to two actions; the partnership
 * manager gives each an owner; one action is meant to move an indicator, which a board meeting discusses; the
 * meeting decides to escalate the other action. The recommendation's lineage page then shows all of it, both
 * ways. Every page is checked with axe (WCAG 2.2 AA). SYNTHETIC rows on an empty migrated database.
 */
let h: Harness;
let browser: Browser;
let base: string;
const ids = { report: 0, recommendation: 0, actionA: 0, actionB: 0, plan: 0, meeting: 0, decision: 0 };
const FINDING = () => `${ids.report}/1#robbery-trend`;

beforeAll(async () => {
  h = await createHarness();
  const db = h.services.db;
  const manager = actorOf(await h.addUser('manager@council.test', 'local_authority', 'partnership_manager'));
  await h.addUser('analyst@council.test', 'local_authority', 'analyst');
  await h.addUser('owner@police.test', 'police', 'data_owner');
  await loadIndicatorSet(db);
  ids.report = await insertPublishedReport(db, manager, 'SYNTHETIC Strategic Needs Assessment');
  const recs = await insertPlan(db, 'SYNTHETIC SNA recommendations', 'Enforcement and tackling offenders');
  ids.recommendation = await insertItem(db, recs, {
    kind: 'recommendation',
    number: '20',
    wording: 'SYNTHETIC: act on robbery in the town centre.',
  });
  const plan = await insertPlan(db, 'SYNTHETIC delivery plan', 'Disrupting those who pose a risk');
  ids.plan = plan.planId;
  ids.actionA = await insertItem(db, plan, { kind: 'action', number: '3.1', wording: 'SYNTHETIC: patrol plan.' });
  ids.actionB = await insertItem(db, plan, { kind: 'action', number: '3.2', wording: 'SYNTHETIC: youth outreach.' });
  // The partnership manager chairs the board and so minutes its meetings.
  const board = await createBoard(db, manager, {
    name: 'SYNTHETIC CSP Board',
    kind: 'board',
    parentBoardId: null,
    termsOfReference: 'SYNTHETIC terms of reference.',
    chairUserId: manager.id,
    quorum: 1,
    restricted: false,
  });
  await addMember(db, manager, board, {
    userId: manager.id,
    agencyCode: 'local_authority',
    role: 'chair',
    voting: true,
    joinedOn: '2024-01-01',
  });
  ids.meeting = await createMeeting(db, manager, board, {
    startsAt: new Date('2025-06-10T09:00:00Z'),
    endsAt: new Date('2025-06-10T11:00:00Z'),
    location: 'Town Hall',
  });
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  if (chromiumAvailable) browser = await launchChromium();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** Tab until the element with this id (or a button, or a details' summary, with this text) has focus. */
const tabTo = (page: Page, target: { id?: string; text?: string; tag?: 'button' | 'summary' }) =>
  tabUntil(
    page,
    (f) =>
      target.id !== undefined ? f.id === target.id : f.tag === (target.tag ?? 'button') && f.text === target.text,
    target.id ?? `the "${target.text}" ${target.tag ?? 'button'}`,
  );

/** Presses Enter on the focused button and waits for the page the form leads to. */
async function submit(page: Page, button: string) {
  await tabTo(page, { text: button });
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  await expectAccessible(page);
}

async function signedIn(email: string, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(`${base}/sign-in?next=${encodeURIComponent(path)}`);
  await tabTo(page, { id: 'email' });
  await page.keyboard.type(email);
  await tabTo(page, { id: 'password' });
  await page.keyboard.type(TEST_PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname === path), page.keyboard.press('Enter')]);
  await expectAccessible(page);
  return page;
}

/** On a lineage page: a link from this node ('to') or to it ('from'), giving the other end's kind and reference. */
async function link(page: Page, direction: 'to' | 'from', kind: string, ref: string) {
  await tabTo(page, { id: 'direction' });
  if (direction === 'from') await page.keyboard.press('ArrowDown');
  await tabTo(page, { id: 'kind' });
  await page.keyboard.type(kind);
  expect(await page.locator('#kind option:checked').textContent()).toBe(kind);
  await tabTo(page, { id: 'ref' });
  await page.keyboard.type(ref);
  await submit(page, 'Add the link');
  expect(await page.locator('.govuk-error-summary').count()).toBe(0);
}

async function assign(page: Page, itemId: number, person: string, agency: string, due: [string, string, string]) {
  await page.goto(`${base}/plans/${ids.plan}/items/${itemId}`);
  await expectAccessible(page);
  await tabTo(page, { id: 'person' });
  await page.keyboard.type(person);
  await tabTo(page, { id: 'agency' });
  await page.keyboard.type(agency);
  for (const [i, part] of ['dueOn-day', 'dueOn-month', 'dueOn-year'].entries()) {
    await tabTo(page, { id: part });
    await page.keyboard.type(due[i]!);
  }
  await submit(page, 'Save owner and due date');
}

describe.skipIf(!chromiumAvailable)('from an SNA figure to a board decision, by keyboard, in a real browser', () => {
  it('the analyst links the figure to the recommendation and the recommendation to two actions', async () => {
    const page = await signedIn('analyst@council.test', `/lineage/plan-item/${ids.recommendation}`);
    await link(page, 'from', 'finding', FINDING());
    await link(page, 'to', 'plan item', String(ids.actionA));
    await link(page, 'to', 'plan item', String(ids.actionB));
  }, 300_000);

  it('the partnership manager gives each action an owner and a due date', async () => {
    const page = await signedIn('manager@council.test', '/plans');
    await assign(page, ids.actionA, 'owner@police.test', 'Police', ['30', '9', '2025']);
    await assign(page, ids.actionB, 'analyst@council.test', 'Local authority', ['31', '10', '2025']);
    const owners = await h.services.db
      .selectFrom('plan_item')
      .select(['number', 'owner_person', 'owner_agency', 'due_on'])
      .where('id', 'in', [ids.actionA, ids.actionB])
      .orderBy('number')
      .execute();
    expect(owners).toEqual([
      { number: '3.1', owner_person: 'owner@police.test', owner_agency: 'police', due_on: '2025-09-30' },
      { number: '3.2', owner_person: 'analyst@council.test', owner_agency: 'local_authority', due_on: '2025-10-31' },
    ]);
  }, 300_000);

  it('one action is meant to move an indicator, which the board meeting discusses', async () => {
    const page = await signedIn('analyst@council.test', `/lineage/plan-item/${ids.actionA}`);
    await link(page, 'to', 'indicator', 'knife-crime-with-injury');
    await page.goto(`${base}/lineage/indicator/knife-crime-with-injury`);
    await expectAccessible(page);
    await link(page, 'to', 'meeting', String(ids.meeting));
  }, 300_000);

  it('the chair records the decision to escalate the other action, and it is linked', async () => {
    const chair = await signedIn('manager@council.test', `/meetings/${ids.meeting}`);
    // The form is folded in a details element: Enter on its summary opens it.
    await tabTo(chair, { tag: 'summary', text: 'Record a decision' });
    await chair.keyboard.press('Enter');
    await tabTo(chair, { id: 'decision-text' });
    await chair.keyboard.type('SYNTHETIC: escalate action 3.2 (youth outreach) to the CSP Board.');
    await submit(chair, 'Record the decision');
    const decision = await h.services.db
      .selectFrom('decision')
      .select(['id', 'number', 'text'])
      .where('meeting_id', '=', ids.meeting)
      .executeTakeFirstOrThrow();
    expect(decision.text).toBe('SYNTHETIC: escalate action 3.2 (youth outreach) to the CSP Board.');
    ids.decision = decision.id;
    const page = await signedIn('analyst@council.test', `/lineage/meeting/${ids.meeting}`);
    await link(page, 'to', 'decision', String(ids.decision));
    await page.goto(`${base}/lineage/decision/${ids.decision}`);
    await expectAccessible(page);
    await link(page, 'to', 'plan item', String(ids.actionB));
  }, 300_000);

  it("the recommendation's lineage page shows the whole thread, both ways", async () => {
    const page = await signedIn('owner@police.test', `/lineage/plan-item/${ids.recommendation}`);
    const main = ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
    // What prompted it: the published figure, upstream; everything else downstream.
    const prompted = main.indexOf('What prompted it');
    const cameOf = main.indexOf('What came of it');
    expect(prompted).toBeGreaterThan(-1);
    expect(main.indexOf('SYNTHETIC Strategic Needs Assessment, Figure 1: Robbery by month')).toBeGreaterThan(prompted);
    expect(main.indexOf('SYNTHETIC Strategic Needs Assessment, Figure 1: Robbery by month')).toBeLessThan(cameOf);
    // What came of it: both actions, the indicator, the meeting, the decision.
    for (const words of [
      'SYNTHETIC: patrol plan.',
      'SYNTHETIC: youth outreach.',
      'Knife crime with injury',
      'SYNTHETIC CSP Board',
      'SYNTHETIC: escalate action 3.2 (youth outreach) to the CSP Board.',
    ])
      expect(main.indexOf(words)).toBeGreaterThan(cameOf);
    // The links in the database: seven, made through the pages, each audited.
    const links = await h.services.db.selectFrom('lineage_link').select(['from_kind', 'to_kind']).execute();
    expect(links.map((l) => `${l.from_kind}>${l.to_kind}`).sort()).toEqual(
      [
        'decision>plan-item',
        'finding>plan-item',
        'indicator>meeting',
        'meeting>decision',
        'plan-item>indicator',
        'plan-item>plan-item',
        'plan-item>plan-item',
      ].sort(),
    );
    const audited = await h.services.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'lineage.link.add')
      .executeTakeFirstOrThrow();
    expect(Number(audited.n)).toBe(7);
  }, 300_000);
});
