import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, findUserByEmail } from '../../../auth/users.ts';
import { addTestPlan, type TestPlan } from '../../../delivery/planTestPlan.ts';
import { addAction } from '../../../governance/actionStore.ts';
import { auditEntries, type Browser, createHarness, type Harness } from '../../testing/appHarness.ts';

/*
 * The plans pages over HTTP for each role, on a small SYNTHETIC plan: a viewer reads and sees no forms (and a
 * POST is refused), a police analyst updates a police-owned action but not the council's, a manager assigns,
 * and administrators see no plans at all.
 */
let h: Harness;
let plan: TestPlan;
let policeAnalystId = 0;
const as = {} as Record<'viewer' | 'police' | 'council' | 'manager' | 'admin', Browser>;
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('SYNTHETIC')]);

beforeAll(async () => {
  h = await createHarness();
  plan = await addTestPlan(h.services.db);
  await h.addUser('viewer@police.test', 'police', 'viewer');
  policeAnalystId = (await h.addUser('analyst@police.test', 'police', 'analyst')).id;
  await h.addUser('analyst@council.test', 'local_authority', 'analyst');
  await h.addUser('manager@council.test', 'local_authority', 'partnership_manager');
  await h.addUser('admin@council.test', 'local_authority', 'administrator');
  as.viewer = await h.signIn('viewer@police.test');
  as.police = await h.signIn('analyst@police.test');
  as.council = await h.signIn('analyst@council.test');
  as.manager = await h.signIn('manager@council.test');
  as.admin = await h.signIn('admin@council.test');
}, 300_000);
afterAll(async () => h?.close());

const itemUrl = (id: number) => `/plans/${plan.planId}/items/${id}`;
/** The page's forms that change something (the sign-out form is on every page). */
const changeForms = (html: string) =>
  [...html.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => m[1]).filter((a) => a !== '/sign-out');

describe('plans pages', () => {
  it('lists plans for readers, with the way to the overdue list for managers; administrators see none', async () => {
    const list = await as.viewer.get('/plans');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`<a class="govuk-link" href="/plans/${plan.planId}">SYNTHETIC partnership plan</a>`);
    expect(list.body).toContain('4 not started');
    expect(list.body).toContain('href="/lineage/gaps"');
    expect(list.body).not.toContain('href="/plans/overdue"');
    expect(list.body).toContain('href="/my-actions"');
    expect((await as.manager.get('/plans')).body).toContain('href="/plans/overdue"');
    const admin = await as.admin.get('/plans');
    expect(admin.statusCode).toBe(403);
    expect(admin.body).toContain('Administrators run the service: they do not read or change plans');
    expect(admin.body).not.toContain('href="/plans"');
    expect((await as.admin.get(itemUrl(plan.police))).statusCode).toBe(403);
  });

  it('shows a plan by theme with sub-items nested, filtered by status and owner agency', async () => {
    const page = await as.viewer.get(`/plans/${plan.planId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('1. Reducing violence');
    expect(page.body).toContain(`href="${itemUrl(plan.policeChild)}">1 a)</a>`);
    expect(page.body).toMatch(/app-plan-depth-1"><span class="govuk-visually-hidden">Sub-item <\/span>/);
    const police = await as.viewer.get(`/plans/${plan.planId}?agency=police`);
    expect(police.body).toContain(`href="${itemUrl(plan.police)}"`);
    expect(police.body).not.toContain(`href="${itemUrl(plan.council)}"`);
    const none = await as.viewer.get(`/plans/${plan.planId}?agency=none`);
    expect(none.body).toContain(`href="${itemUrl(plan.unowned)}"`);
    expect(none.body).not.toContain(`href="${itemUrl(plan.police)}"`);
    const atRisk = await as.viewer.get(`/plans/${plan.planId}?status=at+risk`);
    expect(atRisk.body).not.toContain(`href="${itemUrl(plan.police)}"`);
    expect((await as.viewer.get('/plans/99999')).statusCode).toBe(404);
  });

  it('gives a viewer no forms and refuses their POST', async () => {
    const page = await as.viewer.get(itemUrl(plan.police));
    expect(page.statusCode).toBe(200);
    expect(changeForms(page.body)).toEqual([]);
    expect(page.body).toContain(
      `href="/lineage/plan-item/${plan.police}">Lineage: what prompted this and what came of it</a>`,
    );
    const refused = await as.viewer.post(`${itemUrl(plan.police)}/status`, { status: 'on track', reason: 'x' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Viewers read plans but change nothing');
  });

  it("lets a police analyst set the status of a police action, not the council's", async () => {
    const page = await as.police.get(itemUrl(plan.police));
    expect(changeForms(page.body)).toEqual([`${itemUrl(plan.police)}/status`, `${itemUrl(plan.police)}/updates`]);
    const noReason = await as.police.post(`${itemUrl(plan.police)}/status`, { status: 'at risk', reason: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('<a href="#reason">A status change needs a reason</a>');
    const set = await as.police.post(`${itemUrl(plan.police)}/status`, {
      status: 'at risk',
      reason: 'Officers redeployed',
    });
    expect(set.statusCode).toBe(303);
    const after = await as.police.get(itemUrl(plan.police));
    expect(after.body).toContain('because “Officers redeployed”');
    expect(after.body).toContain('<strong class="govuk-tag govuk-tag--orange">\n  At risk\n</strong>');
    const council = await as.police.get(itemUrl(plan.council));
    expect(changeForms(council.body)).toEqual([]);
    expect(council.body).toContain('Only local authority can update this action: it is owned by local authority.');
    const refused = await as.police.post(`${itemUrl(plan.council)}/status`, { status: 'complete', reason: 'Done' });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Only local authority can update this action: it is owned by local authority');
    expect((await auditEntries(h, 'plan.item.status')).map((a) => [a.actor_email, a.subject_id])).toEqual([
      ['analyst@police.test', String(plan.police)],
    ]);
  });

  it('takes an update with a link and a file, serves the file back as a download, and refuses a wrong one', async () => {
    await as.police.get(itemUrl(plan.police));
    const post = (file: { filename: string; content: Buffer }, csrf = as.police.csrf) =>
      as.police.postMultipart(`${itemUrl(plan.police)}/updates`, [
        { name: '_csrf', value: csrf },
        { name: 'onDate-day', value: '2' },
        { name: 'onDate-month', value: '3' },
        { name: 'onDate-year', value: '2024' },
        { name: 'body', value: 'Sweep photographed (SYNTHETIC).' },
        { name: 'links', value: 'https://example.org/sweeps' },
        { name: 'file', ...file },
      ]);
    expect((await post({ filename: 'photo.png', content: PNG }, 'forged')).statusCode).toBe(403);
    const wrong = await post({ filename: 'report.pdf', content: PNG });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('<a href="#file">Report.pdf is called .pdf but its contents are not a PDF</a>');
    expect(wrong.body).toContain('Sweep photographed (SYNTHETIC).</textarea>');
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5 * 1024 * 1024)]);
    const tooBig = await post({ filename: 'big.pdf', content: big });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.body).toContain('<a href="#file">The file must be smaller than 5 MB</a>');
    expect((await post({ filename: 'photo.png', content: PNG })).statusCode).toBe(303);
    const page = await as.viewer.get(itemUrl(plan.police));
    expect(page.body).toContain('<a class="govuk-link" href="https://example.org/sweeps" rel="noopener noreferrer">');
    const href = /href="(\/plans\/\d+\/items\/\d+\/evidence\/\d+)" download>photo\.png<\/a>/.exec(page.body)?.[1];
    expect(href).toBeDefined();
    const file = await as.viewer.get(href as string);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-disposition']).toBe('attachment; filename="photo.png"');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.equals(PNG)).toBe(true);
    expect((await as.admin.get(href as string)).statusCode).toBe(403);
  });

  it('lets a manager assign an owner and due date, and no one else', async () => {
    const page = await as.manager.get(itemUrl(plan.unowned));
    expect(changeForms(page.body)).toContain(`${itemUrl(plan.unowned)}/assign`);
    const form = {
      person: 'analyst@police.test',
      agency: 'police',
      'dueOn-day': '31',
      'dueOn-month': '1',
      'dueOn-year': '2024',
    };
    expect((await as.manager.post(`${itemUrl(plan.unowned)}/assign`, { ...form, 'dueOn-day': '32' })).body).toContain(
      '<a href="#dueOn-day">Enter the due date as day, month and year, or leave it empty</a>',
    );
    expect((await as.manager.post(`${itemUrl(plan.unowned)}/assign`, form)).statusCode).toBe(303);
    const after = await as.police.get(itemUrl(plan.unowned));
    expect(after.body).toContain('analyst@police.test');
    expect(after.body).toContain('2024-01-31');
    // The owner agency is offered by the agency table's names.
    expect((await as.manager.get(itemUrl(plan.unowned))).body).toContain(
      '<option value="police" selected>Police</option>',
    );
    const refused = await as.police.post(`${itemUrl(plan.unowned)}/assign`, form);
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Only partnership managers can assign owners and due dates');
  });

  it('shows wording versions with their differences, escaped', async () => {
    await h.services.db
      .insertInto('plan_item_wording')
      .values({
        item_id: plan.council,
        version: 2,
        old_wording: null,
        wording: 'Agree <b>new</b> terms of reference (SYNTHETIC).',
        changed_by: 'manager@council.test',
      })
      .execute();
    const page = await as.viewer.get(itemUrl(plan.council));
    expect(page.body).toContain(
      'Agree <ins><span class="govuk-visually-hidden">added: </span>&lt;b&gt;new&lt;/b&gt;</ins> terms of reference (SYNTHETIC).',
    );
    expect(page.body).not.toContain('<b>new</b>');
  });

  it("lists a person's own actions and their agency's updates due, and the overdue list for managers only", async () => {
    const mine = await as.police.get('/my-actions');
    expect(mine.statusCode).toBe(200);
    // The unowned item was assigned to analyst@police.test, due 2024-01-31: theirs, and overdue.
    expect(mine.body).toContain(`href="${itemUrl(plan.unowned)}">3</a>`);
    expect(mine.body).toContain('Updates due from police');
    expect(mine.body).toContain(`href="${itemUrl(plan.policeChild)}">1 a)</a>`);
    expect(mine.body).toContain('Actions arising from meetings');
    expect(mine.body).toContain('None open.');
    // A board and meeting written straight into governance's tables (migration 0022).
    const db = h.services.db;
    const board = await db
      .insertInto('board')
      .values({ name: 'SYNTHETIC Safer Board', kind: 'board', quorum: 1, created_by: 'test' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const meeting = await db
      .insertInto('meeting')
      .values({
        board_id: board.id,
        starts_at: '2024-02-01T10:00:00Z',
        ends_at: '2024-02-01T11:00:00Z',
        created_by: 'test',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The action itself through governance's store, as the meeting page adds it (audited, so cached pages see it).
    const manager = actorOf((await findUserByEmail(db, 'manager@council.test'))!);
    await db
      .insertInto('board_member')
      .values({
        board_id: board.id,
        user_id: manager.id,
        agency_code: 'local_authority',
        member_role: 'chair',
        joined_on: '2020-01-01',
      })
      .execute();
    await addAction(db, manager, meeting.id, {
      text: 'Bring knife crime figures (SYNTHETIC)',
      ownerUserId: policeAnalystId,
      ownerAgency: null,
      dueOn: '2024-03-01',
      decisionId: null,
    });
    const withMeeting = await as.police.get('/my-actions');
    expect(withMeeting.body).toContain(
      `Bring knife crime figures (SYNTHETIC) (SYNTHETIC Safer Board, <a class="govuk-link" href="/meetings/${meeting.id}">meeting of 2024-02-01</a>), due 2024-03-01`,
    );
    expect((await as.admin.get('/my-actions')).statusCode).toBe(403);
    expect((await as.police.get('/plans/overdue')).statusCode).toBe(403);
    const overdue = await as.manager.get('/plans/overdue');
    expect(overdue.statusCode).toBe(200);
    expect(overdue.body).toContain('Police (2)');
    expect(overdue.body).toContain('Local authority (1)');
  });
});
