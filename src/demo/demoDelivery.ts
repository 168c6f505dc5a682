import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Actor } from '../auth/policy.ts';
import { findUserByEmail } from '../auth/users.ts';
import type { DB } from '../db/schema.ts';
import { importPlan, type PlanImportResult } from '../delivery/import/importPlan.ts';
import type { PlanImportKind } from '../delivery/import/readPlanFile.ts';
import { addItemUpdate, assignItem, setItemStatus } from '../delivery/planStore.ts';
import { seedDemoGovernance } from '../governance/demo/demoGovernance.ts';
import { seedDemoLineage } from '../lineage/demo/demoLineage.ts';
import { DEMO_USERS } from './demoUsers.ts';

/** The plans the demo imports (demo-plans/README.md says what each is). */
export const DEMO_PLANS_DIR = resolve(import.meta.dirname, '../../demo-plans');

const PLAN_FILES: readonly { file: string; kind: PlanImportKind }[] = [
  { file: 'vru-action-plan-return-2023.txt', kind: 'vru-return' },
  { file: 'sna-recommendations-2024.txt', kind: 'recommendations' },
  { file: 'partnership-plan-2025-26.csv', kind: 'plan' },
];

/** The day the demo's plan updates and meetings are dated from: the demo's data runs to February 2026. */
const DEMO_TODAY = '2026-01-15';

/** SYNTHETIC owners, due dates and progress for a few of the VRU return's core actions, as a borough would keep them. */
const VRU_PROGRESS = [
  { number: '1', owner: 'manager@council.demo', agency: 'local_authority', due: '2025-06-30', status: 'complete' },
  { number: '2', owner: 'manager@council.demo', agency: 'local_authority', due: '2025-09-30', status: 'on track' },
  { number: '3', owner: 'owner@police.demo', agency: 'police', due: '2025-10-31', status: 'at risk' },
  { number: '4', owner: 'analyst@health.demo', agency: 'health', due: '2025-12-31', status: 'on track' },
  { number: '5', owner: 'owner@police.demo', agency: 'police', due: '2025-11-30', status: 'off track' },
] as const;

async function demoActors(db: Kysely<DB>): Promise<Record<string, Actor>> {
  const actors: Record<string, Actor> = {};
  for (const demo of DEMO_USERS) {
    const user = await findUserByEmail(db, demo.email);
    if (user) actors[demo.email] = { id: user.id, email: user.email, agency: user.agency_code, role: user.role };
  }
  return actors;
}

const itemsByNumber = (db: Kysely<DB>, planId: number, kind: 'recommendation' | 'action') =>
  db
    .selectFrom('plan_item')
    .select(['id', 'number'])
    .where('plan_id', '=', planId)
    .where('kind', '=', kind)
    .orderBy('id')
    .execute();

const idOf = (items: readonly { id: number; number: string | null }[], number: string) =>
  items.find((i) => i.number === number)?.id;

/** The VRU return's first core actions get owners and progress, once, when the return is first imported. */
async function seedVruProgress(db: Kysely<DB>, manager: Actor, planId: number): Promise<number> {
  const actions = await itemsByNumber(db, planId, 'action');
  let done = 0;
  for (const p of VRU_PROGRESS) {
    const id = idOf(actions, p.number);
    if (id === undefined) continue;
    await assignItem(db, manager, id, { person: p.owner, agency: p.agency, dueOn: p.due });
    await setItemStatus(db, manager, id, { status: p.status, reason: 'SYNTHETIC progress written for the demo.' });
    await addItemUpdate(db, manager, id, {
      body: `SYNTHETIC: progress reported to the Delivery Group (${p.status}).`,
      onDate: DEMO_TODAY,
    });
    done++;
  }
  return done;
}

/**
 * The demo's delivery work: imports the VRU return, the SNA's recommendations and a SYNTHETIC partnership plan,
 * seeds the boards and a year of meetings, and links a thread from two recommendations through actions and
 * indicators to a meeting's decision (src/lineage/demo). Every step goes through the stores people use, so it is
 * audited and every rule holds; a second start imports nothing and adds nothing. Says what it did, line by line.
 */
export async function seedDemoDelivery(db: Kysely<DB>): Promise<string[]> {
  const actors = await demoActors(db);
  const manager = actors['manager@council.demo'];
  if (!manager) return ['Delivery: demo plans not imported (the demo users are missing)'];
  const auditActor = { userId: manager.id, email: manager.email, agency: manager.agency };
  const lines: string[] = [];
  const imported: Record<string, PlanImportResult> = {};
  for (const { file, kind } of PLAN_FILES) {
    const bytes = await readFile(join(DEMO_PLANS_DIR, file));
    const r = await importPlan(db, auditActor, { fileName: file, bytes, kind, onDate: DEMO_TODAY });
    imported[kind] = r;
    lines.push(`  ${r.outcome.padEnd(9)} plan ${r.planId} (${kind}): ${r.themes} themes, ${r.items} items`);
  }
  const vru = imported['vru-return']!;
  if (vru.outcome === 'created')
    lines.push(`  ${await seedVruProgress(db, manager, vru.planId)} VRU actions given SYNTHETIC owners and progress`);
  const meetings = await seedDemoGovernance(db, actors, DEMO_TODAY);
  if (meetings.boards > 0)
    lines.push(
      `  SYNTHETIC governance: ${meetings.boards} boards, ${meetings.meetings} meetings, ${meetings.decisions} decisions, ${meetings.actions} actions arising`,
    );
  const recommendations = await itemsByNumber(db, imported.recommendations!.planId, 'recommendation');
  const actions = await itemsByNumber(db, imported.plan!.planId, 'action');
  const escalation = await db
    .selectFrom('decision')
    .select('id')
    .where('text', 'like', '%escalate the rise in knife crime%')
    .executeTakeFirst();
  const ids = (numbers: string[], from: typeof actions) =>
    numbers.map((n) => idOf(from, n)).filter((id): id is number => id !== undefined);
  const thread = await seedDemoLineage(db, manager, {
    finding: null,
    // 10: a screening tool in healthcare settings; 14 c): 18 to 25 year olds in the exploitation panels.
    recommendations: ids(['10', '14 c)'], recommendations),
    actions: ids(['1.1', '1.3', '2.4'], actions),
    indicators: ['knife-crime-with-injury', 'knife-injury-victims-under-25', 'serious-violence-under-25'],
    decision: escalation?.id ?? null,
    decisionActions: ids(['3.1'], actions),
  });
  if (thread.added > 0) lines.push(`  ${thread.added} lineage links (SYNTHETIC) from recommendations to a decision`);
  return [`Delivery: ${PLAN_FILES.length} plans`, ...lines];
}
