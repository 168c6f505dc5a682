import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInPanelPeople } from '../../../panels/testing/signInPanelPeople.ts';
import { auditEntries, type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';

/*
 * The screening pages through the real app, as the SYNTHETIC school nurse (health, no panel) and the other
 * SYNTHETIC people of the panel fixture. The tool is screening-tools/exploitation-screening.json; scores below are
 * worked out by hand from its weights: carrying a weapon 5 (immediate flag), missing two or more times 4, older
 * associates 3.
 */

let h: Harness;
let as: Record<'nurse' | 'mashWorker' | 'macePolice' | 'admin', Browser>;
const URL_NEW = '/screening/new?tool=exploitation-screening';

const REQUIRED = [
  'unexplained-money',
  'older-associates',
  'missing-found-elsewhere',
  'drug-arrest-outside-borough',
  'school-exclusion',
  'older-partner',
  'gifts-or-lifts',
  'online-contact',
  'taken-to-addresses',
  'carrying-weapon',
  'victim-of-violence',
  'unexplained-injuries',
  'fear-of-others',
  'involved-in-violence',
];
/** The form as a browser posts it: every required question 'no' unless given, the facts about the person. */
const form = (answers: Record<string, string> = {}, over: Record<string, string> = {}): Record<string, string> => ({
  ...Object.fromEntries(REQUIRED.map((id) => [`answer-${id}`, 'no'])),
  'answer-missing-episodes': 'none',
  ...Object.fromEntries(Object.entries(answers).map(([k, v]) => [`answer-${k}`, v])),
  setting: 'health-community',
  ageBand: '14-15',
  sex: 'female',
  ...over,
});
const count = async (table: 'screening' | 'panel_fact') =>
  (await h.t.database.db.selectFrom(table).select('id').execute()).length;
const hiddenOf = (html: string) =>
  Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)]
      .filter((m) => m[1] !== '_csrf')
      .map((m) => [m[1]!, m[2]!]),
  );

beforeAll(async () => {
  h = await createHarness();
  ({ as } = await signInPanelPeople(h, ['nurse', 'mashWorker', 'macePolice', 'admin']));
}, 300_000);
afterAll(async () => h?.close());

describe('screening pages', () => {
  it('GET /screening: the tool to start, no screenings yet; administrators refused', async () => {
    const res = await as.nurse.get('/screening');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Exploitation and serious violence screening');
    expect(res.body).toContain(`href="${URL_NEW.replace('&', '&amp;')}"`);
    expect(res.body).toContain('Your agency has not completed a screening yet.');
    expect((await as.admin.get('/screening')).statusCode).toBe(403);
    expect((await as.admin.get(URL_NEW)).statusCode).toBe(403);
  });

  it('the form: 3 groups as fieldsets, 18 questions as radios, the marking; an unknown tool is not found', async () => {
    const res = await as.nurse.get(URL_NEW);
    expect(res.statusCode).toBe(200);
    for (const g of ['Child criminal exploitation', 'Child sexual exploitation', 'Serious violence risk'])
      expect(res.body).toMatch(new RegExp(`<legend class="govuk-fieldset__legend govuk-fieldset__legend--m">\\s*${g}`));
    expect(new Set([...res.body.matchAll(/name="answer-([a-z-]+)"/g)].map((m) => m[1])).size).toBe(18);
    expect(res.body).toContain('OFFICIAL-SENSITIVE');
    expect((await as.nurse.get('/screening/new?tool=no-such-tool')).statusCode).toBe(404);
  });

  it('unanswered required questions: each named in the error summary, nothing saved', async () => {
    const { 'answer-carrying-weapon': _w, 'answer-older-partner': _p, ...missing } = form();
    const res = await as.nurse.post(URL_NEW, missing);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<title>Error: ');
    expect(res.body).toContain('href="#answer-older-partner"');
    expect(res.body).toContain('href="#answer-carrying-weapon"');
    expect(res.body).toContain(
      'Answer &quot;Do they carry a knife or other weapon, or has one been found on them?&quot;',
    );
    expect(await count('screening')).toBe(0);
  });

  it('the result: high (weapon alone), score 12, reasons with the immediate flag first, the MASH recommended; an override needs a reason', async () => {
    const answers = { 'carrying-weapon': 'yes', 'missing-episodes': 'two-or-more', 'older-associates': 'yes' };
    const res = await as.nurse.post(URL_NEW, form(answers));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('High risk');
    expect(res.body).toContain('Score 12 (medium from 5, high from 10)');
    const weapon = res.body.indexOf('Do they carry a knife');
    const missing = res.body.indexOf('How often have they gone missing');
    const older = res.body.indexOf('new, older associates');
    expect(weapon).toBeGreaterThan(-1);
    expect(weapon < missing && missing < older).toBe(true);
    expect(res.body).toContain('Two or more times: 4 points');
    expect(res.body).toContain('Referral to the MASH (recommended)');
    expect(await count('screening')).toBe(0);

    const hidden = hiddenOf(res.body);
    expect(hidden).toMatchObject({ step: 'confirm', 'answer-carrying-weapon': 'yes', ageBand: '14-15' });
    const noReason = await as.nurse.post(URL_NEW, { ...hidden, confirmedRoute: 'early-help', overrideReason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#overrideReason"');
    expect(noReason.body).toContain('Say why you chose a route other than the one recommended');
    expect(await count('screening')).toBe(0);
    expect(await count('panel_fact')).toBe(0);
  });

  it('confirmed: the screening, its count and its audit entry; the result offers a referral to its author only', async () => {
    const first = await as.nurse.post(
      URL_NEW,
      form({ 'carrying-weapon': 'yes', 'missing-episodes': 'two-or-more', 'older-associates': 'yes' }),
    );
    const saved = await as.nurse.post(URL_NEW, { ...hiddenOf(first.body), confirmedRoute: 'mash' });
    expect(saved.statusCode).toBe(303);
    const id = Number(/^\/screening\/(\d+)\?saved=1$/.exec(saved.headers.location as string)?.[1]);
    const db = h.t.database.db;
    const nurse = await db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', 'nurse@synthetic.test')
      .executeTakeFirstOrThrow();
    expect(await db.selectFrom('screening').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).toMatchObject({
      agency: 'health',
      setting: 'health-community',
      completed_by: nurse.id,
      score: 12,
      level: 'high',
      recommended_route: 'mash',
      confirmed_route: 'mash',
      override_reason: null,
      age_band: '14-15',
      sex: 'female',
      identified: false,
    });
    const facts = await db.selectFrom('panel_fact').selectAll().execute();
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({
      kind: 'screening',
      agency: 'health',
      route: 'mash',
      panel_id: null,
      age_band: '14-15',
      sex: 'female',
      ethnicity_group: 'Not stated',
    });
    const audit = await auditEntries(h, 'screening.complete');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_email: 'nurse@synthetic.test',
      subject_type: 'screening',
      subject_id: String(id),
    });

    const page = await as.nurse.get(`/screening/${id}?saved=1`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Screening saved.');
    expect(page.body).toContain('Referral to the MASH (as recommended).');
    expect(page.body).toContain(`href="/referrals/new?screening=${id}"`);
    const mash = await as.mashWorker.get(`/screening/${id}`);
    expect(mash.statusCode).toBe(200);
    expect(mash.body).not.toContain('/referrals/new');
    expect((await as.macePolice.get(`/screening/${id}`)).statusCode).toBe(404);
    expect((await as.nurse.get('/screening/999999')).statusCode).toBe(404);

    const list = await as.nurse.get('/screening');
    expect(list.body).toContain(`href="/screening/${id}"`);
    expect(list.body).toContain('High risk');
    expect((await as.macePolice.get('/screening')).body).toContain('Your agency has not completed a screening yet.');
  });

  it('a screening whose reasons were stored as bare question ids (as the demo writes) shows them from its answers', async () => {
    const db = h.t.database.db;
    const nurse = await db
      .selectFrom('app_user')
      .select(['id', 'email'])
      .where('email', '=', 'nurse@synthetic.test')
      .executeTakeFirstOrThrow();
    const answers = Object.fromEntries([...REQUIRED.map((id) => [id, 'no']), ['missing-episodes', 'once']]);
    answers['victim-of-violence'] = 'yes';
    const row = await db
      .insertInto('screening')
      .values({
        tool_id: 'exploitation-screening',
        tool_version: 1,
        agency: 'health',
        setting: 'health-community',
        completed_by: nurse.id,
        completed_by_email: nurse.email,
        answers: JSON.stringify(answers),
        score: 5,
        level: 'medium',
        reasons: JSON.stringify(['victim-of-violence', 'missing-episodes']),
        recommended_route: 'early-help',
        confirmed_route: 'early-help',
        age_band: '16-17',
        sex: 'male',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const page = await as.nurse.get(`/screening/${row.id}`);
    expect(page.statusCode).toBe(200);
    // victim of violence 3, missing once 2: in that order, by points.
    const victim = page.body.indexOf('Yes: 3 points');
    const once = page.body.indexOf('Once: 2 points');
    expect(victim).toBeGreaterThan(-1);
    expect(once).toBeGreaterThan(victim);
    expect(page.body).not.toContain('undefined');
    expect(page.body).not.toContain('/referrals/new');
  });
});
