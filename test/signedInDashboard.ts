import { afterAll, beforeAll } from 'vitest';
import type { Role } from '../src/auth/policy.ts';
import type { Browser } from '../src/http/testing/appHarness.ts';
import { createDashboardFixture, type DashboardFixture } from './dashboardFixture.ts';

/** Someone a page test signs in as: email, agency, role. */
export type Person = readonly [email: string, agency: string, role: Role];

/** The readers page tests compare: a council analyst and a probation viewer (partner police records in aggregate only) and the police data owner (direct). */
export const READERS = {
  analyst: ['analyst@council.example', 'local_authority', 'analyst'],
  viewer: ['viewer@probation.example', 'probation', 'viewer'],
  owner: ['owner@police.example', 'police', 'data_owner'],
} as const satisfies Record<string, Person>;

export interface SignedInDashboard<K extends string> {
  f: DashboardFixture;
  /** A signed-in browser per person. */
  as: Record<K, Browser>;
}

/**
 * The dashboard fixture with these people added and signed in, made in the
 * file's beforeAll and closed in its afterAll. Read `.f` and `.as` inside
 * tests (they are set once beforeAll has run).
 */
export function useSignedInDashboard<K extends string>(people: Record<K, Person>): SignedInDashboard<K> {
  const state = { as: {} } as SignedInDashboard<K>;
  beforeAll(async () => {
    state.f = await createDashboardFixture();
    const entries = Object.entries(people) as [K, Person][];
    for (const [, [email, agency, role]] of entries) await state.f.h.addUser(email, agency, role);
    for (const [key, [email]] of entries) state.as[key] = await state.f.h.signIn(email);
  }, 600_000);
  afterAll(async () => {
    await state.f?.h.close();
  });
  return state;
}
