import type { Kysely } from 'kysely';
import type { Actor, Role } from '../../auth/policy.ts';
import { actorOf, insertUser } from '../../auth/users.ts';
import type { DB } from '../../db/schema.ts';
import type { PanelRole } from '../../db/tables/panels.ts';
import { createTestDb, type TestDb } from '../../../test/createTestDb.ts';
import { KeyRing } from '../crypto/keyRing.ts';
import { loadPanels, type PanelSet, syncPanels } from '../loadPanels.ts';

/*
 * A database for screening and panel tests: the panels from panels/*.json, one SYNTHETIC person per part the
 * need-to-know rules tell apart, and their memberships, plus a fresh key ring (the key is never in the database).
 * Every name is an invented role name at synthetic.test; no case-level data here looks like a real person.
 */

export const PANEL_PEOPLE = {
  /** A school nurse: screens and refers; no panel. */
  nurse: { agency: 'health', role: 'viewer' },
  /** The MASH social worker who triages. */
  mashWorker: { agency: 'local_authority', role: 'analyst', panels: { mash: 'member' } },
  maceChair: { agency: 'local_authority', role: 'partnership_manager', panels: { mace: 'chair' } },
  macePolice: { agency: 'police', role: 'analyst', panels: { mace: 'member' } },
  maceChildren: { agency: 'local_authority', role: 'analyst', panels: { mace: 'member' } },
  /** Same agency as the MACE members, on no panel. */
  councilOutsider: { agency: 'local_authority', role: 'analyst' },
  maracCoordinator: { agency: 'police', role: 'analyst', panels: { marac: 'coordinator' } },
  maracChair: { agency: 'police', role: 'partnership_manager', panels: { marac: 'chair' } },
  viewer: { agency: 'police', role: 'viewer' },
  manager: { agency: 'local_authority', role: 'partnership_manager' },
  admin: { agency: 'local_authority', role: 'administrator' },
} as const satisfies Record<string, { agency: string; role: Role; panels?: Record<string, PanelRole> }>;
export type PanelPerson = keyof typeof PANEL_PEOPLE;

export interface PanelFixture {
  t: TestDb;
  db: Kysely<DB>;
  panels: PanelSet;
  ring: KeyRing;
  people: Record<PanelPerson, Actor>;
}

/** Adds SYNTHETIC users and memberships to an existing database (the app harness's, or a fresh one). */
export async function seedPanelPeople(db: Kysely<DB>): Promise<Record<PanelPerson, Actor>> {
  const panels = await loadPanels();
  await syncPanels(db, panels);
  const people = {} as Record<PanelPerson, Actor>;
  for (const [name, p] of Object.entries(PANEL_PEOPLE) as [PanelPerson, (typeof PANEL_PEOPLE)[PanelPerson]][]) {
    const user = await insertUser(db, {
      email: `${name}@synthetic.test`,
      agency: p.agency,
      role: p.role,
      password: null,
      displayName: `SYNTHETIC ${name}`,
    });
    people[name] = actorOf(user);
    for (const [panelId, role] of Object.entries('panels' in p ? p.panels : {}))
      await db
        .insertInto('panel_member')
        .values({
          panel_id: panelId,
          user_id: user.id,
          agency: p.agency,
          role,
          joined_on: '2020-01-01',
          added_by: 'test',
        })
        .execute();
  }
  return people;
}

export async function createPanelFixture(): Promise<PanelFixture> {
  const t = await createTestDb();
  const db = t.database.db;
  const people = await seedPanelPeople(db);
  return { t, db, panels: await loadPanels(), ring: KeyRing.generate('test-1'), people };
}
