import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPlan } from '../../../delivery/import/importPlan.ts';
import { CLI_ACTOR, SEED_001, seedText } from '../../../delivery/testing/deliveryCounts.ts';
import { type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';

/*
 * Seed 001 (Tower Hamlets' 2023 VRU return) imported and read through the plans pages: the list counts its
 * 98 actions (52 core, 42 optional, 4 emerging themes; docs/delivery.md), all not started, and an optional
 * action whose new wording changes one word (seed line 108: "restorative justice" became "restorative
 * practice") shows that word removed and the new one added.
 */
let h: Harness;
let viewer: Browser;
let planId = 0;

beforeAll(async () => {
  h = await createHarness();
  const result = await importPlan(h.services.db, CLI_ACTOR, {
    fileName: 'seed-001.txt',
    bytes: new TextEncoder().encode(seedText(SEED_001)),
    kind: 'vru-return',
    onDate: '2023-12-01',
  });
  planId = result.planId;
  await h.addUser('viewer@council.test', 'local_authority', 'viewer');
  viewer = await h.signIn('viewer@council.test');
}, 300_000);
afterAll(async () => h?.close());

describe('seed 001 through the plans pages', () => {
  it('lists the return and shows every theme, and a reworded action with its difference', async () => {
    const list = await viewer.get('/plans');
    expect(list.body).toContain('98 not started');
    const plan = await viewer.get(`/plans/${planId}`);
    expect(plan.statusCode).toBe(200);
    expect(plan.body).toContain('3. REDUCING ACCESS TO WEAPONS');
    const { id } = await h.services.db
      .selectFrom('plan_item_wording')
      .select('item_id as id')
      .where('wording', '=', 'Adoption of a restorative practice approach')
      .executeTakeFirstOrThrow();
    expect(plan.body).toContain(`href="/plans/${planId}/items/${id}">6</a>`);
    const item = await viewer.get(`/plans/${planId}/items/${id}`);
    expect(item.body).toContain(
      'Adoption of a restorative <del><span class="govuk-visually-hidden">removed: </span>justice</del> ' +
        '<ins><span class="govuk-visually-hidden">added: </span>practice</ins> approach',
    );
  });
});
