/**
 * SYNTHETIC delivery data at the scale issue 19 names, written straight into the tables (not through the stores:
 * the bench measures reading, and 6,000 audited transactions would only measure writing): one action plan of
 * 500 items (10 themes × 10 recommendations × 4 actions), 5,000 dated updates, a status history per item,
 * 3 boards with 200 meetings, 2 decisions and 2 actions arising per meeting, and lineage links
 * (recommendation → its actions, action → the meeting that discussed it, meeting → its decisions,
 * decision → an action, action → an indicator).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';

const STATUSES = ['on track', 'at risk', 'off track', 'complete', 'not started'] as const;
const THEMES = 10;
const RECOMMENDATIONS_PER_THEME = 10;
const ACTIONS_PER_RECOMMENDATION = 4;
const UPDATES = 5000;
const MEETINGS = 200;

export interface DeliveryScale {
  items: number;
  updates: number;
  meetings: number;
  decisions: number;
  meetingActions: number;
  links: number;
  /** Plan item ids whose lineage pages the bench asks for: recommendations and actions, spread over the plan. */
  sampleItems: number[];
}

const isoDay = (start: Date, days: number) => new Date(start.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** Inserts in chunks of 500 rows (a statement's parameters are limited). */
async function inChunks<T>(rows: readonly T[], insert: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += 500) await insert(rows.slice(i, i + 500));
}

/** users: the bench's readers, [{id, email, agency}]; owners and members are drawn from them in turn. */
export async function seedDelivery(
  db: Kysely<DB>,
  users: readonly { id: number; email: string; agency: string }[],
  indicatorIds: readonly string[],
): Promise<DeliveryScale> {
  const by = 'bench (SYNTHETIC)';
  const plan = await db
    .insertInto('plan')
    .values({ kind: 'action-plan', title: 'SYNTHETIC bench action plan', period: '2025-2028', created_by: by })
    .returning('id')
    .executeTakeFirstOrThrow();
  const itemIds: number[] = [];
  const recommendationIds: number[] = [];
  const actionsOf = new Map<number, number[]>();
  for (let t = 0; t < THEMES; t++) {
    const theme = await db
      .insertInto('plan_theme')
      .values({
        plan_id: plan.id,
        theme_key: `t${t + 1}`,
        number: String(t + 1),
        title: `Theme ${t + 1}`,
        description: '',
        position: t,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (let r = 0; r < RECOMMENDATIONS_PER_THEME; r++) {
      const rec = await db
        .insertInto('plan_item')
        .values({
          plan_id: plan.id,
          theme_id: theme.id,
          match_key: `recommendation:${r + 1}:1`,
          number: String(r + 1),
          kind: 'recommendation',
          category: 'core',
          position: r * 10,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      recommendationIds.push(rec.id);
      itemIds.push(rec.id);
      const actions = await db
        .insertInto('plan_item')
        .values(
          Array.from({ length: ACTIONS_PER_RECOMMENDATION }, (_, a) => {
            const n = itemIds.length + a;
            const owner = users[n % users.length]!;
            return {
              plan_id: plan.id,
              theme_id: theme.id,
              parent_item_id: rec.id,
              match_key: `action:${r + 1}.${a + 1}:1`,
              number: `${r + 1}.${a + 1}`,
              kind: 'action' as const,
              category: a === 3 ? ('optional' as const) : ('core' as const),
              position: r * 10 + a + 1,
              owner_person: owner.email,
              owner_agency: owner.agency,
              due_on: isoDay(new Date('2025-04-01T00:00:00Z'), (n * 7) % 730),
            };
          }),
        )
        .returning('id')
        .execute();
      actionsOf.set(
        rec.id,
        actions.map((a) => a.id),
      );
      itemIds.push(...actions.map((a) => a.id));
    }
  }
  await inChunks(
    itemIds.map((id, i) => ({
      item_id: id,
      version: 1,
      wording: `SYNTHETIC wording of item ${i + 1}: reduce serious violence in the partnership area.`,
      changed_by: by,
    })),
    (part) => db.insertInto('plan_item_wording').values(part).execute(),
  );
  await inChunks(
    itemIds.map((id, i) => ({
      item_id: id,
      status: STATUSES[i % STATUSES.length]!,
      reason: 'SYNTHETIC',
      changed_by: by,
    })),
    (part) => db.insertInto('plan_item_status').values(part).execute(),
  );
  await inChunks(
    Array.from({ length: UPDATES }, (_, u) => ({
      item_id: itemIds[u % itemIds.length]!,
      on_date: isoDay(new Date('2025-01-01T00:00:00Z'), u % 540),
      body: `SYNTHETIC update ${u + 1}.`,
      written_by: by,
    })),
    (part) => db.insertInto('plan_item_update').values(part).execute(),
  );
  const boards: { id: number }[] = [];
  for (const [i, name] of [
    'SYNTHETIC CSP Board',
    'SYNTHETIC SVD Delivery Group',
    'SYNTHETIC Exploitation Group',
  ].entries())
    boards.push(
      await db
        .insertInto('board')
        .values({ name, kind: i === 0 ? 'board' : 'subgroup', quorum: 3, restricted: i === 2, created_by: by })
        .returning('id')
        .executeTakeFirstOrThrow(),
    );
  await inChunks(
    boards.flatMap((b) =>
      users.map((u, i) => ({
        board_id: b.id,
        user_id: u.id,
        agency_code: u.agency,
        member_role: i === 0 ? ('chair' as const) : ('member' as const),
        joined_on: '2024-01-01',
      })),
    ),
    (part) => db.insertInto('board_member').values(part).execute(),
  );
  const meetings = await db
    .insertInto('meeting')
    .values(
      Array.from({ length: MEETINGS }, (_, m) => {
        const start = new Date(Date.UTC(2023, 0, 10) + m * 6 * 86_400_000 + 10 * 3_600_000);
        return {
          board_id: boards[m % boards.length]!.id,
          starts_at: start,
          ends_at: new Date(start.getTime() + 2 * 3_600_000),
          status: 'held' as const,
          created_by: by,
        };
      }),
    )
    .returning('id')
    .execute();
  const decisions = await db
    .insertInto('decision')
    .values(
      meetings.flatMap((m) =>
        [1, 2].map((n) => ({ meeting_id: m.id, number: String(n), text: 'SYNTHETIC decision.', recorded_by: by })),
      ),
    )
    .returning(['id', 'meeting_id'])
    .execute();
  const actions = await db
    .insertInto('meeting_action')
    .values(
      decisions.map((d, i) => {
        const owner = users[i % users.length]!;
        return {
          meeting_id: d.meeting_id,
          decision_id: d.id,
          text: 'SYNTHETIC action arising.',
          owner_user_id: owner.id,
          owner_agency: owner.agency,
          due_on: isoDay(new Date('2023-02-01T00:00:00Z'), (i * 5) % 1400),
          created_by: by,
        };
      }),
    )
    .returning('id')
    .execute();
  await inChunks(
    actions.map((a, i) => ({
      action_id: a.id,
      status: i % 3 === 0 ? ('complete' as const) : ('open' as const),
      reason: 'SYNTHETIC',
      changed_by: by,
    })),
    (part) => db.insertInto('meeting_action_status').values(part).execute(),
  );
  const links: {
    from_kind: 'plan-item' | 'meeting' | 'decision';
    from_ref: string;
    to_kind: 'plan-item' | 'meeting' | 'decision' | 'indicator';
    to_ref: string;
    created_by: string;
  }[] = [];
  // Ranked so the graph has no cycle, as the link store would insist: recommendation r's actions go to meetings 2r
  // and 2r+1, and the first decision of meeting 2r leads on to recommendation r+1 (a long thread, the worst case
  // for the lineage page's walk).
  let k = 0;
  for (const [r, rec] of recommendationIds.entries())
    for (const [a, action] of actionsOf.get(rec)!.entries()) {
      links.push({
        from_kind: 'plan-item',
        from_ref: String(rec),
        to_kind: 'plan-item',
        to_ref: String(action),
        created_by: by,
      });
      const meeting = meetings[(2 * r + (a % 2)) % meetings.length]!;
      links.push({
        from_kind: 'plan-item',
        from_ref: String(action),
        to_kind: 'meeting',
        to_ref: String(meeting.id),
        created_by: by,
      });
      if (indicatorIds.length > 0)
        links.push({
          from_kind: 'plan-item',
          from_ref: String(action),
          to_kind: 'indicator',
          to_ref: indicatorIds[k % indicatorIds.length]!,
          created_by: by,
        });
      k += 1;
    }
  for (const d of decisions)
    links.push({
      from_kind: 'meeting',
      from_ref: String(d.meeting_id),
      to_kind: 'decision',
      to_ref: String(d.id),
      created_by: by,
    });
  for (const [i, d] of decisions.entries()) {
    const next = recommendationIds[Math.floor(i / 4) + 1];
    if (i % 4 === 0 && next !== undefined)
      links.push({
        from_kind: 'decision',
        from_ref: String(d.id),
        to_kind: 'plan-item',
        to_ref: String(next),
        created_by: by,
      });
  }
  await inChunks(links, (part) => db.insertInto('lineage_link').values(part).execute());
  const sampleItems = [...recommendationIds.filter((_, i) => i % 10 === 0), ...itemIds.filter((_, i) => i % 50 === 7)];
  return {
    items: itemIds.length,
    updates: UPDATES,
    meetings: meetings.length,
    decisions: decisions.length,
    meetingActions: actions.length,
    links: links.length,
    sampleItems,
  };
}
