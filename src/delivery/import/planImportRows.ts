import type { Kysely } from 'kysely';
import type { AuditActor } from '../../audit/recordAudit.ts';
import type { DB } from '../../db/schema.ts';
import type { PlanItemStatus } from '../../db/tables/delivery.ts';
import { itemKey, type PlanChanges, type StoredPlan } from './planDiff.ts';
import type { ParsedPlan } from './parsedPlan.ts';
import { currentWording, latestUpdateText } from '../itemColumns.ts';

/* The database side of a plan import: read what a plan holds, write what the import changes. Functions take db first. */

export async function createPlan(
  trx: Kysely<DB>,
  actor: AuditActor,
  parsed: ParsedPlan,
  fileName: string,
  sha256: string,
) {
  const { id } = await trx
    .insertInto('plan')
    .values({
      kind: parsed.kind,
      title: parsed.title,
      owner_agency: parsed.ownerAgency,
      period: parsed.period,
      source_file_name: fileName,
      source_sha256: sha256,
      created_by: actor.email,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function storedPlan(trx: Kysely<DB>, planId: number): Promise<StoredPlan> {
  const themes = await trx.selectFrom('plan_theme').select(['id', 'theme_key']).where('plan_id', '=', planId).execute();
  const items = await trx
    .selectFrom('plan_item as i')
    .innerJoin('plan_theme as t', 't.id', 'i.theme_id')
    .select(['i.id', 'i.match_key', 't.theme_key', 'i.owner_person', 'i.owner_agency', 'i.due_on'])
    .select((eb) => [currentWording(eb).as('wording'), latestUpdateText(eb).as('update')])
    .where('i.plan_id', '=', planId)
    .execute();
  // The status in force per item: ascending by id, the last row written wins.
  const statuses = new Map<number, { status: PlanItemStatus; reason: string }>();
  const statusRows = await trx
    .selectFrom('plan_item_status as s')
    .innerJoin('plan_item as i', 'i.id', 's.item_id')
    .select(['s.item_id', 's.status', 's.reason'])
    .where('i.plan_id', '=', planId)
    .orderBy('s.id')
    .execute();
  for (const r of statusRows) statuses.set(r.item_id, { status: r.status, reason: r.reason });
  return {
    themes: new Map(themes.map((t) => [t.theme_key, t.id])),
    items: new Map(
      items.map((i) => [
        itemKey(i.theme_key, i.match_key),
        {
          id: i.id,
          wording: i.wording ?? '',
          update: i.update,
          owner: {
            person: i.owner_person,
            agency: i.owner_agency,
            dueOn: i.due_on === null ? null : String(i.due_on).slice(0, 10),
          },
          status: statuses.get(i.id) ?? null,
        },
      ]),
    ),
  };
}

export async function writeChanges(
  trx: Kysely<DB>,
  planId: number,
  importId: number,
  by: string,
  onDate: string,
  changes: PlanChanges,
  stored: StoredPlan,
) {
  const themeIds = new Map(stored.themes);
  for (const { key, theme, position } of changes.newThemes) {
    const row = await trx
      .insertInto('plan_theme')
      .values({
        plan_id: planId,
        theme_key: key,
        number: theme.number,
        title: theme.title,
        description: theme.description,
        position,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    themeIds.set(key, row.id);
  }
  const newIds: number[] = [];
  for (const n of changes.newItems) {
    const parentId = n.parent === null ? null : 'itemId' in n.parent ? n.parent.itemId : newIds[n.parent.newIndex];
    const { id } = await trx
      .insertInto('plan_item')
      .values({
        plan_id: planId,
        theme_id: themeIds.get(n.themeKey) as number,
        parent_item_id: parentId ?? null,
        match_key: n.matchKey,
        number: n.item.number,
        kind: n.item.kind,
        category: n.item.category,
        position: n.position,
        owner_person: n.item.owner?.person ?? null,
        owner_agency: n.item.owner?.agency ?? null,
        due_on: n.item.owner?.dueOn ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    newIds.push(id);
    await trx
      .insertInto('plan_item_wording')
      .values({
        item_id: id,
        version: 1,
        old_wording: n.item.oldWording,
        wording: n.item.wording,
        import_id: importId,
        changed_by: by,
      })
      .execute();
    if (n.item.status)
      await trx
        .insertInto('plan_item_status')
        .values({ item_id: id, status: n.item.status.status, reason: n.item.status.reason, changed_by: by })
        .execute();
    if (n.item.update !== '')
      await trx
        .insertInto('plan_item_update')
        .values({ item_id: id, on_date: onDate, body: n.item.update, import_id: importId, written_by: by })
        .execute();
  }
  for (const r of changes.rewordings) {
    const last = await trx
      .selectFrom('plan_item_wording')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('item_id', '=', r.itemId)
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('plan_item_wording')
      .values({
        item_id: r.itemId,
        version: Number(last.v ?? 0) + 1,
        old_wording: r.oldWording,
        wording: r.wording,
        import_id: importId,
        changed_by: by,
      })
      .execute();
  }
  for (const u of changes.newUpdates)
    await trx
      .insertInto('plan_item_update')
      .values({ item_id: u.itemId, on_date: onDate, body: u.body, import_id: importId, written_by: by })
      .execute();
  for (const r of changes.reassignments)
    await trx
      .updateTable('plan_item')
      .set({ owner_person: r.after.person, owner_agency: r.after.agency, due_on: r.after.dueOn })
      .where('id', '=', r.itemId)
      .execute();
  for (const c of changes.statusChanges)
    await trx
      .insertInto('plan_item_status')
      .values({ item_id: c.itemId, status: c.status, reason: c.reason, changed_by: by })
      .execute();
}
