import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../../auth/users.ts';
import type { Actor } from '../../../auth/policy.ts';
import { importPlan } from '../../../delivery/import/importPlan.ts';
import { reviewDoubtfulMatch } from '../../../delivery/importReview.ts';
import { PlanChangeError, PlanRefusedError } from '../../../delivery/planStore.ts';
import { CLI_ACTOR, rowCounts } from '../../../delivery/testing/deliveryCounts.ts';
import { auditEntries, type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';

/*
 * Reviewing an import's doubtful matches. Round 2 of a SYNTHETIC recommendations list rewords 1 and 3 beyond
 * recognition (no word of three letters or more in common) and 2 only a little, so 1 and 3 are doubtful and 2 is
 * not. A manager splits 1 (a new item with the new words; the old one gets its first words back as version 3)
 * and confirms 3 (nothing in the plan changes); each decision is one review row and one audit entry.
 */
const ROUND_1 =
  'Recommendations\n\nGovernance\n1. Introduce a Serious Violence Board.\n2. Share data between partners monthly.\n3. Hold community events.\n';
const ROUND_2 =
  'Recommendations\n\nGovernance\n1. Commission knife crime education in schools.\n2. Share data between partners monthly and quarterly.\n3. Install lighting in parks.\n';

let h: Harness;
let manager: Actor;
let analyst: Actor;
let planId = 0;
let importId = 0;
const item = {} as Record<'one' | 'two' | 'three', number>;
const as = {} as Record<'manager' | 'viewer', Browser>;
const db = () => h.services.db;
const reviews = async () =>
  Number(
    (
      await db()
        .selectFrom('plan_import_review')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const latestWording = async (id: number) =>
  db()
    .selectFrom('plan_item_wording')
    .select(['version', 'wording', 'old_wording'])
    .where('item_id', '=', id)
    .orderBy('version', 'desc')
    .executeTakeFirstOrThrow();

beforeAll(async () => {
  h = await createHarness();
  manager = actorOf(await h.addUser('manager@council.test', 'local_authority', 'partnership_manager'));
  analyst = actorOf(await h.addUser('analyst@council.test', 'local_authority', 'analyst'));
  await h.addUser('viewer@council.test', 'local_authority', 'viewer');
  const bytes = (s: string) => new TextEncoder().encode(s);
  const first = await importPlan(db(), CLI_ACTOR, {
    fileName: 'round-1.txt',
    bytes: bytes(ROUND_1),
    kind: 'recommendations',
    onDate: '2024-01-01',
  });
  planId = first.planId;
  const second = await importPlan(db(), CLI_ACTOR, {
    fileName: 'round-2.txt',
    bytes: bytes(ROUND_2),
    kind: 'recommendations',
    planId,
    onDate: '2024-06-01',
  });
  importId = second.importId as number;
  for (const [key, number] of [
    ['one', '1'],
    ['two', '2'],
    ['three', '3'],
  ] as const)
    item[key] = (
      await db()
        .selectFrom('plan_item')
        .select('id')
        .where('plan_id', '=', planId)
        .where('number', '=', number)
        .executeTakeFirstOrThrow()
    ).id;
  expect(second.doubtful.map((d) => [d.itemId, d.number, d.similarity])).toEqual([
    [item.one, '1', 0],
    [item.three, '3', 0],
  ]);
  as.manager = await h.signIn('manager@council.test');
  as.viewer = await h.signIn('viewer@council.test');
}, 300_000);
afterAll(async () => h?.close());

describe('reviewing doubtful matches', () => {
  it('refuses anyone but a manager, an item that is not doubtful, and writes nothing', async () => {
    const before = { ...(await rowCounts(db())), reviews: await reviews() };
    await expect(reviewDoubtfulMatch(db(), analyst, importId, item.one, 'same')).rejects.toThrow(
      new PlanRefusedError("Only partnership managers can review an import's doubtful matches"),
    );
    await expect(reviewDoubtfulMatch(db(), manager, importId, item.two, 'same')).rejects.toThrow(
      new PlanChangeError(`item ${item.two} is not a doubtful match of import ${importId}`),
    );
    expect({ ...(await rowCounts(db())), reviews: await reviews() }).toEqual(before);
  });

  it('shows the import with old words beside new, a form per match for managers and none for viewers', async () => {
    const url = `/plans/${planId}/imports/${importId}`;
    const viewer = await as.viewer.get(url);
    expect(viewer.statusCode).toBe(200);
    expect(viewer.body).toContain('Commission knife crime education in schools.');
    expect(viewer.body).toContain('Introduce a Serious Violence Board.');
    expect(viewer.body).toContain('0% of words in common');
    expect(viewer.body).not.toContain(`${url}/doubtful/`);
    expect((await as.viewer.post(`${url}/doubtful/${item.one}`, { decision: 'same' })).statusCode).toBe(403);
    const page = await as.manager.get(url);
    expect(page.body).toContain(`action="${url}/doubtful/${item.one}"`);
    expect(page.body).toContain(`action="${url}/doubtful/${item.three}"`);
    const none = await as.manager.post(`${url}/doubtful/${item.one}`, {});
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain(
      `<a href="#decision-${item.one}">Choose whether it is the same action or a different one</a>`,
    );
    expect((await as.viewer.get(`/plans/${planId}`)).body).toContain(`href="${url}">Round 2: round-2.txt</a>`);
  });

  it('splits one match into a new item and confirms another, each audited', async () => {
    const before = { ...(await rowCounts(db())), reviews: await reviews() };
    const url = `/plans/${planId}/imports/${importId}`;
    expect((await as.manager.post(`${url}/doubtful/${item.one}`, { decision: 'split' })).statusCode).toBe(303);
    expect((await as.manager.post(`${url}/doubtful/${item.three}`, { decision: 'same' })).statusCode).toBe(303);
    expect({ ...(await rowCounts(db())), reviews: await reviews() }).toEqual({
      ...before,
      plan_item: before.plan_item + 1,
      plan_item_wording: before.plan_item_wording + 2,
      audit_log: before.audit_log + 2,
      plan_import_review: before.plan_import_review + 2,
      reviews: before.reviews + 2,
    });
    expect(await latestWording(item.one)).toEqual({
      version: 3,
      wording: 'Introduce a Serious Violence Board.',
      old_wording: 'Commission knife crime education in schools.',
    });
    expect(await latestWording(item.three)).toMatchObject({ version: 2, wording: 'Install lighting in parks.' });
    const split = await db()
      .selectFrom('plan_import_review')
      .select(['new_item_id'])
      .where('item_id', '=', item.one)
      .executeTakeFirstOrThrow();
    const made = await db()
      .selectFrom('plan_item')
      .select(['number', 'theme_id'])
      .where('id', '=', split.new_item_id as number)
      .executeTakeFirstOrThrow();
    expect(made.number).toBe('1');
    expect(await latestWording(split.new_item_id as number)).toEqual({
      version: 1,
      wording: 'Commission knife crime education in schools.',
      old_wording: null,
    });
    const audit = (await auditEntries(h, 'plan.import.review')).slice(-2);
    expect(audit.map((a) => [a.actor_email, a.subject_type, a.subject_id, JSON.parse(a.details).review])).toEqual([
      ['manager@council.test', 'plan_import', String(importId), 'split'],
      ['manager@council.test', 'plan_import', String(importId), 'same'],
    ]);
    const page = await as.viewer.get(url);
    expect(page.body).toContain(
      `a different action: it is now <a class="govuk-link" href="/plans/${planId}/items/${split.new_item_id}">a new item</a>`,
    );
    expect(page.body).toContain('that this is the same action.');
    const again = await as.manager.post(`${url}/doubtful/${item.three}`, { decision: 'split' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('This match was already reviewed by manager@council.test (&quot;same&quot;)');
  });

  it('shows the lines an import could not place, with their line numbers, escaped', async () => {
    const { id } = await db()
      .insertInto('plan_import')
      .values({
        plan_id: planId,
        kind: 'recommendations',
        round: 3,
        file_name: 'round-3.txt',
        sha256: 'a'.repeat(64),
        imported_by: 'cli:test',
        summary: '{}',
        unplaced: JSON.stringify([{ line: 7, text: 'Table 3: <b>stray</b>', reason: 'not a numbered recommendation' }]),
        doubtful: '[]',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const page = await as.viewer.get(`/plans/${planId}/imports/${id}`);
    expect(page.body).toMatch(
      />7<\/td><td class="govuk-table__cell">Table 3: &lt;b&gt;stray&lt;\/b&gt;<\/td><td class="govuk-table__cell">not a numbered recommendation</,
    );
    for (const table of ['plan_import', 'plan_import_review']) {
      await expect(sql`UPDATE ${sql.table(table)} SET id = id`.execute(db())).rejects.toThrow(
        /keeps its history: UPDATE refused/,
      );
      await expect(sql`DELETE FROM ${sql.table(table)}`.execute(db())).rejects.toThrow(
        /keeps its history: DELETE refused/,
      );
    }
  });
});
