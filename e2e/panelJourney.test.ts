import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness, TEST_PASSWORD } from '../src/http/testing/appHarness.ts';
import { recordFact } from '../src/panels/facts/recordFact.ts';
import { chromiumAvailable, expectAccessible, launchChromium } from './browser.ts';
import { SignInPage } from './pages/pages.ts';

/*
 * Issue 21's journey, in Chromium at 320 px with JavaScript off. A school nurse screens a young person: one
 * "immediate" answer (missing in the last 30 days and found in another borough) makes the risk high and the
 * recommended route a MASH referral. She confirms, refers with a lawful basis and the reason consent was not
 * sought. The MASH social worker triages it to MACE; the case is on the next MACE agenda as new; the police and
 * children's services members record what they hold; the chair agrees an action, records the outcome and closes
 * the case. The quarter's indicators then count the screening and the referral. Every page: axe (WCAG 2.2 AA) on a
 * served copy, and no sideways scroll. All people SYNTHETIC; an empty migrated database plus 8 SYNTHETIC facts
 * of each kind in the quarter, so that the journey's own count lifts the quarter above the suppression threshold
 * (counts 1–7 are released as "*") and shows as a number.
 */

let h: Harness;
let browser: Browser;
let axePage: Page;
let base: string;
const phone: Record<string, { context: BrowserContext; page: Page }> = {};
let caseId = 0;
let caseReference = '';

const TODAY = new Date().toISOString().slice(0, 10);
const [YEAR, MONTH, DAY] = TODAY.split('-').map(Number) as [number, number, number];
/** The financial quarter of today, worked out the published way: April–June is Q1 of the year starting in April. */
const QUARTER = (() => {
  const fyStart = MONTH >= 4 ? YEAR : YEAR - 1;
  const q = MONTH >= 4 ? Math.floor((MONTH - 4) / 3) + 1 : 4;
  return `${fyStart}/${String((fyStart + 1) % 100).padStart(2, '0')} Q${q}`;
})();

const PEOPLE = {
  nurse: { email: 'school.nurse@health.test', agency: 'health', role: 'viewer' },
  mash: { email: 'mash.worker@council.test', agency: 'local_authority', role: 'analyst', panel: 'mash', as: 'member' },
  chair: {
    email: 'mace.chair@council.test',
    agency: 'local_authority',
    role: 'partnership_manager',
    panel: 'mace',
    as: 'chair',
  },
  police: { email: 'mace.police@police.test', agency: 'police', role: 'analyst', panel: 'mace', as: 'member' },
  children: {
    email: 'mace.children@council.test',
    agency: 'local_authority',
    role: 'analyst',
    panel: 'mace',
    as: 'member',
  },
} as const;

beforeAll(async () => {
  h = await createHarness();
  const db = h.services.db;
  await h.services.panels();
  await h.services.indicatorSet();
  for (const p of Object.values(PEOPLE)) {
    const user = await h.addUser(p.email, p.agency, p.role);
    if ('panel' in p)
      await db
        .insertInto('panel_member')
        .values({
          panel_id: p.panel,
          user_id: user.id,
          agency: p.agency,
          role: p.as,
          joined_on: '2024-01-01',
          added_by: 'test',
        })
        .execute();
  }
  // Eight SYNTHETIC screenings and referrals earlier in the quarter (the first day of today's month).
  const ring = await h.services.caseKeys();
  const firstOfMonth = `${TODAY.slice(0, 8)}01`;
  for (const kind of ['screening', 'referral'] as const)
    for (let i = 0; i < 8; i++)
      await recordFact(db, ring, {
        kind,
        occurredOn: firstOfMonth,
        agency: 'police',
        panelId: kind === 'referral' ? 'mash' : null,
        route: kind === 'screening' ? 'advice' : null,
        ageBand: '14-15',
        sex: 'male',
        ethnicityGroup: 'Not stated',
        source: null,
      });
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  if (chromiumAvailable) {
    browser = await launchChromium();
    // axe-core runs on timers, which a page without JavaScript never fires: each page is checked as a copy.
    axePage = await (await browser.newContext({ viewport: { width: 320, height: 640 } })).newPage();
  }
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await h?.close();
});

/** Each person on their own phone: 320 px, JavaScript off, signed in. */
async function phoneOf(who: keyof typeof PEOPLE): Promise<Page> {
  const existing = phone[who];
  if (existing) return existing.page;
  const context = await browser.newContext({ viewport: { width: 320, height: 640 }, javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await (await SignInPage.open(page, base)).signIn(PEOPLE[who].email, TEST_PASSWORD);
  phone[who] = { context, page };
  return page;
}

async function expectGood(p: Page): Promise<void> {
  const width = await p.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${p.url()} is ${width} px wide`).toBeLessThanOrEqual(320);
  const url = p.url();
  const html = await p.content();
  await axePage.unrouteAll();
  await axePage.route(url, (route) => route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' }));
  await axePage.goto(url);
  await expectAccessible(axePage);
}

const main = async (p: Page) => (await p.locator('main').textContent()) ?? '';

describe.skipIf(!chromiumAvailable)(
  'from a school nurse’s screening to a closed MACE case and the quarter’s figures',
  () => {
    it('the nurse screens on her phone: told what she missed, then a high risk and a MASH referral recommended', async () => {
      const page = await phoneOf('nurse');
      await page.goto(`${base}/screening`);
      await expectGood(page);
      await page.getByRole('button', { name: /Start a screening/ }).click();
      await expectGood(page);
      // Sending it unanswered names each required question and saves nothing.
      await page.getByRole('button', { name: 'See the result' }).click();
      expect(await page.locator('.govuk-error-summary').textContent()).toContain('Do they have money, clothes, phones');
      await expectGood(page);
      // Every required question answered "No" / "Not at all", except the immediate one.
      for (const radio of await page.locator('input[type=radio][name^="answer-"][value="no"]').all())
        await radio.check();
      await page.locator('input[name="answer-missing-episodes"][value="once"]').check();
      await page.locator('input[name="answer-missing-found-elsewhere"][value="yes"]').check();
      await page.locator('input[name="setting"][value="health-community"]').check();
      await page.locator('input[name="ageBand"][value="14-15"]').check();
      await page.locator('input[name="sex"][value="female"]').check();
      await page.getByRole('button', { name: 'See the result' }).click();
      const result = await main(page);
      // 5 (found in another borough, an immediate flag) + 2 (missing once) = 7: medium by score, high by the flag.
      expect(result).toMatch(/High/);
      expect(result).toContain(
        'In the last 30 days, have they gone missing and been found in another borough or town?',
      );
      expect(await page.locator('input[name="confirmedRoute"]:checked').getAttribute('value')).toBe('mash');
      await expectGood(page);
      await page.getByRole('button', { name: 'Confirm and save' }).click();
      await expectGood(page);
      expect(
        await h.services.db.selectFrom('screening').select(['level', 'confirmed_route', 'identified']).execute(),
      ).toEqual([{ level: 'high', confirmed_route: 'mash', identified: false }]);
    });

    it('she refers to the MASH: without a lawful basis nothing is saved; with one the referral is sent', async () => {
      const page = await phoneOf('nurse');
      await page.getByRole('button', { name: 'Make a referral' }).click();
      await page.locator('input[name="panelId"][value="mash"]').check();
      await page
        .getByLabel('Reason for referral')
        .fill('SYNTHETIC: found in another borough after a missing episode; new older associates.');
      await page.getByLabel('Given name').fill('Synthetic');
      await page.getByLabel('Family name').fill('Journey-Child');
      await page.locator('#dateOfBirth-day').fill('14');
      await page.locator('#dateOfBirth-month').fill('3');
      await page.locator('#dateOfBirth-year').fill('2012');
      await page.locator('input[name="sex"][value="female"]').check();
      await page.locator('input[name="consent"][value="not-sought"]').check();
      await page
        .getByLabel(/If consent was refused or not sought/)
        .fill('SYNTHETIC: asking the family may put the child at greater risk.');
      await page.getByRole('button', { name: 'Send referral' }).click();
      expect(await page.locator('.govuk-error-summary').textContent()).toMatch(/lawful basis/i);
      expect(await h.services.db.selectFrom('referral').select('id').execute()).toEqual([]);
      await expectGood(page);
      await page.locator('input[name="lawfulBasis"][value="public-task"]').check();
      await page.getByRole('button', { name: 'Send referral' }).click();
      expect(await page.locator('.govuk-error-summary').count()).toBe(0);
      const referral = await h.services.db
        .selectFrom('referral')
        .select(['panel_id', 'lawful_basis', 'consent', 'status', 'screening_id'])
        .executeTakeFirstOrThrow();
      expect(referral).toMatchObject({
        panel_id: 'mash',
        lawful_basis: 'public-task',
        consent: 'not-sought',
        status: 'awaiting-triage',
      });
      expect(referral.screening_id).not.toBeNull();
      await expectGood(page);
    });

    it('the MASH worker triages it to MACE, which opens a case', async () => {
      const page = await phoneOf('mash');
      const { reference } = await h.services.db.selectFrom('referral').select('reference').executeTakeFirstOrThrow();
      await page.goto(`${base}/referrals`);
      expect(await main(page)).toContain(reference);
      await expectGood(page);
      await page.getByRole('link', { name: reference }).click();
      expect(await main(page)).toContain('Journey-Child');
      await expectGood(page);
      await page.locator('input[name="decision"][value="open-case"]').check();
      await page.getByLabel('Panel the case opens in').selectOption('mace');
      await page.getByRole('button', { name: 'Record decision' }).click();
      // She is not on MACE, so she is back on the referral, which says where it went, and the case is not hers to read.
      expect(await main(page)).toMatch(/MACE/);
      await expectGood(page);
      const opened = await h.services.db
        .selectFrom('panel_case')
        .select(['id', 'reference', 'panel_id', 'status'])
        .executeTakeFirstOrThrow();
      expect(opened).toMatchObject({ panel_id: 'mace', status: 'open' });
      caseId = opened.id;
      caseReference = opened.reference;
      expect((await page.goto(`${base}/cases/${caseId}`))?.status()).toBe(404);
    });

    it('the chair arranges the next MACE meeting and builds its agenda: the case is on it as new', async () => {
      const page = await phoneOf('chair');
      await page.goto(`${base}/panels/mace`);
      await expectGood(page);
      await page.locator('#meetsOn-day').fill(String(DAY));
      await page.locator('#meetsOn-month').fill(String(MONTH));
      await page.locator('#meetsOn-year').fill(String(YEAR));
      await page.getByRole('button', { name: 'Arrange meeting' }).click();
      await page.goto(`${base}/panels/mace`);
      await page.getByRole('link', { name: TODAY }).click();
      await page.getByRole('button', { name: 'Build the agenda' }).click();
      const agenda = await main(page);
      expect(agenda).toContain(caseReference);
      expect(agenda).toMatch(/New/);
      await expectGood(page);
    });

    it('the police and children’s services members record what they hold; the referrer cannot see it', async () => {
      for (const [who, text] of [
        ['police', 'SYNTHETIC: stopped with an older associate in another borough last month.'],
        ['children', 'SYNTHETIC: open to early help; school attendance 61% this term.'],
      ] as const) {
        const page = await phoneOf(who);
        await page.goto(`${base}/cases/${caseId}`);
        await page.getByRole('link', { name: 'Record your agency’s preparation' }).click();
        await expectGood(page);
        await page.getByLabel('Meeting', { exact: true }).first().selectOption({ index: 1 });
        await page.getByLabel('What your agency holds').fill(text);
        await page.getByRole('button', { name: 'Record preparation' }).click();
        expect(await main(page)).toContain(text);
        await expectGood(page);
      }
      const nurse = await phoneOf('nurse');
      await nurse.goto(`${base}/cases/${caseId}`);
      expect(await main(nurse)).not.toContain('school attendance 61%');
      const raw = await h.services.db.selectFrom('case_preparation').select('content_enc').execute();
      expect(raw).toHaveLength(2);
      for (const r of raw) expect(r.content_enc).not.toContain('SYNTHETIC');
    });

    it('the chair agrees an action, records the outcome and closes the case', async () => {
      const page = await phoneOf('chair');
      await page.goto(`${base}/cases/${caseId}`);
      await page.getByRole('link', { name: 'Add an action' }).click();
      await expectGood(page);
      await page
        .getByLabel('Action agreed')
        .fill('SYNTHETIC: contextual safeguarding plan for the park and the station');
      await page.getByLabel('Owner').selectOption({ label: 'mace.children@council.test (local_authority)' });
      await page.locator('#action-dueOn-day').fill('31');
      await page.locator('#action-dueOn-month').fill('1');
      await page.locator('#action-dueOn-year').fill(String(YEAR + 1));
      await page.getByRole('button', { name: 'Add action' }).click();
      expect(await main(page)).toContain('contextual safeguarding plan for the park');
      await expectGood(page);
      await page.getByRole('link', { name: 'Record the outcome at a meeting' }).click();
      await page.locator('#outcome-meetingId').selectOption({ index: 1 });
      await page.locator('input[name="outcome"][value="risk-reduced"]').check();
      await page.getByRole('button', { name: 'Record outcome' }).click();
      await expectGood(page);
      await page.getByRole('link', { name: 'Close the case' }).click();
      await expectGood(page);
      await page.locator('input[name="reason"][value="risk-reduced"]').check();
      await page.getByRole('button', { name: 'Close case' }).click();
      expect(await main(page)).toMatch(/Closed/);
      await expectGood(page);
      const closed = await h.services.db
        .selectFrom('panel_case')
        .select(['status', 'outcome', 'closure_reason', 'first_heard_on'])
        .where('id', '=', caseId)
        .executeTakeFirstOrThrow();
      expect(closed).toEqual({
        status: 'closed',
        outcome: 'risk-reduced',
        closure_reason: 'risk-reduced',
        first_heard_on: TODAY,
      });
    });

    it('once the quarter is over, its indicators count the screening and the referral (8 before, 9 now)', async () => {
      // Quarters are reported when whole: the service's clock moves to 09:00 on the first day of the next quarter,
      // which ends every session, so the chair signs in again.
      const nextQuarter = new Date(Date.UTC(YEAR, MONTH - 1 - ((MONTH - 1) % 3) + 3, 1, 9));
      h.advance(Math.ceil((nextQuarter.getTime() - Date.now()) / 60_000));
      await phone.chair?.context.close();
      delete phone.chair;
      const page = await phoneOf('chair');
      for (const id of ['screening-tool-use', 'panel-referrals']) {
        await page.goto(`${base}/performance/indicators/${id}`);
        expect(await main(page)).toContain(`${QUARTER} 9`);
        await expectGood(page);
      }
    });
  },
);
