import type { Actor } from '../../auth/policy.ts';
import { hashPassword } from '../../auth/passwordHash.ts';
import { type Browser, type Harness, TEST_PASSWORD } from '../../http/testing/appHarness.ts';
import { type PanelPerson, seedPanelPeople } from './panelTestDb.ts';

/*
 * The panel people for route tests through the app harness. Kept apart from panelTestDb.ts so the tests that only
 * need the database (CLI, API, panels) do not load the whole app. Every person is SYNTHETIC (see PANEL_PEOPLE).
 */

/**
 * Seeds the SYNTHETIC panel people into the harness's database, gives every one the test password, and signs in
 * the ones named, in that order. Only those named: each sign-in is audited and opens a session.
 */
export async function signInPanelPeople<Name extends PanelPerson>(
  h: Harness,
  names: readonly Name[],
): Promise<{ people: Record<PanelPerson, Actor>; as: Record<Name, Browser> }> {
  const db = h.t.database.db;
  const people = await seedPanelPeople(db);
  await db
    .updateTable('app_user')
    .set({ password_hash: await hashPassword(TEST_PASSWORD) })
    .where('email', 'like', '%@synthetic.test')
    .execute();
  return { people, as: await signInEach(h, names) };
}

/** Signs the named panel people in (again, e.g. after moving the clock past their sessions), in that order. */
export async function signInEach<Name extends PanelPerson>(
  h: Harness,
  names: readonly Name[],
): Promise<Record<Name, Browser>> {
  const as = {} as Record<Name, Browser>;
  for (const name of names) as[name] = await h.signIn(`${name}@synthetic.test`);
  return as;
}
