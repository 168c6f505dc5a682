import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../test/createTestDb.ts';
import { EvidenceError } from './evidence.ts';
import { addItemUpdate, assignItem, PlanChangeError, PlanRefusedError, setItemStatus } from './planStore.ts';
import { addPlanPeople, addTestPlan, type PlanPeople, type TestPlan } from './planTestPlan.ts';
import { rowCounts } from './testing/deliveryCounts.ts';

/*
 * Status, updates (with evidence) and owners on a plan item: the plan rules enforced by the store itself, reasons
 * required, history append-only, every change audited, and a refusal writes nothing.
 */

let t: TestDb;
let who: PlanPeople;
let plan: TestPlan;
const db = () => t.database.db;
const evidenceCount = async () =>
  Number(
    (
      await db()
        .selectFrom('plan_update_evidence')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('SYNTHETIC')]);

beforeAll(async () => {
  t = await createTestDb();
  who = await addPlanPeople(db());
  plan = await addTestPlan(db());
}, 60_000);
afterAll(async () => t?.drop());

describe('changing a plan item', () => {
  it('refuses a status change without a reason, or an unknown status, writing nothing', async () => {
    const before = await rowCounts(db());
    await expect(setItemStatus(db(), who.manager, plan.police, { status: 'at risk', reason: '  ' })).rejects.toThrow(
      new PlanChangeError('a status change needs a reason', 'reason'),
    );
    await expect(setItemStatus(db(), who.manager, plan.police, { status: 'late', reason: 'x' })).rejects.toThrow(
      /"late" is not a status: use one of not started, on track, at risk, off track, complete, dropped/,
    );
    await expect(setItemStatus(db(), who.manager, 99_999, { status: 'complete', reason: 'done' })).rejects.toThrow(
      'there is no plan item 99999',
    );
    expect(await rowCounts(db())).toEqual(before);
    // The database refuses it too, for any writer that skips setItemStatus.
    await expect(
      db()
        .insertInto('plan_item_status')
        .values({ item_id: plan.police, status: 'at risk', reason: '', changed_by: 'x' })
        .execute(),
    ).rejects.toThrow();
  });

  it('refuses people the rules do not allow, naming the rule, and writes nothing', async () => {
    const before = await rowCounts(db());
    const status = { status: 'on track', reason: 'Sweeps weekly' };
    const update = { body: 'Two sweeps held.', onDate: '2024-02-01' };
    const owner = { person: 'x', agency: 'police', dueOn: null };
    // Thunks, tried one at a time: each must fail on its own, not while another is running.
    const refusals: [() => Promise<unknown>, string][] = [
      [() => setItemStatus(db(), who.viewer, plan.police, status), 'Viewers read plans but change nothing'],
      [() => addItemUpdate(db(), who.viewer, plan.police, update), 'Viewers read plans but change nothing'],
      [
        () => setItemStatus(db(), who.admin, plan.police, status),
        'Administrators run the service: they do not read or change plans',
      ],
      [
        () => addItemUpdate(db(), who.policeAnalyst, plan.council, update),
        'Only local authority can update this action: it is owned by local authority',
      ],
      [
        () => setItemStatus(db(), who.councilAnalyst, plan.police, status),
        'Only police can update this action: it is owned by police',
      ],
      [
        () => addItemUpdate(db(), who.policeOwner, plan.unowned, update),
        'Only partnership managers can update this action: it has no owner agency yet',
      ],
      [
        () => assignItem(db(), who.policeOwner, plan.police, owner),
        'Only partnership managers can assign owners and due dates',
      ],
      [() => assignItem(db(), who.viewer, plan.police, owner), 'Viewers read plans but change nothing'],
    ];
    for (const [attempt, message] of refusals) await expect(attempt()).rejects.toThrow(new PlanRefusedError(message));
    expect(await rowCounts(db())).toEqual(before);
  });

  it("lets an agency's analyst and data owner change their own agency's items, and a manager assign, each audited", async () => {
    const before = await rowCounts(db());
    await setItemStatus(db(), who.policeAnalyst, plan.police, { status: 'at risk', reason: 'Officers redeployed' });
    await addItemUpdate(db(), who.policeOwner, plan.policeChild, { body: 'Two sweeps held.', onDate: '2024-03-01' });
    await assignItem(db(), who.manager, plan.unowned, {
      person: 'Head of Community Safety',
      agency: 'local_authority',
      dueOn: '2024-09-30',
    });
    expect(await rowCounts(db())).toEqual({
      ...before,
      plan_item_status: before.plan_item_status + 1,
      plan_item_update: before.plan_item_update + 1,
      audit_log: before.audit_log + 3,
    });
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'actor_email', 'actor_user_id', 'subject_id'])
      .orderBy('id', 'desc')
      .limit(3)
      .execute();
    expect(audit).toEqual([
      {
        action: 'plan.item.assign',
        actor_email: 'manager@test.invalid',
        actor_user_id: who.manager.id,
        subject_id: String(plan.unowned),
      },
      {
        action: 'plan.item.update',
        actor_email: 'policeowner@test.invalid',
        actor_user_id: who.policeOwner.id,
        subject_id: String(plan.policeChild),
      },
      {
        action: 'plan.item.status',
        actor_email: 'policeanalyst@test.invalid',
        actor_user_id: who.policeAnalyst.id,
        subject_id: String(plan.police),
      },
    ]);
    const item = await db()
      .selectFrom('plan_item')
      .select(['owner_person', 'owner_agency', 'due_on'])
      .where('id', '=', plan.unowned)
      .executeTakeFirstOrThrow();
    expect(item).toEqual({
      owner_person: 'Head of Community Safety',
      owner_agency: 'local_authority',
      due_on: '2024-09-30',
    });
    await expect(
      assignItem(db(), who.manager, plan.unowned, { person: null, agency: 'nowhere', dueOn: null }),
    ).rejects.toThrow(new PlanChangeError('"nowhere" is not an agency', 'agency'));
  });

  it("keeps an update's links and files with their SHA-256, and refuses bad evidence naming the field", async () => {
    const before = { ...(await rowCounts(db())), evidence: await evidenceCount() };
    const bad: [Parameters<typeof addItemUpdate>[3], string, string][] = [
      [
        { body: 'x', onDate: '2024-03-02', links: ['javascript:alert(1)'] },
        'links',
        '"javascript:alert(1)" is not a web address: only http and https links',
      ],
      [
        { body: 'x', onDate: '2024-03-02', links: ['www.example.org'] },
        'links',
        '"www.example.org" is not a web address: start it with https://',
      ],
      [
        { body: 'x', onDate: '2024-03-02', files: [{ fileName: 'report.pdf', content: PNG }] },
        'file',
        'report.pdf is called .pdf but its contents are not a PDF',
      ],
      [
        { body: 'x', onDate: '2024-03-02', files: [{ fileName: 'run.exe', content: PNG }] },
        'file',
        'run.exe is not a PDF, DOCX, XLSX, PNG, JPEG or CSV file',
      ],
      [
        {
          body: 'x',
          onDate: '2024-03-02',
          files: [{ fileName: 'data.csv', content: Buffer.from([0x41, 0x00, 0x42]) }],
        },
        'file',
        'data.csv is called .csv but its contents are not a CSV file',
      ],
    ];
    for (const [update, field, message] of bad) {
      const refused = await addItemUpdate(db(), who.manager, plan.police, update).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(EvidenceError);
      expect(refused).toMatchObject({ field, message });
    }
    expect({ ...(await rowCounts(db())), evidence: await evidenceCount() }).toEqual(before);
    const updateId = await addItemUpdate(db(), who.policeAnalyst, plan.police, {
      body: 'Sweep photographed.',
      onDate: '2024-03-02',
      links: ['https://example.org/sweeps'],
      files: [{ fileName: 'sweep photo.png', content: PNG }],
    });
    const rows = await db()
      .selectFrom('plan_update_evidence')
      .select(['kind', 'url', 'file_name', 'media_type', 'sha256', 'size_bytes', 'content'])
      .where('update_id', '=', updateId)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => ({ ...r, content: r.content && Buffer.from(r.content).toString('hex') }))).toEqual([
      {
        kind: 'link',
        url: 'https://example.org/sweeps',
        file_name: null,
        media_type: null,
        sha256: null,
        size_bytes: null,
        content: null,
      },
      {
        kind: 'file',
        url: null,
        file_name: 'sweep photo.png',
        media_type: 'image/png',
        sha256: createHash('sha256').update(PNG).digest('hex'),
        size_bytes: 17,
        content: '89504e470d0a1a0a53594e544845544943',
      },
    ]);
  });

  // Row triggers: each table here holds rows by now (imports and reviews are checked in importReview.test.ts).
  it('keeps statuses, updates, wordings and evidence append-only', async () => {
    const tables = ['plan_item_status', 'plan_item_update', 'plan_item_wording', 'plan_update_evidence'];
    for (const table of tables) {
      await expect(sql`UPDATE ${sql.table(table)} SET id = id`.execute(db())).rejects.toThrow(
        /keeps its history: UPDATE refused/,
      );
      await expect(sql`DELETE FROM ${sql.table(table)}`.execute(db())).rejects.toThrow(
        /keeps its history: DELETE refused/,
      );
    }
  });
});
