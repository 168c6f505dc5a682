import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf } from '../../../auth/users.ts';
import { getReturn, listReturns } from '../../../performance/returns/returnQueries.ts';
import { acceptReturn, openQuarter, saveReturn } from '../../../performance/returns/returnStore.ts';
import { currentIndicators } from '../../../performance/store/indicatorStore.ts';
import { type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';

/*
 * A value far outside an indicator's history: the form asks the agency to confirm it with a note (a checkbox and
 * a note field appear), keeps what was typed, and saves once both are given. Four earlier years of police returns
 * are accepted through the store first, so the SPC limits exist (test accounts, made-up values).
 */
let h: Harness;
let owner: Browser;
let returnId = 0;
let form: Record<string, string> = {};

beforeAll(async () => {
  h = await createHarness();
  const db = h.services.db;
  const manager = actorOf(await h.addUser('manager@council.test', 'local_authority', 'partnership_manager'));
  const analyst = actorOf(await h.addUser('analyst@council.test', 'local_authority', 'analyst'));
  const police = actorOf(await h.addUser('owner@police.test', 'police', 'data_owner'));
  await h.services.indicatorSet();
  const indicators = (await currentIndicators(db)).map((s) => s.indicator);
  const history = [100, 110, 95, 105];
  for (const [n, asb] of history.entries()) {
    const year = 2011 + n;
    const quarter = `${year}/${String((year + 1) % 100).padStart(2, '0')} Q2`;
    await openQuarter(db, manager, { quarter, dueOn: `${year}-10-31`, indicators });
    const id = (await listReturns(db, { quarter, agencies: ['police'] }))[0]?.id as number;
    const asks = (await getReturn(db, id)).asks;
    const entries = Object.fromEntries(
      asks.map((i) => [
        i.id,
        {
          value: i.id === 'asb-calls' ? String(asb) : i.unit.kind === 'percentage' ? '50' : '100',
          commentary: 'As expected', // a worsening year needs one
        },
      ]),
    );
    // A refused setup names its problems, not just "the return has problems".
    await saveReturn(db, police, id, { entries, submit: true }).catch((e: { problems?: unknown }) => {
      throw new Error(JSON.stringify(e.problems));
    });
    await acceptReturn(db, analyst, id);
  }
  await openQuarter(db, manager, { quarter: '2015/16 Q2', dueOn: '2015-10-31', indicators });
  returnId = (await listReturns(db, { quarter: '2015/16 Q2', agencies: ['police'] }))[0]?.id as number;
  for (const i of (await getReturn(db, returnId)).asks)
    form[`${i.id}-value`] = i.id === 'asb-calls' ? '500' : i.unit.kind === 'percentage' ? '50' : '100';
  form = { ...form, 'asb-calls-commentary': 'A new CAD category was counted' };
  owner = await h.signIn('owner@police.test');
}, 300_000);
afterAll(async () => h?.close());

describe('an unusual value', () => {
  it('asks for a confirmation and a note, keeping the typed values, and saves once both are given', async () => {
    const url = `/performance/returns/${returnId}`;
    expect((await owner.get(url)).body).not.toContain('asb-calls-confirmOutlier');
    const asked = await owner.post(url, { ...form, action: 'save' });
    expect(asked.statusCode).toBe(400);
    expect(asked.body).toContain('href="#asb-calls-value"');
    expect(asked.body).toContain('is far outside this indicator');
    expect(asked.body).toContain('name="asb-calls-confirmOutlier" type="checkbox" value="yes"');
    expect(asked.body).toContain('id="asb-calls-outlierNote"');
    expect(asked.body).toContain('A new CAD category was counted');
    expect((await getReturn(h.services.db, returnId)).history).toEqual([]);
    const noNote = await owner.post(url, { ...form, 'asb-calls-confirmOutlier': 'yes', action: 'save' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.body).toMatch(/name="asb-calls-confirmOutlier" type="checkbox" value="yes" checked/);
    const saved = await owner.post(url, {
      ...form,
      'asb-calls-confirmOutlier': 'yes',
      'asb-calls-outlierNote': 'Checked against the CAD system: the new category adds about 400 calls',
      action: 'save',
    });
    expect(saved.statusCode).toBe(303);
    const ret = await getReturn(h.services.db, returnId);
    expect(ret.current.get('asb-calls')).toMatchObject({
      value: 500,
      outlierNote: expect.stringContaining('CAD system'),
    });
    expect((await owner.get(url)).body).toContain('Checked against the CAD system');
  });
});
