import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../../auth/users.ts';
import { activeLinks } from '../../../lineage/activeLinks.ts';
import { lineageHref } from '../../../lineage/kinds.ts';
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
import { auditEntries, type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';

/*
 * The lineage pages over the real app: the thread shown both ways, the forms offered to analysts and partnership
 * managers only, a viewer refused (403) with nothing written, errors said on the page, the gaps view.
 */

let h: Harness;
const as = {} as Record<'analyst' | 'manager' | 'viewer' | 'owner' | 'admin', Browser>;
let finding: string;
let rec: number;
let a1: number;
let a2: number;
let meeting: number;
let decision: number;

beforeAll(async () => {
  h = await createHarness();
  const db = h.services.db;
  const people = [
    ['analyst', 'analyst@council.test', 'local_authority', 'analyst'],
    ['manager', 'manager@council.test', 'local_authority', 'partnership_manager'],
    ['viewer', 'viewer@police.test', 'police', 'viewer'],
    ['owner', 'owner@police.test', 'police', 'data_owner'],
    ['admin', 'admin@council.test', 'local_authority', 'administrator'],
  ] as const;
  for (const [key, email, agency, role] of people) {
    await h.addUser(email, agency, role);
    as[key] = await h.signIn(email);
  }
  const analyst = actorOf(await h.addUser('seed@council.test', 'local_authority', 'analyst'));
  finding = `${await insertPublishedReport(db, analyst)}/1#robbery-trend`;
  const plan = await insertPlan(db, 'SYNTHETIC plan', 'Violence');
  rec = await insertItem(db, plan, { kind: 'recommendation', number: '1', wording: 'Tackle robbery' });
  a1 = await insertItem(db, plan, {
    kind: 'action',
    number: '2',
    wording: 'Patrol hot spots',
    ownerPerson: 'Inspector',
  });
  a2 = await insertItem(db, plan, { kind: 'action', number: '3', wording: 'Youth outreach' });
  await insertIndicators(db, ['ind-lineage']);
  meeting = await insertMeeting(db, await insertBoard(db, 'SYNTHETIC Safer Board'), '2025-01-15T10:00:00Z');
  decision = await insertDecision(db, meeting, '1', 'Escalate robbery');
  const link = (from: [string, string | number], to: [string, string | number]) =>
    addLink(db, analyst, {
      from: { kind: from[0] as 'finding', ref: String(from[1]) },
      to: { kind: to[0] as 'finding', ref: String(to[1]) },
    });
  await link(['finding', finding], ['plan-item', rec]);
  await link(['plan-item', rec], ['plan-item', a1]);
  await link(['plan-item', a1], ['indicator', 'ind-lineage']);
  await link(['indicator', 'ind-lineage'], ['meeting', meeting]);
  await link(['meeting', meeting], ['decision', decision]);
}, 300_000);
afterAll(async () => h?.close());

const page = (kind: 'plan-item' | 'finding' | 'decision', ref: string | number) => lineageHref(kind, ref);

describe('the lineage page', () => {
  it('shows the thread both ways to a viewer, with the indicator movement and no forms', async () => {
    const res = await as.viewer.get(page('plan-item', rec));
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain(
      '<h1 class="govuk-heading-l">SYNTHETIC plan, Violence, recommendation 1: Tackle robbery</h1>',
    );
    const prompted = body.slice(body.indexOf('id="prompted"'), body.indexOf('id="came-of-it"'));
    expect(prompted).toContain('SYNTHETIC SNA, Figure 1: Robbery by month, Tower Hamlets');
    const cameOf = body.slice(body.indexOf('id="came-of-it"'), body.indexOf('id="movement"'));
    for (const text of [
      'SYNTHETIC plan, Violence, action 2: Patrol hot spots',
      'SYNTHETIC ind-lineage',
      'SYNTHETIC Safer Board, 15 January 2025',
      'SYNTHETIC Safer Board, 15 January 2025, decision 1: Escalate robbery',
      'Meetings that discussed it',
      'Decisions taken',
    ])
      expect(cameOf).toContain(text);
    expect(cameOf).not.toContain('Youth outreach');
    const movement = body.slice(body.indexOf('id="movement"'), body.indexOf('id="links"'));
    expect(movement).toContain('/performance/indicators/ind-lineage');
    // The copied starter indicator is computed and nothing is imported: the engine, through the release layer, says so.
    expect(movement).toMatch(/<td class="govuk-table__cell">[^<]*: no value \([^)]+\)<\/td>/);
    expect(body).not.toContain('Add a link');
    expect(body).not.toContain('/remove"');
  });

  it('opens a finding by its encoded ref, and says 404 for what is not a node', async () => {
    const res = await as.viewer.get(page('finding', finding));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="${page('plan-item', rec)}"`);
    expect((await as.viewer.get('/lineage/widget/1')).statusCode).toBe(404);
    expect((await as.viewer.get('/lineage/plan-item/99999')).statusCode).toBe(404);
    expect((await as.viewer.get('/lineage/plan-item/abc')).statusCode).toBe(404);
  });

  it('refuses administrators the pages, and viewers and data owners the forms (403, nothing written)', async () => {
    expect((await as.admin.get(page('plan-item', rec))).statusCode).toBe(403);
    expect((await as.admin.get('/lineage/gaps')).statusCode).toBe(403);
    const before = (await activeLinks(h.services.db)).length;
    for (const who of [as.viewer, as.owner]) {
      await who.get(page('plan-item', rec));
      const res = await who.post(`${page('plan-item', rec)}/links`, { direction: 'to', choice: `plan-item:${a2}` });
      expect(res.statusCode).toBe(403);
      expect((await who.post(`${page('plan-item', rec)}/links/1/remove`, { reason: 'x' })).statusCode).toBe(403);
    }
    expect((await activeLinks(h.services.db)).length).toBe(before);
  });

  it('lets an analyst add a link from the list, audited; errors are said on the page', async () => {
    const form = await as.analyst.get(page('plan-item', rec));
    expect(form.body).toContain('Add a link');
    expect(form.body).toContain(`<option value="plan-item:${a2}">`);
    const ok = await as.analyst.post(`${page('plan-item', rec)}/links`, {
      direction: 'to',
      choice: `plan-item:${a2}`,
      note: 'SYNTHETIC',
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`${page('plan-item', rec)}#links`);
    const added = (await activeLinks(h.services.db)).at(-1);
    expect(added && [added.from, added.to, added.note, added.createdBy]).toEqual([
      { kind: 'plan-item', ref: String(rec) },
      { kind: 'plan-item', ref: String(a2) },
      'SYNTHETIC',
      'analyst@council.test',
    ]);
    expect((await auditEntries(h, 'lineage.link.add')).at(-1)?.subject_id).toBe(String(added?.id));

    await as.analyst.get(page('decision', decision));
    const cycle = await as.analyst.post(`${page('decision', decision)}/links`, {
      direction: 'to',
      kind: 'plan-item',
      ref: String(rec),
    });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.body).toContain('There is a problem');
    expect(cycle.body).toContain(
      `Decision ${decision} → plan item ${rec} → plan item ${a1} → indicator ind-lineage → meeting ${meeting} → decision ${decision} would be a cycle`,
    );
    expect(cycle.body).toContain('href="#ref"');
    const badRef = await as.analyst.post(`${page('decision', decision)}/links`, {
      direction: 'from',
      kind: 'finding',
      ref: 'fig 3',
    });
    expect(badRef.statusCode).toBe(400);
    expect(badRef.body).toContain('value="fig 3"');
  });

  it('lets a partnership manager remove a link with a reason, not without', async () => {
    const link = (await activeLinks(h.services.db)).at(-1);
    await as.manager.get(page('plan-item', rec));
    const url = `${page('plan-item', rec)}/links/${link?.id}/remove`;
    const empty = await as.manager.post(url, { reason: ' ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain(`href="#reason-${link?.id}"`);
    expect(empty.body).toContain('Give the reason for removing the link');
    const ok = await as.manager.post(url, { reason: 'SYNTHETIC: not this action' });
    expect(ok.statusCode).toBe(303);
    expect((await activeLinks(h.services.db)).some((l) => l.id === link?.id)).toBe(false);
    expect((await auditEntries(h, 'lineage.link.remove')).length).toBe(1);
  });
});

describe('the gaps page', () => {
  it('lists the recommendation-less actions, the unowned action and the indicators without an action', async () => {
    const res = await as.viewer.get('/lineage/gaps');
    expect(res.statusCode).toBe(200);
    const actions = res.body.slice(res.body.indexOf('id="actions"'), res.body.indexOf('id="indicators"'));
    expect(actions).toContain('Youth outreach');
    expect(actions).toContain('no owner');
    expect(actions).not.toContain('Patrol hot spots');
    const recs = res.body.slice(res.body.indexOf('id="recommendations"'), res.body.indexOf('id="actions"'));
    expect(recs).toContain('(0)');
    const indicators = res.body.slice(res.body.indexOf('id="indicators"'));
    expect(indicators).not.toContain('SYNTHETIC ind-lineage');
    expect(indicators).toContain('/lineage/indicator/asb-calls');
  });
});
