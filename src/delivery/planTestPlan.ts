import type { Kysely } from 'kysely';
import type { Actor, Role } from '../auth/policy.ts';
import type { DB } from '../db/schema.ts';

/*
 * Test-only: people of each role and a small SYNTHETIC plan written straight into the tables, so the store and page
 * tests do not depend on an importer. Accounts are @test.invalid. The plan's two themes hold a police-owned
 * action with a sub-action, a council-owned action due in 2024 and an action with no owner.
 */

export type PlanPeople = Record<
  'manager' | 'viewer' | 'admin' | 'policeAnalyst' | 'policeOwner' | 'councilAnalyst',
  Actor
>;

const PEOPLE: [keyof PlanPeople, string, Role][] = [
  ['manager', 'local_authority', 'partnership_manager'],
  ['viewer', 'police', 'viewer'],
  ['admin', 'local_authority', 'administrator'],
  ['policeAnalyst', 'police', 'analyst'],
  ['policeOwner', 'police', 'data_owner'],
  ['councilAnalyst', 'local_authority', 'analyst'],
];

/** Inserts the accounts (password-less); the email is `<key>@test.invalid`. */
export async function addPlanPeople(db: Kysely<DB>, displayNames: Partial<Record<keyof PlanPeople, string>> = {}) {
  const out = {} as PlanPeople;
  for (const [key, agency, role] of PEOPLE) {
    const email = `${key.toLowerCase()}@test.invalid`;
    const row = await db
      .insertInto('app_user')
      .values({ email, agency_code: agency, role, display_name: displayNames[key] ?? '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    out[key] = { id: row.id, email, agency, role };
  }
  return out;
}

export interface TestPlan {
  planId: number;
  /** police-owned "1", due 2024-03-31, owner person "policeowner@test.invalid" */
  police: number;
  /** its sub-action "1 a)" */
  policeChild: number;
  /** council-owned "2", due 2024-06-30 */
  council: number;
  /** "3", no owner */
  unowned: number;
}

export async function addTestPlan(db: Kysely<DB>): Promise<TestPlan> {
  const { id: planId } = await db
    .insertInto('plan')
    .values({
      kind: 'action-plan',
      title: 'SYNTHETIC partnership plan',
      owner_agency: 'local_authority',
      period: '2024/25',
      created_by: 'test',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const theme = async (key: string, title: string, position: number) =>
    (
      await db
        .insertInto('plan_theme')
        .values({ plan_id: planId, theme_key: key, number: String(position), title, description: '', position })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const violence = await theme('1', 'Reducing violence', 1);
  const governance = await theme('2', 'Governance', 2);
  let position = 0;
  const item = async (
    themeId: number,
    number: string,
    wording: string,
    owner: { person?: string; agency?: string; dueOn?: string } = {},
    parent: number | null = null,
  ) => {
    position += 1;
    const { id } = await db
      .insertInto('plan_item')
      .values({
        plan_id: planId,
        theme_id: themeId,
        parent_item_id: parent,
        match_key: `c|${number}|1`,
        number,
        kind: 'action',
        category: 'core',
        position,
        owner_person: owner.person ?? null,
        owner_agency: owner.agency ?? null,
        due_on: owner.dueOn ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('plan_item_wording')
      .values({ item_id: id, version: 1, old_wording: null, wording, changed_by: 'test' })
      .execute();
    return id;
  };
  const police = await item(violence, '1', 'Weapon sweeps in parks (SYNTHETIC).', {
    person: 'policeowner@test.invalid',
    agency: 'police',
    dueOn: '2024-03-31',
  });
  const policeChild = await item(
    violence,
    '1 a)',
    'Sweeps in Victoria Park (SYNTHETIC).',
    { agency: 'police' },
    police,
  );
  const council = await item(governance, '2', 'Agree terms of reference (SYNTHETIC).', {
    agency: 'local_authority',
    dueOn: '2024-06-30',
  });
  const unowned = await item(governance, '3', 'Share data between partners (SYNTHETIC).');
  return { planId, police, policeChild, council, unowned };
}
