import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReturn, listReturns } from '../../../performance/returns/returnQueries.ts';
import { indicatorVersions } from '../../../performance/store/indicatorStore.ts';
import { auditEntries, type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';

/*
 * The Performance pages over a small migrated database with the starter indicators synced (no imported data, so
 * computed indicators say why they have no value). Each refusal is checked for its status and that nothing changed.
 */
let h: Harness;
const as = {} as Record<'manager' | 'analyst' | 'owner' | 'viewer' | 'health' | 'admin', Browser>;
const QUARTER = '2015/16 Q2';
let policeId = 0;
let asks: { id: string; percentage: boolean }[] = [];

beforeAll(async () => {
  h = await createHarness();
  const people = [
    ['manager', 'manager@council.test', 'local_authority', 'partnership_manager'],
    ['analyst', 'analyst@council.test', 'local_authority', 'analyst'],
    ['owner', 'owner@police.test', 'police', 'data_owner'],
    ['viewer', 'viewer@police.test', 'police', 'viewer'],
    ['health', 'analyst@health.test', 'health', 'analyst'],
    ['admin', 'admin@council.test', 'local_authority', 'administrator'],
  ] as const;
  for (const [key, email, agency, role] of people) {
    await h.addUser(email, agency, role);
    as[key] = await h.signIn(email);
  }
}, 300_000);
afterAll(async () => h?.close());

const db = () => h.services.db;
const form = (values: Record<string, string>, extra: Record<string, string> = {}) => {
  const out: Record<string, string> = { ...extra };
  for (const a of asks) out[`${a.id}-value`] = values[a.id] ?? (a.percentage ? '50' : '100');
  return out;
};

describe('opening a quarter', () => {
  it('offers the form to managers only, keeps what was typed on an error, and opens one return per agency', async () => {
    const page = await as.manager.get('/performance/returns');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/class="govuk-service-navigation__link" href="\/performance"/);
    expect(page.body).toContain('Open a quarter');
    expect((await as.analyst.get('/performance/returns')).body).not.toContain('Open a quarter');
    expect(
      (await as.analyst.post('/performance/returns/open', { quarter: QUARTER, dueOn: '2015-10-31' })).statusCode,
    ).toBe(403);
    const bad = await as.manager.post('/performance/returns/open', { quarter: QUARTER, dueOn: '2015-09-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#dueOn"');
    expect(bad.body).toContain('value="2015-09-01"');
    expect(await listReturns(db())).toEqual([]);
    const ok = await as.manager.post('/performance/returns/open', { quarter: QUARTER, dueOn: '2015-10-31' });
    expect(ok.statusCode).toBe(303);
    const police = (await listReturns(db(), { agencies: ['police'] }))[0];
    policeId = police?.id ?? 0;
    asks = (await getReturn(db(), policeId)).asks.map((i) => ({ id: i.id, percentage: i.unit.kind === 'percentage' }));
    const overview = await as.analyst.get(`/performance/returns?quarter=${encodeURIComponent(QUARTER)}`);
    expect(overview.body).toContain('Late');
    expect(overview.body).toContain(`0 of ${asks.length}`);
  });
});

describe('who sees and fills in a return', () => {
  it('an agency sees only its own returns; other agencies and administrators get 403', async () => {
    const mine = await as.owner.get('/performance/returns');
    expect(mine.body).toContain(`/performance/returns/${policeId}`);
    expect(mine.body.match(/href="\/performance\/returns\/\d+"/g)).toHaveLength(1);
    expect((await as.owner.get(`/performance/returns/${policeId}`)).body).toContain('Submit for checking');
    expect((await as.health.get(`/performance/returns/${policeId}`)).statusCode).toBe(403);
    expect((await as.admin.get(`/performance/returns/${policeId}`)).statusCode).toBe(403);
    expect((await as.admin.get('/performance')).statusCode).toBe(403);
    await as.health.get('/performance/returns');
    expect((await as.health.post(`/performance/returns/${policeId}`, form({}))).statusCode).toBe(403);
  });

  it('a viewer of the agency reads it without a form and cannot submit', async () => {
    const page = await as.viewer.get(`/performance/returns/${policeId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Submit for checking');
    const posted = await as.viewer.post(`/performance/returns/${policeId}`, form({}, { action: 'submit' }));
    expect(posted.statusCode).toBe(403);
    expect((await getReturn(db(), policeId)).history).toEqual([]);
  });

  it('an invalid value saves nothing and the page keeps every typed value with the error beside its field', async () => {
    await as.owner.get(`/performance/returns/${policeId}`);
    const res = await as.owner.post(
      `/performance/returns/${policeId}`,
      form({ 'asb-calls': 'lots' }, { action: 'submit' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('There is a problem');
    expect(res.body).toContain('href="#asb-calls-value"');
    expect(res.body).toContain('Enter the value as a number, like 1,234');
    expect(res.body).toMatch(/id="asb-calls-value" name="asb-calls-value" type="text"[^>]* value="lots"/);
    expect(res.body).toContain('govuk-input--error');
    const ret = await getReturn(db(), policeId);
    expect([ret.status, ret.history.length]).toEqual(['open', 0]);
  });
});

describe('checking and correcting', () => {
  it('submits, is sent back with a reason, corrected with a reason (history kept) and accepted', async () => {
    await as.owner.get(`/performance/returns/${policeId}`);
    expect((await as.owner.post(`/performance/returns/${policeId}`, form({}, { action: 'submit' }))).statusCode).toBe(
      303,
    );
    const toCheck = await as.analyst.get(`/performance/returns/${policeId}`);
    expect(toCheck.body).toContain('Send back');
    expect(
      (await as.analyst.post(`/performance/returns/${policeId}/send-back`, { sendBackReason: ' ' })).statusCode,
    ).toBe(400);
    const sent = await as.analyst.post(`/performance/returns/${policeId}/send-back`, {
      sendBackReason: 'ASB calls look low',
    });
    expect(sent.statusCode).toBe(303);
    const back = await as.owner.get(`/performance/returns/${policeId}`);
    expect(back.body).toContain('Sent back for correction');
    expect(back.body).toContain('ASB calls look low');
    const noReason = await as.owner.post(
      `/performance/returns/${policeId}`,
      form({ 'asb-calls': '130' }, { action: 'submit' }),
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#reason"');
    expect(noReason.body).toContain('value="130"');
    const fixed = await as.owner.post(
      `/performance/returns/${policeId}`,
      form({ 'asb-calls': '130' }, { action: 'submit', reason: 'Final CAD extract' }),
    );
    expect(fixed.statusCode).toBe(303);
    // The scorecard is cached per returns version: this page, seen before the acceptance, must not be served after
    // it (the next test asks for the same address and expects the accepted 130).
    const before = await as.viewer.get(`/performance?quarter=${encodeURIComponent(QUARTER)}&leadAgency=police`);
    expect(before.body).toContain('href="/performance/indicators/asb-calls"');
    expect(before.body).not.toContain('>130<');
    await as.analyst.get(`/performance/returns/${policeId}`);
    expect((await as.analyst.post(`/performance/returns/${policeId}/accept`)).statusCode).toBe(303);
    const done = await as.viewer.get(`/performance/returns/${policeId}`);
    expect(done.body).toContain('Accepted');
    expect(done.body).toMatch(/100 changed to 130 by owner@police.test .*Final CAD extract/s);
    expect((await auditEntries(h, 'return.accept')).length).toBe(1);
  });
});

describe('scorecard and indicators', () => {
  it('renders by theme with filters, and shows the accepted value', async () => {
    const res = await as.viewer.get(`/performance?quarter=${encodeURIComponent(QUARTER)}&leadAgency=police`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`Scorecard, ${QUARTER}`);
    expect(res.body).toContain('href="/performance/indicators/asb-calls"');
    expect(res.body).not.toContain('href="/performance/indicators/first-time-entrants"');
    expect(res.body).toContain('>130<');
    expect(res.body).toContain('Exceptions:');
    const red = await as.viewer.get(`/performance?quarter=${encodeURIComponent(QUARTER)}&rag=red`);
    expect(red.body).toContain('No indicator matches these filters.');
    expect(res.body).not.toContain('Late returns');
    expect((await as.manager.get(`/performance?quarter=${encodeURIComponent(QUARTER)}`)).body).toContain(
      'Late returns',
    );
  });

  it('the pack downloads for readers who may export, audited; not for viewers; a bad quarter is refused', async () => {
    const q = encodeURIComponent(QUARTER);
    expect((await as.viewer.get(`/performance?quarter=${q}`)).body).not.toContain('/performance/pack.pdf');
    expect((await as.viewer.get(`/performance/pack.xlsx?quarter=${q}`)).statusCode).toBe(403);
    expect((await as.analyst.get(`/performance?quarter=${q}`)).body).toContain(`/performance/pack.pdf?quarter=${q}`);
    expect((await as.analyst.get('/performance/pack.xlsx?quarter=2015%2F16%20Q9')).statusCode).toBe(400);
    const before = (await auditEntries(h, 'export')).length;
    const file = await as.analyst.get(`/performance/pack.html?quarter=${q}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toBe(
      'attachment; filename="performance-pack-tower-hamlets-2015-16-q2-internal.html"',
    );
    // The accepted (corrected) value and the exception it makes, as on the scorecard.
    expect(file.body).toContain('Summary of exceptions');
    expect(file.body).toContain('130');
    const audit = await auditEntries(h, 'export');
    expect(audit.length).toBe(before + 1);
    expect(audit.at(-1)).toMatchObject({
      subject_type: 'performance-pack',
      subject_id: QUARTER,
      actor_email: 'analyst@council.test',
    });
  });

  it('an indicator page shows its definition and values; only a manager edits, with errors per field', async () => {
    const page = await as.analyst.get('/performance/indicators/asb-calls');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Final CAD extract');
    expect(page.body).not.toContain('Edit indicator');
    expect((await as.analyst.get('/performance/indicators/asb-calls/edit')).statusCode).toBe(403);
    expect((await as.analyst.get('/performance/indicators/no-such')).statusCode).toBe(404);
    const edit = await as.manager.get('/performance/indicators/asb-calls/edit');
    expect(edit.statusCode).toBe(200);
    const values = Object.fromEntries(
      [...edit.body.matchAll(/id="([A-Za-z]+)" name="\1" type="text"(?: [a-z-]+="[^"]*")* value="([^"]*)"/g)].map(
        (m) => [m[1] as string, m[2] as string],
      ),
    );
    const base = {
      ...values,
      theme: 'anti-social-behaviour',
      leadAgency: 'police',
      polarity: 'lower-is-better',
      targetKind: 'none',
    };
    const bad = await as.manager.post('/performance/indicators/asb-calls/edit', {
      ...base,
      baseline: 'someday',
      reason: '',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#baseline"');
    expect(bad.body).toContain('href="#reason"');
    const ok = await as.manager.post('/performance/indicators/asb-calls/edit', {
      ...base,
      name: 'ASB calls to police',
      reason: 'Board renamed it',
    });
    expect(ok.statusCode).toBe(303);
    const after = await as.analyst.get('/performance/indicators/asb-calls');
    expect(after.body).toContain('ASB calls to police');
    expect(after.body).toContain('Board renamed it');
  });

  it('an indicator counted from one panel is refused an unknown panel id, naming the field, saving nothing', async () => {
    const id = 'repeat-marac-referral-rate';
    const edit = await as.manager.get(`/performance/indicators/${id}/edit`);
    expect(edit.body).toMatch(/id="panel" name="panel" type="text"[^>]* value="marac"/);
    const values = Object.fromEntries(
      [...edit.body.matchAll(/id="([A-Za-z]+)" name="\1" type="text"(?: [a-z-]+="[^"]*")* value="([^"]*)"/g)].map(
        (m) => [m[1] as string, m[2] as string],
      ),
    );
    const base = { ...values, theme: 'serious-violence', leadAgency: 'police', polarity: 'lower-is-better' };
    const versions = async () => (await indicatorVersions(db(), id)).map((v) => v.indicator.source);
    const before = await versions();
    for (const [panel, message] of [
      ['no-such-panel', 'No panel &quot;no-such-panel&quot; in panels/'],
      ['MARAC!', 'Lower-case letters, digits and single hyphens'],
    ] as const) {
      const bad = await as.manager.post(`/performance/indicators/${id}/edit`, {
        ...base,
        targetKind: 'none',
        panel,
        reason: 'SYNTHETIC: a panel that is not there',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain(`<a href="#panel">${message}</a>`);
      expect(bad.body).toMatch(new RegExp(`id="panel-error"[^>]*>\\s*<span[^>]*>Error:</span> ${message}`));
    }
    expect(await versions()).toEqual(before);
    const ok = await as.manager.post(`/performance/indicators/${id}/edit`, {
      ...base,
      targetKind: 'none',
      panel: 'mace',
      reason: 'SYNTHETIC: counted at MACE now',
    });
    expect(ok.statusCode).toBe(303);
    const after = await versions();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ kind: 'computed', panel: { measure: 'repeat-referral-rate', panel: 'mace' } });
  });
});
